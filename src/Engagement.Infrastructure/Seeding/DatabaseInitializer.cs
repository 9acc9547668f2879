using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Identity;
using Engagement.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Engagement.Infrastructure.Seeding;

/// <summary>
/// Runs once at start-up: applies migrations (when configured), turns on SQLite's WAL mode, fills the search trigram
/// tables if they are in use and empty (<see cref="SearchGrams"/>), seeds the priorities and
/// roles in every environment, removes demo accounts in Production, and seeds demo data when asked.
/// </summary>
public sealed class DatabaseInitializer(
    IServiceProvider services,
    DatabaseOptions databaseOptions,
    SeedOptions seedOptions,
    IHostEnvironment environment,
    ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(string dataDirectory, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EngagementDbContext>();

        // A database that is up to date (every restart) is only read: asking which migrations are pending reads the
        // history table, while MigrateAsync would also build the last migration's model to check it against the code.
        if (databaseOptions.ShouldMigrateOnStartup && (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            await db.Database.MigrateAsync(cancellationToken);
        }

        if (databaseOptions.Provider == DatabaseProvider.Sqlite)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
            await OptimizeSqliteAsync(db, cancellationToken);
        }

        await SearchGrams.IndexIfEmptyAsync(db, cancellationToken);
        await scope.ServiceProvider.GetRequiredService<PrioritySeeder>().SeedAsync(PrioritySeeder.DefaultPath, cancellationToken);
        await EnsureRolesAsync(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>());

        if (environment.IsProduction())
        {
            if (seedOptions.DemoData)
            {
                throw new InvalidOperationException("Seed:DemoData must not be true in Production.");
            }

            await RemoveDemoAccountsAsync(scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>());
            return;
        }

        if (seedOptions.DemoData)
        {
            var password = DemoPassword(dataDirectory);
            var authenticatorKey = DemoAuthenticatorKey(dataDirectory);
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(password, authenticatorKey, cancellationToken);
        }
    }

    /// <summary>
    /// Keeps the query planner's statistics fresh: <c>PRAGMA optimize</c> with 0x10000 checks every table (not only
    /// those this connection has used) and runs a size-limited ANALYZE where the statistics are missing or stale, so
    /// the planner picks the covering indexes for the public log's counts. Cheap when nothing changed; called at
    /// start-up and after bulk loads. SQL Server keeps its own statistics (AUTO_UPDATE_STATISTICS; see README).
    /// </summary>
    public static Task OptimizeSqliteAsync(EngagementDbContext db, CancellationToken cancellationToken = default) =>
        db.Database.ExecuteSqlRawAsync("PRAGMA optimize = 0x10002;", cancellationToken);

    private string DemoPassword(string dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(seedOptions.DemoPassword))
        {
            logger.LogInformation("Demo accounts use the password in the Seed:DemoPassword setting");
            return seedOptions.DemoPassword;
        }

        var path = Path.Combine(dataDirectory, "demo-password.txt");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(dataDirectory);
            File.WriteAllText(path, SecureToken.Create()[..20] + Environment.NewLine);
        }

        logger.LogWarning("Demo accounts (admin@demo.test, commissioner@demo.test, carehome.provider@demo.test, homecare.provider@demo.test): password in {DemoPasswordFile}", path);
        return File.ReadAllText(path).Trim();
    }

    private string DemoAuthenticatorKey(string dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(seedOptions.DemoAuthenticatorKey))
        {
            logger.LogInformation("Demo staff accounts use the authenticator key in the Seed:DemoAuthenticatorKey setting");
            return AuthenticatorKey.Normalise(seedOptions.DemoAuthenticatorKey);
        }

        var path = Path.Combine(dataDirectory, "demo-authenticator-key.txt");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(dataDirectory);
            File.WriteAllText(path, AuthenticatorKey.Create() + Environment.NewLine);
        }

        logger.LogWarning("Demo staff accounts (admin@demo.test, commissioner@demo.test) use two-factor authentication: add the key in {DemoAuthenticatorKeyFile} to an authenticator app", path);
        return AuthenticatorKey.Normalise(File.ReadAllText(path));
    }

    private static async Task EnsureRolesAsync(RoleManager<IdentityRole> roles)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }

    private async Task RemoveDemoAccountsAsync(UserManager<ApplicationUser> users)
    {
        var demo = await users.Users.Where(u => u.Email != null && u.Email.EndsWith("@" + SeedOptions.DemoDomain)).ToListAsync();
        foreach (var user in demo)
        {
            await users.DeleteAsync(user);
            logger.LogWarning("Removed a demo account in Production");
        }
    }
}
