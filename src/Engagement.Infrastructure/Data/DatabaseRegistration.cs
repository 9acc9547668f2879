using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
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

    /// <summary>
    /// Configures the context for a provider. By default the context uses that provider's compiled model (decision
    /// 0031) instead of building the model from <see cref="EngagementDbContext"/>'s code at start-up;
    /// <paramref name="useCompiledModel"/> false builds it from the code, as the design-time factories (adding a
    /// migration, regenerating the compiled model) and the drift tests do. Search uses the trigram tables
    /// (<see cref="SearchGrams"/>) on SQL Server, and on SQLite when <paramref name="trigramSearch"/> is true.
    /// </summary>
    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString, bool useCompiledModel = true, bool trigramSearch = false)
    {
        if (provider == DatabaseProvider.SqlServer || trigramSearch)
        {
            options.AddInterceptors(new SearchGrams.Interceptor());
        }

        if (useCompiledModel)
        {
            options.UseModel(CompiledModel(provider));
        }

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

    /// <summary>
    /// The provider's compiled model. migrations/optimize-model.sh generates it into the provider's migrations project,
    /// beside that provider's migrations and snapshot (Infrastructure cannot reference those projects), and it is found
    /// there as EF Core finds one in the context's own assembly: by the <see cref="DbContextModelAttribute"/> the
    /// generator writes. A test fails when it no longer matches the model built from the code.
    /// </summary>
    public static IModel CompiledModel(DatabaseProvider provider) => provider == DatabaseProvider.SqlServer
        ? SqlServerCompiledModel.Value
        : SqliteCompiledModel.Value;

    private static readonly Lazy<IModel> SqliteCompiledModel = new(() => FindCompiledModel(DatabaseOptions.SqliteMigrationsAssembly));
    private static readonly Lazy<IModel> SqlServerCompiledModel = new(() => FindCompiledModel(DatabaseOptions.SqlServerMigrationsAssembly));

    private static IModel FindCompiledModel(string migrationsAssembly)
    {
        var modelType = Assembly.Load(migrationsAssembly).GetCustomAttributes<DbContextModelAttribute>()
            .SingleOrDefault(a => a.ContextType == typeof(EngagementDbContext))?.ModelType
            ?? throw new InvalidOperationException(
                $"{migrationsAssembly} has no compiled model of {nameof(EngagementDbContext)}: run migrations/optimize-model.sh.");
        return (IModel)modelType.GetProperty("Instance", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
    }

    public static IServiceCollection AddEngagementDatabase(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        var databaseOptions = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        databaseOptions.ConnectionString = ResolveConnectionString(configuration, databaseOptions.Provider, dataDirectory);
        services.AddSingleton(databaseOptions);
        // Pooled: a request reuses a context instead of building one and its services (the context holds no state of
        // its own beyond what EF Core resets when it goes back to the pool).
        services.AddDbContextPool<EngagementDbContext>(options => Configure(options, databaseOptions.Provider, databaseOptions.ConnectionString, trigramSearch: databaseOptions.UsesTrigramSearch));
        services.AddScoped<ReferenceNumbers>();
        services.AddScoped<Email.EmailOutbox>();
        return services;
    }
}
