using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Infrastructure.Data;

public static class DatabaseRegistration
{
    public const string ConnectionStringName = "Engagement";

    /// <summary>The connection string, defaulting to a SQLite file in the app's data folder.</summary>
    public static string ResolveConnectionString(IConfiguration configuration, DatabaseProvider provider, string dataDirectory)
    {
        var configured = configuration.GetConnectionString(ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        if (provider == DatabaseProvider.SqlServer)
        {
            throw new InvalidOperationException(
                "ConnectionStrings:Engagement must be set when Database:Provider is SqlServer.");
        }

        Directory.CreateDirectory(dataDirectory);
        return new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, "engagement.db") }.ToString();
    }

    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.SqlServer)
        {
            options.UseSqlServer(connectionString, sql =>
            {
                sql.MigrationsAssembly(DatabaseOptions.SqlServerMigrationsAssembly);
                sql.EnableRetryOnFailure();
            });
        }
        else
        {
            options.UseSqlite(connectionString, sqlite => sqlite
                .MigrationsAssembly(DatabaseOptions.SqliteMigrationsAssembly)
                .CommandTimeout(SqliteTiming.CommandTimeoutSeconds)
                .ExecutionStrategy(dependencies => new SqliteRetryingExecutionStrategy(dependencies)));
            options.AddInterceptors(new SqlitePragmaInterceptor());
        }
    }

    public static IServiceCollection AddEngagementDatabase(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        var databaseOptions = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        databaseOptions.ConnectionString = ResolveConnectionString(configuration, databaseOptions.Provider, dataDirectory);
        services.AddSingleton(databaseOptions);
        // Pooled: a request reuses a context instead of building one and its services (the context holds no state of
        // its own beyond what EF Core resets when it goes back to the pool).
        services.AddDbContextPool<EngagementDbContext>(options => Configure(options, databaseOptions.Provider, databaseOptions.ConnectionString));
        services.AddScoped<ReferenceNumbers>();
        services.AddScoped<Email.EmailOutbox>();
        return services;
    }
}
