using System.Net;
using System.Text.Json;
using Engagement.Domain.Common;
using Engagement.Domain.Responses;
using Engagement.IntegrationTests.Infrastructure;
using static Engagement.IntegrationTests.PublicLog.PublicLogTestSupport;

namespace Engagement.IntegrationTests.PublicLog;

public sealed class PublicLogFilterAndPagingTests(EngagementFactory factory) : IClassFixture<EngagementFactory>
{
    private static readonly DateTime Base = new(2030, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Filters_combine_and_counts_follow_the_other_filters()
    {
        var m = Marker();
        var a = await AddEntryAsync(factory, $"Alpha {m}", "Visits late", Base.AddDays(1), ServiceSection.HomeCare, [3], ResponseStatus.ActionPlanned);
        var b = await AddEntryAsync(factory, $"Bravo {m}", "Visits short", Base.AddDays(2), ServiceSection.HomeCare, [3, 5], ResponseStatus.Completed);
        var c = await AddEntryAsync(factory, $"Charlie {m}", "Fees", Base.AddDays(3), ServiceSection.ResidentialAndNursing, [5], ResponseStatus.ActionPlanned);
        var d = await AddEntryAsync(factory, $"Delta {m}", "Training", Base.AddDays(40), ServiceSection.HomeCare, [4], ResponseStatus.ActionPlanned);
        var e = await AddEntryAsync(factory, "Echo", $"You said {m} in the summary", Base.AddDays(5), ServiceSection.HomeCare, [3], ResponseStatus.UnderReview);
        var client = factory.CreateBrowserClient();

        async Task<IReadOnlyList<string>> Refs(string query) => References((await Html.GetAsync(client, "/you-said-we-did?" + query)).Document);

        Assert.Equal([d.Reference, e.Reference, c.Reference, b.Reference, a.Reference], await Refs($"q={m}"));
        Assert.Equal([e.Reference, b.Reference, a.Reference], await Refs($"q={m}&priority=3"));
        Assert.Equal([e.Reference, c.Reference, b.Reference, a.Reference], await Refs($"q={m}&priority=3&priority=5"));
        Assert.Equal([c.Reference, a.Reference], await Refs($"q={m}&priority=3&priority=5&status=action-planned"));
        Assert.Equal([a.Reference], await Refs($"q={m}&priority=3&priority=5&status=action-planned&section=home-care"));
        Assert.Equal([c.Reference, b.Reference], await Refs($"q={m}&from=2030-06-03&to=2030-06-04"));
        Assert.Equal([d.Reference], await Refs($"q={m}&section=home-care&from=2030-07-01"));
        Assert.Equal([e.Reference], await Refs($"q={m.ToUpperInvariant()}&status=under-review"));

        var (_, page) = await Html.GetAsync(client, $"/you-said-we-did?q={m}&priority=3&status=action-planned");
        Assert.Equal("1 entry", page.QuerySelector("#results-heading").Text());
        // Status counts ignore the status filter but keep the others: priority 3 and the words give a, b and e.
        Assert.Contains("(1)", page.QuerySelector("#status option[value=action-planned]").Text());
        Assert.Contains("(1)", page.QuerySelector("#status option[value=completed]").Text());
        Assert.Contains("(1)", page.QuerySelector("#status option[value=under-review]").Text());
        Assert.Contains("(0)", page.QuerySelector("#status option[value=in-progress]").Text());
        // Priority counts ignore the priority filter: action planned and the words give a (3), c (5) and d (4).
        Assert.EndsWith("(1)", page.QuerySelector("label[for=priority-3]").Text());
        Assert.EndsWith("(1)", page.QuerySelector("label[for=priority-4]").Text());
        Assert.EndsWith("(1)", page.QuerySelector("label[for=priority-5]").Text());
        Assert.EndsWith("(0)", page.QuerySelector("label[for=priority-6]").Text());
        Assert.Contains("(1)", page.QuerySelector("#section option[value=home-care]").Text());
        Assert.NotNull(page.QuerySelector("#priority-3[checked]"));
        Assert.NotNull(page.QuerySelector("#status option[value=action-planned][selected]"));
    }

    [Fact]
    public async Task Words_are_matched_literally_and_empty_results_offer_to_clear_filters()
    {
        var m = Marker();
        await AddEntryAsync(factory, $"Percent {m} 100%", "x", Base);
        var client = factory.CreateBrowserClient();

        var (_, wildcard) = await Html.GetAsync(client, $"/you-said-we-did?q={m}_%25");
        Assert.Empty(References(wildcard));
        Assert.NotNull(wildcard.QuerySelector("#no-results"));
        Assert.NotNull(wildcard.QuerySelector("main a[href='/you-said-we-did']"));

        var (_, literal) = await Html.GetAsync(client, $"/you-said-we-did?q={Uri.EscapeDataString(m + " 100%")}");
        Assert.Single(References(literal));
    }

    [Fact]
    public async Task Pagination_is_stable_when_newer_entries_arrive()
    {
        var m = Marker();
        var original = new List<string>();
        for (var i = 0; i < 45; i++)
        {
            // Pairs share a timestamp, so the Id tie-break is exercised.
            original.Add((await AddEntryAsync(factory, $"Paged {i} {m}", "x", Base.AddHours(-(i / 2)))).Reference);
        }

        original = await NewestFirstAsync(original);
        var client = factory.CreateBrowserClient();
        var (_, page1) = await Html.GetAsync(client, $"/you-said-we-did?q={m}");
        Assert.Equal(original.Take(20), References(page1));
        Assert.Null(Href(page1, "prev"));

        for (var i = 0; i < 5; i++)
        {
            await AddEntryAsync(factory, $"Newer {i} {m}", "x", Base.AddDays(1 + i));
        }

        await InvalidateAsync(factory);
        var (_, page2) = await Html.GetAsync(client, Href(page1, "next")!);
        var (_, page3) = await Html.GetAsync(client, Href(page2, "next")!);
        Assert.Equal(original.Skip(20).Take(20), References(page2));
        Assert.Equal(original.Skip(40), References(page3));
        Assert.Null(Href(page3, "next"));

        var seen = References(page1).Concat(References(page2)).Concat(References(page3)).ToList();
        Assert.Equal(seen.Distinct().Count(), seen.Count);
        Assert.Equal(original, seen);

        var (_, back) = await Html.GetAsync(client, Href(page2, "prev")!);
        Assert.Equal(original.Take(20), References(back));
        Assert.NotNull(Href(back, "prev"));
    }

    [Fact]
    public async Task Json_lists_the_same_entries_in_the_same_order_as_the_page()
    {
        var m = Marker();
        for (var i = 0; i < 25; i++)
        {
            await AddEntryAsync(factory, $"Json {i} {m}", "x", Base.AddMinutes(i), i % 2 == 0 ? ServiceSection.HomeCare : ServiceSection.Workforce, [3 + i % 3]);
        }

        var client = factory.CreateBrowserClient();
        foreach (var query in new[] { $"q={m}", $"q={m}&section=home-care", $"q={m}&priority=3&priority=4" })
        {
            var pageRefs = new List<string>();
            string? url = "/you-said-we-did?" + query;
            while (url is not null)
            {
                var (_, page) = await Html.GetAsync(client, url);
                pageRefs.AddRange(References(page));
                url = Href(page, "next");
            }

            var jsonRefs = (await AllJsonItemsAsync(client, query)).Select(i => i.GetProperty("reference").GetString()!).ToList();
            Assert.NotEmpty(pageRefs);
            Assert.Equal(pageRefs, jsonRefs);
        }

        using var first = await GetJsonAsync(client, $"/api/v1/you-said-we-did?q={m}");
        Assert.Equal("Open Government Licence v3.0", first.RootElement.GetProperty("licence").GetProperty("name").GetString());
        Assert.StartsWith("https://", first.RootElement.GetProperty("licence").GetProperty("url").GetString());
        Assert.Equal(JsonValueKind.String, first.RootElement.GetProperty("next").ValueKind);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/you-said-we-did?cursor=not-a-cursor!")).StatusCode);
        // Read-only: a POST finds no endpoint (the site's fallback answers 404).
        var post = await client.PostAsync("/api/v1/you-said-we-did", new StringContent(""));
        Assert.Contains(post.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed });
    }

    private async Task<List<string>> NewestFirstAsync(List<string> references)
    {
        using var db = factory.CreateDbContext();
        return db.ResponseEntries.Where(e => references.Contains(e.Reference)).AsEnumerable()
            .OrderByDescending(e => e.LastUpdatedAt).ThenByDescending(e => e.Id).Select(e => e.Reference).ToList();
    }
}
