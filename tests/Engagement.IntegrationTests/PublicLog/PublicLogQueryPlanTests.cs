using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.RegularExpressions;
using Engagement.Domain.Responses;
using Engagement.Infrastructure.Data;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.Web.Features.PublicLog;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static Engagement.IntegrationTests.PublicLog.PublicLogTestSupport;

namespace Engagement.IntegrationTests.PublicLog;

/// <summary>
/// The public log's queries on a cache miss, at a generated volume (the real bulk generator, which ends with ANALYZE):
/// every SQL command a page runs is captured and run again under <c>EXPLAIN QUERY PLAN</c> on the same SQLite file.
/// No command may scan a whole entries, links or feedback table, and each filter must be answered by its index.
/// </summary>
public sealed class PublicLogQueryPlanTests(PublicLogQueryPlanTests.Fixture fixture, ITestOutputHelper output) : IClassFixture<PublicLogQueryPlanTests.Fixture>
{
    private static readonly string[] LargeTables = ["ResponseEntries", "ResponseEntryPriorities", "StatusChanges", "FeedbackItems", "FeedbackItemPriorities"];

    public sealed class Fixture : IAsyncLifetime
    {
        public CapturingFactory Factory { get; } = new();

        public string GeneratorOutput { get; private set; } = "";

        public async Task InitializeAsync()
        {
            using var writer = new StringWriter();
            Assert.Equal(0, await VolumeGenerator.RunAsync(Factory.Services, ["--entries", "3000", "--feedback", "12000"], writer));
            GeneratorOutput = writer.ToString();
        }

        public Task DisposeAsync()
        {
            Factory.Dispose();
            return Task.CompletedTask;
        }
    }

