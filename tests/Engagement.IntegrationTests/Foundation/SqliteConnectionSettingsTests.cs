using System.Globalization;
using Engagement.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.IntegrationTests.Foundation;

/// <summary>
/// Every SQLite connection the app uses waits for locks, enforces foreign keys and zeroes deleted content. The settings
/// are sent once per underlying connection, so this checks them on a connection the pool hands out again (the
/// default connection string, pooled as in production), where nothing was sent on the second open.
/// </summary>
public sealed class SqliteConnectionSettingsTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "engagement-tests", "pragmas-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_connection_reused_from_the_pool_keeps_every_setting()
    {
        var services = new ServiceCollection()
            .AddEngagementDatabase(new ConfigurationBuilder().Build(), _directory)
            .BuildServiceProvider();
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<EngagementDbContext>().Database.MigrateAsync();
        }

        object? firstHandle;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EngagementDbContext>();
            await db.Database.OpenConnectionAsync();
            firstHandle = ((SqliteConnection)db.Database.GetDbConnection()).Handle;
            await AssertSettingsAsync(db);
            await db.Database.CloseConnectionAsync();
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EngagementDbContext>();
            await db.Database.OpenConnectionAsync();
            Assert.Same(firstHandle, ((SqliteConnection)db.Database.GetDbConnection()).Handle);
            await AssertSettingsAsync(db);

            // And a foreign key is refused on it, not only reported as on.
            var refused = await Assert.ThrowsAsync<SqliteException>(() =>
                db.Database.ExecuteSqlRawAsync("INSERT INTO \"FeedbackItemPriorities\" (\"FeedbackItemId\", \"PriorityNumber\") VALUES (-1, -1);"));
            Assert.Equal(19, refused.SqliteErrorCode);
        }
    }

    private static async Task AssertSettingsAsync(EngagementDbContext db)
    {
        Assert.Equal(SqliteTiming.BusyTimeoutMilliseconds, await PragmaAsync(db, "busy_timeout"));
        Assert.Equal(1, await PragmaAsync(db, "foreign_keys"));
        Assert.Equal(1, await PragmaAsync(db, "synchronous"));
        Assert.Equal(1, await PragmaAsync(db, "secure_delete"));
    }

    private static async Task<long> PragmaAsync(EngagementDbContext db, string name)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Under the temp folder, which the machine clears.
        }
    }
}
