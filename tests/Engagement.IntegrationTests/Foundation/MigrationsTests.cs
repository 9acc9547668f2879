using Engagement.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Engagement.IntegrationTests.Foundation;

public sealed class MigrationsTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=drift.db")]
    [InlineData(DatabaseProvider.SqlServer, "Server=localhost;Database=Drift;TrustServerCertificate=True")]
    public void Neither_provider_has_pending_model_changes(DatabaseProvider provider, string connectionString)
    {
        // The model built from the code (OnModelCreating), not the compiled one: CompiledModelTests holds that to the code.
        var options = new DbContextOptionsBuilder<EngagementDbContext>();
        DatabaseRegistration.Configure(options, provider, connectionString, useCompiledModel: false);
        using var db = new EngagementDbContext(options.Options);

        Assert.False(db.Database.HasPendingModelChanges(), $"The {provider} migrations are behind the model: run migrations/add-migration.sh");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void The_sql_server_idempotent_script_is_generated_from_the_migrations()
    {
        var options = new DbContextOptionsBuilder<EngagementDbContext>();
        DatabaseRegistration.Configure(options, DatabaseProvider.SqlServer, "Server=localhost;Database=Drift;TrustServerCertificate=True");
        using var db = new EngagementDbContext(options.Options);

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Matches(@"IF NOT EXISTS\s*\(\s*SELECT \* FROM \[__EFMigrationsHistory\]", script);
        Assert.Contains("CREATE TABLE [FeedbackItems]", script);
        Assert.Contains("CREATE TABLE [AspNetUsers]", script);
    }

    private static EngagementDbContext Context(DatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<EngagementDbContext>();
        DatabaseRegistration.Configure(options, provider, connectionString);
        return new EngagementDbContext(options.Options);
    }

    /// <summary>The name after the timestamp: 20261122131510_Initial is Initial.</summary>
    private static string Name(string migrationId) => migrationId[(migrationId.IndexOf('_', StringComparison.Ordinal) + 1)..];

    [Fact]
    public void Every_migration_has_its_twin_for_the_other_provider_in_the_same_order()
    {
        using var sqlite = Context(DatabaseProvider.Sqlite, "Data Source=twins.db");
        using var sqlServer = Context(DatabaseProvider.SqlServer, "Server=localhost;Database=Twins;TrustServerCertificate=True");

        Assert.Equal(sqlite.Database.GetMigrations().Select(Name), sqlServer.Database.GetMigrations().Select(Name));
    }

    [Fact]
    public void The_sql_server_idempotent_script_guards_every_migration_and_applies_them_in_order()
    {
        using var db = Context(DatabaseProvider.SqlServer, "Server=localhost;Database=Drift;TrustServerCertificate=True");
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        var positions = db.Database.GetMigrations().Select(id =>
        {
            var guard = script.IndexOf($"WHERE [MigrationId] = N'{id}'", StringComparison.Ordinal);
            Assert.True(guard >= 0, $"{id} is not guarded in the idempotent script");
            Assert.Contains($"VALUES (N'{id}'", script);
            return guard;
        }).ToList();
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public void On_sql_server_the_context_retries_transient_failures_and_touches_no_database_until_asked()
    {
        using var db = Context(DatabaseProvider.SqlServer, "Server=127.0.0.1,1;Database=Unreachable;Connect Timeout=1;TrustServerCertificate=True");

        Assert.Equal("Microsoft.EntityFrameworkCore.SqlServer", db.Database.ProviderName);
        Assert.True(db.Database.CreateExecutionStrategy().RetriesOnFailure);
        Assert.Equal(System.Data.ConnectionState.Closed, db.Database.GetDbConnection().State);
        Assert.NotNull(db.Model.FindEntityType(typeof(Engagement.Domain.Feedback.FeedbackItem)));
    }

    [Fact]
    public void On_sqlite_the_context_retries_a_busy_database_with_its_own_strategy()
    {
        using var db = Context(DatabaseProvider.Sqlite, "Data Source=strategy.db");

        var strategy = db.Database.CreateExecutionStrategy();
        Assert.IsType<SqliteRetryingExecutionStrategy>(strategy);
        Assert.True(strategy.RetriesOnFailure);
    }
}
