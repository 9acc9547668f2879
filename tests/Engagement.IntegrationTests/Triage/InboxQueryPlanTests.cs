using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Engagement.Domain.Feedback;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Deadlines;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.IntegrationTests.PublicLog;
using Engagement.Web.Features.PublicLog;
using Engagement.Web.Pages.Staff.Feedback;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Engagement.IntegrationTests.Triage;

/// <summary>
/// The staff inbox at a generated volume: every quick filter's list is read through an index in the page's order (no
/// scan of FeedbackItems), each quick filter's count is read from an index alone, every count equals a count
/// from scratch, and the keyset pages, followed forwards and back, give every item once in the order a sort from
/// scratch gives.
/// </summary>
public sealed class InboxQueryPlanTests(InboxQueryPlanTests.Fixture fixture, ITestOutputHelper output) : IClassFixture<InboxQueryPlanTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public PublicLogQueryPlanTests.CapturingFactory Factory { get; } = new();

        public async Task InitializeAsync()
        {
            using var writer = new StringWriter();
            Assert.Equal(0, await VolumeGenerator.RunAsync(Factory.Services, ["--entries", "300", "--feedback", "4000"], writer));

            // Some items assigned to the commissioner, some flagged, some looked at, some quarantined.
            var commissioner = await Staff.UserIdAsync(Factory, TestAccounts.Commissioner);
            await using var db = Factory.CreateDbContext();
            var items = await db.FeedbackItems.Include(f => f.ResponseEntry).OrderBy(f => f.Id).Take(400).ToListAsync();
            for (var i = 0; i < items.Count; i++)
            {
                if (i % 7 == 0)
                {
                    items[i].AssignTo(commissioner, DateTime.UtcNow);
                }

                if (i % 11 == 0)
                {
                    items[i].FlagAsSafeguardingConcern("concern", commissioner, DateTime.UtcNow);
                }

                if (i % 13 == 0)
                {
                    items[i].MarkLookedAt(DateTime.UtcNow);
                }
            }

            await db.SaveChangesAsync();
            await db.FeedbackItems.Where(f => f.Id % 50 == 3).ExecuteUpdateAsync(s => s.SetProperty(f => f.IsQuarantined, true));
        }

        public Task DisposeAsync()
        {
            Factory.Dispose();
            return Task.CompletedTask;
        }
    }

    private PublicLogQueryPlanTests.CapturingFactory Factory => fixture.Factory;

    [Theory]
    [InlineData("")]
    [InlineData("new")]
    [InlineData("safeguarding")]
    [InlineData("unlinked")]
    [InlineData("mine")]
    [InlineData("due-this-week")]
    [InlineData("overdue")]
    [InlineData("quarantined")]
    public async Task Each_quick_filter_and_its_count_read_through_an_index_without_a_full_scan(string show)
    {
        var client = await Staff.CommissionerAsync(Factory);
        foreach (var url in new[] { $"/staff/feedback?show={show}", $"/staff/feedback?show={show}&sort=due" })
        {
            var (_, first) = await Html.GetAsync(client, url);
            var next = first.QuerySelector("a[rel=next]")?.GetAttribute("href");
            foreach (var page in next is null ? new[] { url } : new[] { url, next })
            {
                var plans = await PlansForAsync(client, page);
                var feedbackQueries = plans.Where(p => p.Sql.Contains("FROM \"FeedbackItems\"", StringComparison.Ordinal)).ToList();
                var counts = feedbackQueries.Where(p => p.Sql.TrimStart().StartsWith("SELECT COUNT(*)", StringComparison.Ordinal)).ToList();
                Assert.Equal(IndexModel.QuickFilters.Length, counts.Count);
                Assert.All(counts, c =>
                {
                    Assert.DoesNotContain(c.Plan, l => Regex.IsMatch(l, "^SCAN f( |$)"));
                    Assert.All(c.Plan.Where(l => l.StartsWith("SEARCH f ", StringComparison.Ordinal)), l => Assert.Contains("USING COVERING INDEX", l));
                });

                // One read of the list in the default order; in the due-date order one for waiting items and, when
                // they do not fill the page, one for answered items.
                var lists = feedbackQueries.Where(p => p.Sql.Contains(".\"Text\"", StringComparison.Ordinal) && p.Sql.Contains("LIMIT", StringComparison.Ordinal)).ToList();
                Assert.InRange(lists.Count, 1, page.Contains("sort=due", StringComparison.Ordinal) ? 2 : 1);
                Assert.All(lists, list =>
                {
                    Assert.DoesNotContain(list.Plan, l => Regex.IsMatch(l, "^SCAN f( |$)"));
                    Assert.Contains(list.Plan, l => Regex.IsMatch(l, "^SEARCH f USING (COVERING )?INDEX IX_FeedbackItems_"));
                    if (show == "overdue" && !page.Contains("sort=due", StringComparison.Ordinal))
                    {
                        Assert.Contains(list.Plan, l => l.Contains("USING INDEX " + InboxRank.WaitingInOrderIndex + " (IsQuarantined=?", StringComparison.Ordinal));
                    }

                    // Read in an index's order: no sort of the selected rows. ("Due this week" is a range of one
                    // week's arrivals, which the planner rightly searches by date and sorts. A sort of the right part
                    // or last term orders only rows that tie on the index's columns, for the Id at the end.)
                    if (show is "" or "safeguarding" or "quarantined" or "mine" or "overdue")
                    {
                        Assert.DoesNotContain(list.Plan, l => Regex.IsMatch(l, "TEMP B-TREE FOR (?!RIGHT PART|LAST TERM)"));
                    }
                });
            }
        }
    }

    [Fact]
    public async Task Counts_equal_a_count_from_scratch_and_keyset_pages_walk_every_item_in_order()
    {
        var client = await Staff.CommissionerAsync(Factory);
        var expected = await Staff.InboxCountsFromScratchAsync(Factory, TestAccounts.Commissioner);
        await using var db = Factory.CreateDbContext();
        var inbox = db.FeedbackItems.AsNoTracking().Where(f => !f.IsQuarantined);
        Assert.All(expected.Where(e => e.Key != "Due this week"), e => Assert.True(e.Value > 0, e.Key));

        var (_, page) = await Html.GetAsync(client, "/staff/feedback");
        var shown = page.QuerySelectorAll("#quick-filters a").Select(a => Regex.Match(a.TextContent.Trim(), @"^(.*) \((\d+)\)$"))
            .ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected.OrderBy(e => e.Key), shown.OrderBy(e => e.Key));

        // Safeguarding first, then newest, by a sort from scratch; and waiting items by due date.
        var all = await inbox.Select(f => new { f.Reference, Rank = f.PossibleSafeguarding || f.Flag == FeedbackFlag.SafeguardingConcern ? 1 : 0, f.SubmittedAt, f.Id, f.FirstRespondedAt, f.Section }).ToListAsync();
        var inOrder = all.Where(f => f.Rank == 1).OrderByDescending(f => f.SubmittedAt).ThenByDescending(f => f.Id).Select(f => f.Reference).ToList();
        Assert.Equal(inOrder, await WalkAsync(client, "/staff/feedback?show=safeguarding", inOrder.Count));
        var byDue = all.Where(f => f.Section == Domain.Common.ServiceSection.Workforce)
            .OrderBy(f => f.FirstRespondedAt != null).ThenBy(f => f.SubmittedAt).ThenBy(f => f.Id).Select(f => f.Reference).ToList();
        Assert.Equal(byDue, await WalkAsync(client, "/staff/feedback?sort=due&section=Workforce", byDue.Count));
        var everything = all.OrderByDescending(f => f.Rank).ThenByDescending(f => f.SubmittedAt).ThenByDescending(f => f.Id).Take(75).Select(f => f.Reference).ToList();
        Assert.Equal(everything, (await WalkAsync(client, "/staff/feedback", 75, maxPages: 3)).Take(75).ToList());

        // A cursor that is not one the page wrote shows the first page.
        var (_, junk) = await Html.GetAsync(client, "/staff/feedback?after=9.x.1&before=-1");
        Assert.Equal(everything.Take(25), References(junk));
    }

    /// <summary>Follows the next links to the end, then the previous links back to the start; both ways must agree.</summary>
    private static async Task<List<string>> WalkAsync(HttpClient client, string url, int expected, int maxPages = 1000)
    {
        var forwards = new List<List<string>>();
        var pages = new List<IHtmlDocument>();
        string? next = url;
        while (next is not null && forwards.Count < maxPages)
        {
            var (_, page) = await Html.GetAsync(client, next);
            forwards.Add(References(page));
            pages.Add(page);
            Assert.Equal(forwards.Count > 1, page.QuerySelector("a[rel=prev]") is not null);
            next = page.QuerySelector("a[rel=next]")?.GetAttribute("href");
        }

        Assert.True(forwards.Count >= Math.Min(maxPages, (expected + 24) / 25), "more than one page walked");
        var previous = pages[^1].QuerySelector("a[rel=prev]")?.GetAttribute("href");
        for (var i = forwards.Count - 2; i >= 0 && previous is not null; i--)
        {
            var (_, page) = await Html.GetAsync(client, previous);
            Assert.Equal(forwards[i], References(page));
            previous = page.QuerySelector("a[rel=prev]")?.GetAttribute("href");
        }

        Assert.Null(previous);
        return forwards.SelectMany(p => p).ToList();
    }

    private static List<string> References(IHtmlDocument page) =>
        page.QuerySelectorAll("#inbox tbody tr td:first-child a").Select(a => a.TextContent.Trim()).ToList();

    [Theory]
    [InlineData("Synthetic")]
    [InlineData("concern")]
    [InlineData("%")]
    public async Task A_search_reads_the_search_table_and_no_full_scan(string words)
    {
        var client = await Staff.CommissionerAsync(Factory);
        var plans = await PlansForAsync(client, "/staff/feedback?q=" + Uri.EscapeDataString(words));
        var feedbackQueries = plans.Where(p => p.Sql.Contains("FROM \"FeedbackItems\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(IndexModel.QuickFilters.Length + 1, feedbackQueries.Count);
        Assert.All(feedbackQueries, q =>
        {
            // Under three characters the trigram index cannot answer, and the LIKE alone reads the filter's rows.
            if (words.Length >= TextSearch.MinimumIndexedLength)
            {
                Assert.DoesNotContain(q.Plan, l => Regex.IsMatch(l, "^SCAN f( |$)"));
                Assert.Contains("\"FeedbackItemSearch\"", q.Sql, StringComparison.Ordinal);
                Assert.Contains(q.Plan, l => l.Contains("VIRTUAL TABLE INDEX 0:M", StringComparison.Ordinal));
            }
            else
            {
                Assert.DoesNotContain("FeedbackItemSearch", q.Sql, StringComparison.Ordinal);
            }
        });
    }

    private async Task<List<(string Sql, List<string> Plan)>> PlansForAsync(HttpClient client, string url)
    {
        // The quick-filter counts are held until something changes (decision 0029): a change makes the page count.
        await using (var db = Factory.CreateDbContext())
        {
            await ChangeStamp.TouchAsync(db, CancellationToken.None);
        }

        Factory.Commands.All.Clear();
        var response = await client.GetAsync(url);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var commands = Factory.Commands.All.Where(c => c.Sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)).ToList();

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Factory.DatabasePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        var plans = new List<(string, List<string>)>();
        foreach (var command in commands)
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

            output.WriteLine(url + "\n" + command.Sql + "\n  => " + string.Join("\n  => ", plan));
            plans.Add((command.Sql, plan));
        }

        return plans;
    }
}
