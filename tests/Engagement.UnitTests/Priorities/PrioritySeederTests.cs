using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Seeding;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Engagement.UnitTests.Priorities;

public sealed class PrioritySeederTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public PrioritySeederTests() => _connection.Open();

    private EngagementDbContext NewContext()
    {
        var options = new DbContextOptionsBuilder<EngagementDbContext>()
            .UseSqlite(_connection, sqlite => sqlite.MigrationsAssembly(DatabaseOptions.SqliteMigrationsAssembly))
            .Options;
        return new EngagementDbContext(options);
    }

    [Fact]
    public void The_seed_file_holds_the_eighteen_priorities_of_the_market_position_statement()
    {
        var priorities = PrioritySeeder.Read(PrioritySeeder.DefaultPath);

        Assert.Equal(Enumerable.Range(1, 18), priorities.Select(p => p.Number));
        Assert.Equal([5, 8, 11], priorities.Where(p => p.IsMarketOpportunity).Select(p => p.Number));
        Assert.All(priorities, p =>
        {
            Assert.False(string.IsNullOrWhiteSpace(p.ShortTitle));
            Assert.True(p.FullText.Length > 50);
            Assert.Equal("2024-2027", p.PlanPeriod);
        });
        Assert.StartsWith("We will continue to support and encourage providers to register", priorities[0].FullText);
    }

    [Fact]
    public async Task Seeding_twice_leaves_the_same_rows()
    {
        await using (var db = NewContext())
        {
            await db.Database.MigrateAsync();
            await new PrioritySeeder(db).SeedAsync(PrioritySeeder.DefaultPath);
        }

        var first = await Snapshot();
        await using (var db = NewContext())
        {
            await new PrioritySeeder(db).SeedAsync(PrioritySeeder.DefaultPath);
        }

        var second = await Snapshot();
        Assert.Equal(18, first.Count);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task A_priority_dropped_from_the_file_is_retired_not_deleted()
    {
        await using var db = NewContext();
        await db.Database.MigrateAsync();
        await new PrioritySeeder(db).SeedAsync(PrioritySeeder.DefaultPath);
        var shorter = Path.GetTempFileName();
        var json = await File.ReadAllTextAsync(PrioritySeeder.DefaultPath);
        var document = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        document["priorities"]!.AsArray().RemoveAt(17);
        await File.WriteAllTextAsync(shorter, document.ToJsonString());

        await new PrioritySeeder(db).SeedAsync(shorter);

        Assert.Equal(18, await db.Priorities.CountAsync());
        Assert.False((await db.Priorities.SingleAsync(p => p.Number == 18)).IsLive);
        File.Delete(shorter);
    }

    private async Task<List<string>> Snapshot()
    {
        await using var db = NewContext();
        return await db.Priorities.AsNoTracking().OrderBy(p => p.Number)
            .Select(p => p.Number + "|" + p.Section + "|" + p.ShortTitle + "|" + p.FullText + "|" + p.IsMarketOpportunity + "|" + p.PlanPeriod + "|" + p.IsLive)
            .ToListAsync();
    }

    public void Dispose() => _connection.Dispose();
}
