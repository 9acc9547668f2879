using System.Globalization;
using AngleSharp.Html.Dom;
using Engagement.Domain.Common;
using Engagement.Domain.Feedback;
using Engagement.Domain.Responses;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Security;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.Web.Features.Deadlines;
using Engagement.Web.Features.PublicLog;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static Engagement.IntegrationTests.PublicLog.PublicLogTestSupport;

namespace Engagement.IntegrationTests.PublicLog;

/// <summary>
/// <c>/insights</c> is drawn from figures counted once per change (decision 0026). At a small generated volume plus
/// hand-made edge cases, every figure on the page equals a count from scratch (the uncached queries, and an in-memory
/// count of every row for the feedback figures), before and after each kind of change and when the overdue cutoff
/// moves; a request with nothing changed counts nothing again and reads no feedback table.
/// </summary>
public sealed class InsightsAggregateTests(InsightsAggregateTests.Fixture fixture, ITestOutputHelper output) : IClassFixture<InsightsAggregateTests.Fixture>
{
    private static readonly DateTime Today = new(2026, 7, 8, 10, 0, 0, DateTimeKind.Utc);

    public sealed class Fixture : IAsyncLifetime
    {
        public InsightsFactory Factory { get; } = new();

        public async Task InitializeAsync()
        {
            Factory.Clock.Set(Today);
            using var writer = new StringWriter();
            Assert.Equal(0, await VolumeGenerator.RunAsync(Factory.Services, ["--entries", "300", "--feedback", "3000"], writer));
        }

        public Task DisposeAsync()
        {
            Factory.Dispose();
            return Task.CompletedTask;
        }
    }

    /// <summary>Output cache off (every request reaches the page), a clock the test moves, every SQL command recorded.</summary>
    public sealed class InsightsFactory : EngagementFactory
    {
        public TestClock Clock { get; } = new();

        public PublicLogQueryPlanTests.CommandCapture Commands { get; } = new();