    /// <summary>The app with its output cache off (every request is a miss) and every SQL command recorded.</summary>
    public sealed class CapturingFactory : EngagementFactory
    {
        public CommandCapture Commands { get; } = new();

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["OutputCache:Enabled"] = "false" };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.ConfigureDbContext<EngagementDbContext>(options => options.AddInterceptors(Commands)));
        }
    }

    public sealed record CapturedCommand(string Sql, IReadOnlyList<(string Name, object? Value, SqliteType Type)> Parameters);

    public sealed class CommandCapture : DbCommandInterceptor
    {
        public ConcurrentQueue<CapturedCommand> All { get; } = new();

        private void Capture(DbCommand command) => All.Enqueue(new CapturedCommand(
            command.CommandText,
            command.Parameters.Cast<SqliteParameter>().Select(p => (p.ParameterName, (object?)p.Value, p.SqliteType)).ToList()));

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Capture(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Capture(command);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    private async Task<List<(string Sql, List<string> Plan)>> PlansForAsync(string url)
    {
        // Counts without date or word filters are held until something changes (decision 0026): a change makes the
        // page count, so that its commands can be checked.
        await using (var db = fixture.Factory.CreateDbContext())
        {
            await ChangeStamp.TouchAsync(db, CancellationToken.None);
        }

        fixture.Factory.Commands.All.Clear();
        var response = await fixture.Factory.CreateBrowserClient().GetAsync(url);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var commands = fixture.Factory.Commands.All.ToList();
        Assert.NotEmpty(commands);

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = fixture.Factory.DatabasePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        var plans = new List<(string, List<string>)>();
        foreach (var command in commands.Where(c => c.Sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)))
        {
            await using var explain = connection.CreateCommand();
            explain.CommandText = "EXPLAIN QUERY PLAN " + command.Sql;
            foreach (var (name, value, type) in command.Parameters)
            {
                explain.Parameters.Add(new SqliteParameter(name, value ?? DBNull.Value) { SqliteType = type });
            }

            var plan = new List<string>();
            await using var reader = await explain.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(3));
            }

            output.WriteLine(command.Sql);
            output.WriteLine("  => " + string.Join("\n  => ", plan));
            plans.Add((command.Sql, plan));
        }

        return plans;
    }

    /// <summary>Plan lines that read a whole large table (or a whole index of it), with the table named.</summary>
    private static IEnumerable<string> FullScans(string sql, IEnumerable<string> plan)
    {
        var tables = Regex.Matches(sql, "(?:FROM|JOIN) \"(\\w+)\" AS \"(\\w+)\"")
            .ToDictionary(m => m.Groups[2].Value, m => m.Groups[1].Value);
        foreach (var line in plan)
        {
            var scan = Regex.Match(line, "^SCAN (\\w+)");
            if (scan.Success && !line.Contains("VIRTUAL TABLE", StringComparison.Ordinal)
                && (LargeTables.Contains(scan.Groups[1].Value) || (tables.TryGetValue(scan.Groups[1].Value, out var table) && LargeTables.Contains(table))))
            {
                yield return line;
            }
        }
    }

    [Theory]
    [InlineData("/you-said-we-did", "USING COVERING INDEX IX_ResponseEntries_IsPublished_Status_Section_PriorityMask (IsPublished=?)")]
    [InlineData("/you-said-we-did?priority=3", "IX_ResponseEntryPriorities_PriorityNumber_ResponseEntryId (PriorityNumber=?)")]
    [InlineData("/you-said-we-did?priority=3&priority=5", "IX_ResponseEntryPriorities_PriorityNumber_ResponseEntryId (PriorityNumber=?)")]
    [InlineData("/you-said-we-did?section=home-care", "(IsPublished=? AND Section=?)")]
    [InlineData("/you-said-we-did?status=completed", "(IsPublished=? AND Status=?)")]
    [InlineData("/you-said-we-did?from=2026-01-01&to=2026-06-30", "(IsPublished=? AND LastUpdatedAt>? AND LastUpdatedAt<?)")]
    [InlineData("/you-said-we-did?q=visit", "VIRTUAL TABLE INDEX 0:M")]
    [InlineData("/you-said-we-did?q=WD-2026-0001", "VIRTUAL TABLE INDEX 0:M")]
    [InlineData("/you-said-we-did?priority=3&status=completed&section=home-care&q=visit&from=2025-01-01", "VIRTUAL TABLE INDEX 0:M")]
    [InlineData("/priorities/3", "USING COVERING INDEX IX_ResponseEntries_IsPublished_Status_Section_PriorityMask (IsPublished=?)")]
    public async Task Every_log_filter_is_answered_by_an_index_without_a_full_scan(string url, string expected)
    {
        var plans = await PlansForAsync(url);

        var scans = plans.SelectMany(p => FullScans(p.Sql, p.Plan).Select(line => $"{line}\n    in {p.Sql}")).ToList();
        Assert.True(scans.Count == 0, $"Full scans for {url}:\n" + string.Join("\n", scans));
        Assert.Contains(plans.SelectMany(p => p.Plan), line => line.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_generator_loads_what_it_says_rebuilds_every_index_and_gathers_statistics()
    {
        Assert.Contains("3000 published entries", fixture.GeneratorOutput);
        using var db = fixture.Factory.CreateDbContext();
        Assert.True(await db.ResponseEntries.CountAsync() >= 3000);
        const string synthetic = "Synthetic feedback for load testing.";
        Assert.Equal(12000, await db.FeedbackItems.CountAsync(f => f.Text == synthetic));
        Assert.Equal(12000, await db.FeedbackItems.CountAsync(f => f.Text == synthetic && f.Priorities.Count == 1));
        Assert.Equal(3000, await db.ResponseEntries.CountAsync(e => e.YouSaidSummary.Contains("Synthetic entry") && e.IsPublished && e.History.Count > 0 && e.Priorities.Count > 0));

        var model = db.Model.GetEntityTypes().SelectMany(t => t.GetIndexes()).Select(i => i.GetDatabaseName()).ToHashSet();
        var indexes = await db.Database.SqlQueryRaw<string>("SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").ToListAsync();
        Assert.Contains("IX_ResponseEntries_IsPublished_Status_Section_PriorityMask", indexes);
        Assert.Empty(model.Except(indexes));
        Assert.True(await db.Database.SqlQueryRaw<int>("SELECT count(*) AS \"Value\" FROM sqlite_stat1 WHERE tbl = 'ResponseEntries'").SingleAsync() > 0);

        // The search index holds every generated entry (triggers fire on the bulk inserts).
        var searchable = await db.Database.SqlQueryRaw<int>($"SELECT count(*) AS \"Value\" FROM \"{TextSearch.ResponseEntries}\" WHERE \"{TextSearch.ResponseEntries}\" MATCH '\"Synthetic entry\"'").SingleAsync();
        Assert.True(searchable >= 3000, $"{searchable} entries found by the search index");
    }

    [Fact]
    public async Task Priority_counts_follow_edits_to_an_entrys_priorities()
    {
        var m = Marker();
        var entry = await AddEntryAsync(fixture.Factory, $"Counted {m}", "x", new DateTime(2032, 2, 1, 0, 0, 0, DateTimeKind.Utc), priorities: [2, 4]);
        var client = fixture.Factory.CreateBrowserClient();
        async Task<string[]> CountsAsync(string query)
        {
            var (_, page) = await Html.GetAsync(client, "/you-said-we-did?" + query);
            return [.. new[] { 2, 4, 6 }.Select(n => page.QuerySelector($"label[for=priority-{n}]")!.TextContent.Trim()[^3..]), page.QuerySelector("#results-heading")!.TextContent.Trim()];
        }

        Assert.Equal(["(1)", "(1)", "(0)", "1 entry"], await CountsAsync($"q={m}"));
        using (var db = fixture.Factory.CreateDbContext())
        {
            var tracked = await db.ResponseEntries.Include(e => e.Priorities).SingleAsync(e => e.Id == entry.Id);
            tracked.Priorities.RemoveAll(p => p.PriorityNumber == 2);
            tracked.Priorities.Add(new ResponseEntryPriority { PriorityNumber = 6 });
            await db.SaveChangesAsync();
            Assert.Equal(PriorityMask.Of([4, 6]), await db.ResponseEntries.Where(e => e.Id == entry.Id).Select(e => EF.Property<long>(e, PriorityMask.Property)).SingleAsync());
        }

        Assert.Equal(["(0)", "(1)", "(1)", "1 entry"], await CountsAsync($"q={m}"));
        Assert.Equal(["(0)", "(1)", "(1)", "1 entry"], await CountsAsync($"q={m}&priority=6"));
        Assert.Equal(["(0)", "(1)", "(1)", "0 entries"], await CountsAsync($"q={m}&priority=2"));
        Assert.Equal(["(0)", "(0)", "(0)", "0 entries"], await CountsAsync($"q={m}&status=completed"));

        // The counts under a search are held until a change (decision 0030): a new entry with the words is counted at once.
        await AddEntryAsync(fixture.Factory, $"Counted again {m}", "x", new DateTime(2032, 2, 2, 0, 0, 0, DateTimeKind.Utc), priorities: [6]);
        Assert.Equal(["(0)", "(1)", "(2)", "2 entries"], await CountsAsync($"q={m}"));
        Assert.Equal(["(0)", "(1)", "(2)", "1 entry"], await CountsAsync($"q={m}&priority=4"));
    }

    [Fact]
    public async Task Held_counts_without_words_or_dates_follow_every_change_to_the_published_entries()
    {
        var client = fixture.Factory.CreateBrowserClient();
        async Task<(int Total, string Workforce)> CountsAsync(string query = "")
        {
            var (_, page) = await Html.GetAsync(client, "/you-said-we-did" + query);
            var heading = page.QuerySelector("#results-heading")!.TextContent.Trim();
            return (int.Parse(heading.Split(' ')[0], System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture),
                page.QuerySelector("option[value=workforce]")!.TextContent.Trim());
        }

        async Task<int> FromScratchAsync()
        {
            await using var db = fixture.Factory.CreateDbContext();
            return await db.ResponseEntries.CountAsync(e => e.IsPublished);
        }

        var before = await CountsAsync();
        Assert.Equal(before, await CountsAsync());
        Assert.Equal(await FromScratchAsync(), before.Total);

        // A new published entry (through the DbContext, so the change stamp moves in the same save) is counted at once.
        var entry = await AddEntryAsync(fixture.Factory, $"Held {Marker()}", "x", new DateTime(2032, 4, 1, 0, 0, 0, DateTimeKind.Utc), section: Domain.Common.ServiceSection.Workforce);
        var added = await CountsAsync();
        Assert.Equal(before.Total + 1, added.Total);
        Assert.NotEqual(before.Workforce, added.Workforce);
        Assert.Equal(added, await CountsAsync("?status=nonsense&utm_source=x"));

        // Unpublished again: back to what it was.
        using (var db = fixture.Factory.CreateDbContext())
        {
            var tracked = await db.ResponseEntries.SingleAsync(e => e.Id == entry.Id);
            Assert.True(tracked.Unpublish(DateTime.UtcNow).Succeeded);
            await db.SaveChangesAsync();
        }

        Assert.Equal(before, await CountsAsync());
        Assert.Equal(await FromScratchAsync(), before.Total);
    }

    [Fact]
    public async Task Search_text_that_is_full_text_syntax_is_matched_literally()
    {
        var m = Marker();
        var entry = await AddEntryAsync(fixture.Factory, $"Odd {m} \"quoted\" OR * NEAR(a b) 100%", "x", new DateTime(2032, 3, 1, 0, 0, 0, DateTimeKind.Utc));
        var client = fixture.Factory.CreateBrowserClient();
        async Task<IReadOnlyList<string>> Refs(string words) => References((await Html.GetAsync(client, "/you-said-we-did?q=" + Uri.EscapeDataString(words))).Document);

        Assert.Equal([entry.Reference], await Refs($"{m} \"quoted\" OR *"));
        Assert.Equal([entry.Reference], await Refs("NEAR(a b) 100%"));
        Assert.Equal([entry.Reference], await Refs($"{m} \"QUOTED"));
        Assert.Empty(await Refs($"{m} quoted"));
        foreach (var junk in new[] { "\0abc", "\"\"\"", "abc\" OR x", "***", "NEAR(", "a\0" })
        {
            var response = await client.GetAsync("/you-said-we-did?q=" + Uri.EscapeDataString(junk));
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task The_search_index_follows_inserts_edits_and_unpublishing()
    {
        var m = Marker();
        var entry = await AddEntryAsync(fixture.Factory, $"Searchable {m}", "x", new DateTime(2032, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var client = fixture.Factory.CreateBrowserClient();
        async Task<IReadOnlyList<string>> Refs(string words) => References((await Html.GetAsync(client, "/you-said-we-did?q=" + Uri.EscapeDataString(words))).Document);

        Assert.Equal([entry.Reference], await Refs(m));
        using (var db = fixture.Factory.CreateDbContext())
        {
            await db.ResponseEntries.Where(e => e.Id == entry.Id).ExecuteUpdateAsync(u => u.SetProperty(e => e.Title, "Renamed").SetProperty(e => e.WeDidMarkdown, $"We did {m}2 today"));
        }

        Assert.Equal([entry.Reference], await Refs(m + "2 TODAY"));
        Assert.Equal([entry.Reference], await Refs($"{m}2"));
        Assert.Empty(await Refs("Searchable " + m));

        using (var db = fixture.Factory.CreateDbContext())
        {
            var tracked = await db.ResponseEntries.SingleAsync(e => e.Id == entry.Id);
            Assert.True(tracked.Unpublish(DateTime.UtcNow).Succeeded);
            await db.SaveChangesAsync();
        }

        Assert.Empty(await Refs(m));
    }
}
