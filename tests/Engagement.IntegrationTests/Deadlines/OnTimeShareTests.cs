using Engagement.IntegrationTests.Infrastructure;

namespace Engagement.IntegrationTests.Deadlines;

/// <summary>An empty database (no demo data) so the published on-time share can be worked out by hand.</summary>
public sealed class EmptyDeadlinesFactory : DeadlinesFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Seed:DemoData"] = "false" };
}

/// <summary>
/// The share of feedback with a first response within 20 working days, by the UK quarter it arrived in, on /insights and
/// a priority page. Today is Wednesday 8 July 2026. Worked by hand:
/// 2026 Q1, priority 5: arrived Monday 2 March (due Monday 30 March), answered 23:59 UK time on the 30th: on time; the
/// same, answered at midnight UK time (23:00 UTC, British Summer Time): late; arrived 5 January, never answered (due
/// 2 February): late. 1 of 3, 33%.
/// 2026 Q2, priority 5: arrived 23:30 UTC on 31 March, which is 1 April in the UK, answered 2 April: on time; arrived
/// 1 June (due 29 June), answered 29 June: on time; arrived 12 June, unanswered, due 10 July: not counted yet. 2 of 2.
/// 2026 Q2, priority 1: arrived 1 April (due Friday 1 May after Easter), answered Tuesday 5 May (4 May a bank holiday):
/// late. All feedback in Q2: 2 of 3, 67%. A quarantined item is never counted.
/// </summary>
public sealed class OnTimeShareTests(EmptyDeadlinesFactory factory) : IClassFixture<EmptyDeadlinesFactory>
{
    private static DateTime Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Insights_and_the_priority_page_show_the_hand_worked_share_by_quarter()
    {
        factory.Clock.Set(Utc(7, 8, 10));
        await factory.AddItemAsync("a", Utc(3, 2, 9), Utc(3, 30, 22, 59), priority: 5);
        await factory.AddItemAsync("b", Utc(3, 2, 9), Utc(3, 30, 23, 0), priority: 5);
        await factory.AddItemAsync("c", Utc(1, 5, 10), priority: 5);
        await factory.AddItemAsync("d", Utc(3, 31, 23, 30), Utc(4, 2, 10), priority: 5);
        await factory.AddItemAsync("e", Utc(6, 1, 10), Utc(6, 29, 12), priority: 5);
        await factory.AddItemAsync("f", Utc(6, 12, 10), priority: 5);
        await factory.AddItemAsync("g", Utc(4, 1, 10), Utc(5, 5, 10), priority: 1);
        await factory.AddItemAsync("h", Utc(1, 6, 10), quarantined: true, priority: 5);

        var client = factory.CreateBrowserClient();
        var (_, insights) = await Html.GetAsync(client, "/insights");
        Assert.Equal([["2026 Q1", "1", "3", "33%"], ["2026 Q2", "2", "3", "67%"]], Rows(insights));
        Assert.Equal([["2026 Q1", "33%"], ["2026 Q2", "67%"]], ChartTable(insights));
        Assert.Contains("First response within 20 working days", insights.QuerySelector("#on-time h2")!.TextContent);
        Assert.NotNull(insights.QuerySelector("#chart-on-time svg[role=img]"));

        var (_, priority) = await Html.GetAsync(client, "/priorities/5");
        Assert.Equal([["2026 Q1", "1", "3", "33%"], ["2026 Q2", "2", "2", "100%"]], Rows(priority));
        Assert.Equal("/insights", priority.QuerySelector("#insights-link")!.GetAttribute("href"));

        var (_, none) = await Html.GetAsync(client, "/priorities/9");
        Assert.NotNull(none.QuerySelector("#on-time-none"));

        foreach (var page in new[] { "/", "/you-said-we-did" })
        {
            var (_, linking) = await Html.GetAsync(client, page);
            Assert.Equal("/insights", linking.QuerySelector("#insights-link")!.GetAttribute("href"));
        }

        factory.Clock.Reset();
    }

    private static List<List<string>> Rows(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("#on-time-counts tbody tr")
            .Select(r => r.Children.Select(c => c.TextContent.Trim()).ToList()).ToList();

    private static List<List<string>> ChartTable(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("#table-on-time tbody tr")
            .Select(r => r.Children.Select(c => c.TextContent.Trim()).ToList()).ToList();
}