        protected override TimeProvider TestTime => Clock;

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["OutputCache:Enabled"] = "false" };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.ConfigureDbContext<EngagementDbContext>(options => options.AddInterceptors(Commands)));
        }
    }

    private InsightsFactory Factory => fixture.Factory;

    private int Counts => Factory.Services.GetRequiredService<InsightsAggregateStore>().Counts;

    [Fact]
    public async Task Every_figure_equals_a_count_from_scratch_before_and_after_each_change()
    {
        Factory.Clock.Set(Today);
        var client = Factory.CreateBrowserClient();

        // Hand-made edge cases beside the generated volume.
        var action = await AddEntryAsync(Factory, "Action " + Marker(), "said", Today.AddDays(-20), ServiceSection.HomeCare, [3], ResponseStatus.ActionPlanned);
        var review = await AddEntryAsync(Factory, "Review " + Marker(), "said", Today.AddDays(-20), ServiceSection.Workforce, [4], ResponseStatus.UnderReview);
        var draft = await AddEntryAsync(Factory, "Draft " + Marker(), "said", Today.AddDays(-20), ServiceSection.HomeCare, [3], ResponseStatus.ActionPlanned, publish: false);
        await AddItemAsync(new DateTime(2026, 3, 31, 23, 30, 0, DateTimeKind.Utc), new DateTime(2026, 4, 2, 10, 0, 0, DateTimeKind.Utc), action.Id, 3); // 1 April in the UK, March in UTC
        await AddItemAsync(new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc), new DateTime(2026, 3, 30, 23, 0, 0, DateTimeKind.Utc), review.Id, 4); // answered at UK midnight: late
        await AddItemAsync(new DateTime(2026, 1, 5, 10, 0, 0, DateTimeKind.Utc), null, draft.Id, 3); // never answered: late; entry not published
        await AddItemAsync(new DateTime(2026, 1, 6, 10, 0, 0, DateTimeKind.Utc), null, action.Id, 3, quarantined: true);
        var flagged = await AddItemAsync(new DateTime(2026, 2, 6, 10, 0, 0, DateTimeKind.Utc), new DateTime(2026, 2, 9, 10, 0, 0, DateTimeKind.Utc), action.Id, 3);
        var waiting = await AddItemAsync(Today.AddDays(-3), null, null, 5); // inside its window: not counted yet
        await ChangeAsync(db => db.FeedbackItems.Single(f => f.Id == flagged).FlagAsComplaint("complaint", "test-user", Today));

        await AssertEqualToScratchAsync(client);

        // Nothing changed: served again without counting.
        var before = Counts;
        await AssertEqualToScratchAsync(client);
        Assert.Equal(before, Counts);

        // Each kind of change is seen at once.
        await AddItemAsync(Today.AddDays(-40), null, review.Id, 4);
        await AssertRecountedAsync(client);
        await ChangeAsync(db => db.FeedbackItems.Single(f => f.Id == waiting).RecordFirstResponse(Today));
        await AssertRecountedAsync(client);
        await ChangeAsync(db => db.ResponseEntries.Single(e => e.Id == review.Id).ChangeStatus(ResponseStatus.ActionPlanned, "planned", new DateOnly(2091, 1, 1), "test-user", Today));
        await AssertRecountedAsync(client);
        await ChangeAsync(db => db.ResponseEntries.Single(e => e.Id == action.Id).Unpublish(Today));
        await AssertRecountedAsync(client);
        await ChangeAsync(db =>
        {
            db.FeedbackItems.Include(f => f.Priorities).First(f => f.ResponseEntryId != null && !f.IsQuarantined).RelateToPriorities([7, 8], Today);
            return null;
        });
        await AssertRecountedAsync(client);
        await ChangeAsync(db => db.Remove(db.FeedbackItems.OrderBy(f => f.Id).First(f => !f.IsQuarantined)));
        await AssertRecountedAsync(client);

        // Time passing moves items from "not counted yet" to late: the on-time shares are counted again, a priority's
        // other figures (which no cutoff moves) are not.
        Factory.Clock.Set(Today.AddDays(45));
        await AssertRecountedAsync(client, cutoffOnly: true);
        Factory.Clock.Set(Today);
    }

    [Fact]
    public async Task A_request_with_nothing_changed_reads_no_feedback_table()
    {
        Factory.Clock.Set(Today);
        var client = Factory.CreateBrowserClient();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/insights")).StatusCode);

        Factory.Commands.All.Clear();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/insights")).StatusCode);
        var commands = Factory.Commands.All.Where(c => c.Sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.NotEmpty(commands);

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Factory.DatabasePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        var planLines = new List<string>();
        foreach (var command in commands)
        {
            await using var explain = connection.CreateCommand();
            explain.CommandText = "EXPLAIN QUERY PLAN " + command.Sql;
            foreach (var (name, value, type) in command.Parameters)
            {
                explain.Parameters.Add(new SqliteParameter(name, value ?? DBNull.Value) { SqliteType = type });
            }

            await using var reader = await explain.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                planLines.Add(reader.GetString(3));
            }

            output.WriteLine(command.Sql);
        }

        output.WriteLine("  => " + string.Join("\n  => ", planLines));
        Assert.Contains(planLines, l => l.Contains("ChangeStamps", StringComparison.Ordinal));
        Assert.DoesNotContain(planLines, l => l.StartsWith("SCAN FeedbackItem", StringComparison.Ordinal) || l.StartsWith("SCAN ResponseEntr", StringComparison.Ordinal));
        Assert.DoesNotContain(planLines, l => l.Contains("FeedbackItem", StringComparison.Ordinal));
    }

    /// <summary>The priority pages checked beside <c>/insights</c>: those the changes above touch.</summary>
    private static readonly int[] CheckedPriorities = [3, 4, 7];

    private async Task AssertRecountedAsync(HttpClient client, bool cutoffOnly = false)
    {
        var before = Counts;
        await AssertEqualToScratchAsync(client);
        // Once for /insights, and for each priority page its on-time share and (after a change) its figures.
        Assert.Equal(before + 1 + ((cutoffOnly ? 1 : 2) * CheckedPriorities.Length), Counts);
    }

    private async Task ChangeAsync(Func<EngagementDbContext, object?> change)
    {
        await using var db = Factory.CreateDbContext();
        var result = change(db);
        Assert.True(result is not DomainResult { Succeeded: false }, (result as DomainResult)?.Error);
        await db.SaveChangesAsync();
    }

    private async Task<int> AddItemAsync(DateTime submittedAt, DateTime? respondedAt, int? entryId, int priority, bool quarantined = false)
    {
        await using var db = Factory.CreateDbContext();
        var item = FeedbackItem.Receive(
            new NewFeedback(SubmitterRole.CarerOrFamily, null, ServiceSection.HomeCare, "Edge case " + Marker(), FeedbackChannel.OnlineForm, [priority]),
            FeedbackItem.FormatReference(2089, 100000 + Random.Shared.Next(800000)),
            SecureToken.Hash(SecureToken.Create()),
            submittedAt,
            possibleSafeguarding: false,
            looksLikeBot: quarantined);
        if (entryId is { } id)
        {
            Assert.True(item.LinkTo(await db.ResponseEntries.SingleAsync(e => e.Id == id), submittedAt).Succeeded);
        }

        if (respondedAt is { } at)
        {
            item.RecordFirstResponse(at);
        }

        db.FeedbackItems.Add(item);
        await db.SaveChangesAsync();
        return item.Id;
    }

    /// <summary>The page against the uncached queries, and the feedback figures against every row counted in memory.</summary>
    private async Task AssertEqualToScratchAsync(HttpClient client)
    {
        var (response, page) = await Html.GetAsync(client, "/insights");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);

        await using var scope = Factory.Services.CreateAsyncScope();
        var figures = await scope.ServiceProvider.GetRequiredService<PublicLogQuery>().InsightsAsync();
        var onTime = await scope.ServiceProvider.GetRequiredService<OnTimeShare>().ByQuarterAsync(null, CancellationToken.None);
        var promise = scope.ServiceProvider.GetRequiredService<FirstResponsePromise>();
        var db = scope.ServiceProvider.GetRequiredService<EngagementDbContext>();

        // The uncached queries themselves, against every feedback row read into memory.
        var rows = await db.FeedbackItems.AsNoTracking().Where(f => !f.IsQuarantined)
            .Select(f => new { f.Section, f.SubmittedAt, f.FirstRespondedAt, f.Flag }).ToListAsync();
        Assert.Equal(rows.GroupBy(r => r.Section).ToDictionary(g => g.Key, g => g.Count()).OrderBy(p => p.Key), figures.FeedbackBySection.OrderBy(p => p.Key));
        Assert.Equal(rows.GroupBy(r => Quarter.Of(r.SubmittedAt.Year, r.SubmittedAt.Month)).ToDictionary(g => g.Key, g => g.Count()).OrderBy(p => p.Key), figures.FeedbackByQuarter.OrderBy(p => p.Key));
        Assert.Equal(rows.Count(r => r.Flag == FeedbackFlag.None), figures.Concerns);
        var cutoff = promise.OverdueCutoffUtc(Factory.Clock.GetUtcNow().UtcDateTime);
        var judged = rows.Where(r => r.FirstRespondedAt != null || r.SubmittedAt < cutoff)
            .GroupBy(r => { var d = Domain.Calendar.WorkingDayCalendar.UkDate(r.SubmittedAt); return Quarter.Of(d.Year, d.Month); })
            .OrderBy(g => g.Key)
            .Select(g => new OnTimeQuarter(g.Key, g.Count(r => r.FirstRespondedAt is { } at && promise.WasOnTime(r.SubmittedAt, at)), g.Count()))
            .ToList();
        Assert.Equal(judged, onTime);
        Assert.True(figures.Concerns > 2000 && onTime.Sum(q => q.Counted) > 2000, "the generated volume is counted");

        static string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
        var priorities = await db.Priorities.AsNoTracking().Where(p => p.IsLive).OrderBy(p => p.Number).Select(p => p.Number).ToListAsync();
        Assert.Equal(
            priorities.Select(n => new[] { $"Priority {n}", N(figures.FeedbackByPriority.GetValueOrDefault(n)), N(figures.EntriesByPriority.GetValueOrDefault(n)) }),
            Table(page, "table-by-priority"));
        Assert.Equal(
            ServiceSectionText.PrioritySections.Append(ServiceSection.SomethingElse)
                .Select(s => new[] { s.Name(), N(figures.FeedbackBySection.GetValueOrDefault(s)), N(figures.EntriesBySection.GetValueOrDefault(s)) }),
            Table(page, "table-by-section"));
        Assert.Equal(
            figures.Quarters.Select(q => new[] { q.ToString(), N(figures.FeedbackByQuarter.GetValueOrDefault(q)), N(figures.EntriesByQuarter.GetValueOrDefault(q)) }),
            Table(page, "table-by-quarter"));
        Assert.Equal(
            figures.Quarters.Where(figures.MedianDaysByQuarter.ContainsKey)
                .Select(q => new[] { q.ToString(), figures.MedianDaysByQuarter[q].ToString("0.#", CultureInfo.InvariantCulture) + " days" }),
            Table(page, "table-median-days"));
        Assert.Equal(
            Enum.GetValues<ResponseStatus>().Select(s => new[] { s.Name(), N(figures.EntriesByStatus.GetValueOrDefault(s)) }),
            Table(page, "table-by-status"));
        Assert.Equal(
            new List<string[]> { new[] { "Action planned, in progress or completed", N(figures.ConcernsLedToAction) }, new[] { "No action yet", N(figures.Concerns - figures.ConcernsLedToAction) } },
            Table(page, "table-led-to-action"));
        Assert.Equal(
            onTime.Select(q => new[] { q.Quarter.ToString(), q.OnTime.ToString(CultureInfo.InvariantCulture), q.Counted.ToString(CultureInfo.InvariantCulture), q.Percent + "%" }),
            Table(page, "on-time-counts"));

        // Each priority page's figures (held too) against the same figures counted from scratch.
        var query = scope.ServiceProvider.GetRequiredService<PublicLogQuery>();
        foreach (var number in CheckedPriorities)
        {
            var (priorityResponse, priorityPage) = await Html.GetAsync(client, $"/priorities/{number}");
            Assert.Equal(System.Net.HttpStatusCode.OK, priorityResponse.StatusCode);
            var expected = await query.CountPriorityFiguresAsync(number);
            Assert.True(expected.Entries > 0 && expected.FeedbackReceived > 0, $"priority {number} has entries and feedback");
            Assert.Equal(
                new[]
                {
                    N(expected.FeedbackReceived), N(expected.Entries),
                    expected.MedianDaysToFirstResponse is { } median ? median.ToString("0.#", CultureInfo.InvariantCulture) + " days" : "Not enough data yet",
                    expected.ShareCompleted is { } share ? share.ToString("0%", CultureInfo.InvariantCulture) : "No entries yet",
                },
                new[] { "figure-feedback", "figure-entries", "figure-median", "figure-completed" }.Select(id => priorityPage.GetElementById(id)!.TextContent.Trim()));
            Assert.Equal(
                Enum.GetValues<ResponseStatus>().Select(s => new[] { s.Name(), N(expected.EntriesByStatus.GetValueOrDefault(s)) }),
                Table(priorityPage, "priority-status-table"));
        }
    }

    private static List<string[]> Table(IHtmlDocument page, string id)
    {
        var table = page.QuerySelector("#" + id);
        Assert.NotNull(table);
        return table!.QuerySelectorAll("tbody tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToArray()).ToList();
    }
}
