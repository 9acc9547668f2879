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
        var options = new DbContextOptionsBuilder<EngagementDbContext>();
        DatabaseRegistration.Configure(options, provider, connectionString);
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
}
