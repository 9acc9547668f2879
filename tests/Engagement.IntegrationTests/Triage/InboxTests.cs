using Engagement.Domain.Feedback;
using Engagement.Infrastructure.Deadlines;
using Engagement.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.IntegrationTests.Triage;

public sealed class InboxTests(EngagementFactory factory) : IClassFixture<EngagementFactory>
{
    [Fact]
    public async Task Possible_safeguarding_comes_first_and_filters_counts_and_search_work()
    {
        var marker = "Marker" + Guid.NewGuid().ToString("N")[..8];
        var ordinary = await Staff.NewItemAsync(factory, $"Home care visits are short. {marker}");
        var urgent = await Staff.NewItemAsync(factory, $"Someone is being abused at home. {marker}");
        var quarantined = await Staff.NewItemAsync(factory, $"Bot text {marker}");
        await using (var db = factory.CreateDbContext())
        {
            await db.FeedbackItems.Where(f => f.Id == quarantined.Id).ExecuteUpdateAsync(s => s.SetProperty(f => f.IsQuarantined, true));
            await db.FeedbackItems.Where(f => f.Id == urgent.Id).ExecuteUpdateAsync(s => s.SetProperty(f => f.SubmittedAt, DateTime.UtcNow.AddDays(-30)));
        }

        var client = await Staff.CommissionerAsync(factory);
        var (_, all) = await Html.GetAsync(client, "/staff/feedback");
        var references = all.QuerySelectorAll("#inbox tbody tr td:first-child a").Select(a => a.Text()).ToList();
        var firstOrdinary = references.FindIndex(r => !IsPossibleSafeguarding(r));
        Assert.True(references.IndexOf(urgent.Reference) >= 0 && references.IndexOf(urgent.Reference) < firstOrdinary);
        Assert.DoesNotContain(quarantined.Reference, references);
        var urgentRow = all.QuerySelectorAll("#inbox tbody tr").Single(r => r.QuerySelector("a")!.Text() == urgent.Reference);
        Assert.Contains("Possible safeguarding", urgentRow.Text());

        var (_, search) = await Html.GetAsync(client, "/staff/feedback?q=" + marker.ToLowerInvariant());
        Assert.Equal([urgent.Reference, ordinary.Reference], search.QuerySelectorAll("#inbox tbody tr td:first-child a").Select(a => a.Text()).ToList());
        Assert.Equal("2 items", search.QuerySelector("#result-count").Text());
        Assert.Contains("Quarantined (1)", search.QuerySelector("#quick-filters").Text());
        Assert.Contains("Possible safeguarding (1)", search.QuerySelector("#quick-filters").Text());

        var (_, byReference) = await Html.GetAsync(client, "/staff/feedback?q=" + ordinary.Reference);
        Assert.Equal([ordinary.Reference], byReference.QuerySelectorAll("#inbox tbody tr td:first-child a").Select(a => a.Text()).ToList());

        var (_, quarantine) = await Html.GetAsync(client, $"/staff/feedback?show=quarantined&q={marker}");
        Assert.Equal([quarantined.Reference], quarantine.QuerySelectorAll("#inbox tbody tr td:first-child a").Select(a => a.Text()).ToList());

        var (_, filtered) = await Html.GetAsync(client, $"/staff/feedback?show=new&section=HomeCare&priority=3&channel=OnlineForm&from={DateTime.UtcNow.AddDays(-1):yyyy-MM-dd}&to={DateTime.UtcNow.AddDays(1):yyyy-MM-dd}&q={marker}");
        Assert.Equal([ordinary.Reference], filtered.QuerySelectorAll("#inbox tbody tr td:first-child a").Select(a => a.Text()).ToList());

        var (response, nonsense) = await Html.GetAsync(client, "/staff/feedback?section=nonsense&priority=x&from=notadate&page=-4");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("Error:", nonsense.Title);

        bool IsPossibleSafeguarding(string reference)
        {
            using var db = factory.CreateDbContext();
            return db.FeedbackItems.Single(f => f.Reference == reference).PossibleSafeguarding;
        }
    }

    [Fact]
    public async Task The_inbox_pages_25_at_a_time()
    {
        var marker = "Paging" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 27; i++)
        {
            await Staff.NewItemAsync(factory, $"Item {i} {marker}");
        }

        var client = await Staff.CommissionerAsync(factory);
        var (_, first) = await Html.GetAsync(client, "/staff/feedback?q=" + marker);
        Assert.Equal(25, first.QuerySelectorAll("#inbox tbody tr").Length);
        Assert.Equal("27 items", first.QuerySelector("#result-count").Text());
        var next = first.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        Assert.Contains("after=", next);
        Assert.Null(first.QuerySelector("a[rel=prev]"));
        var (_, second) = await Html.GetAsync(client, next);
        Assert.Equal(2, second.QuerySelectorAll("#inbox tbody tr").Length);
        Assert.Null(second.QuerySelector("a[rel=next]"));

        // Back to the same first page (keyset links: the key of the first row shown).
        var previous = second.QuerySelector("a[rel=prev]")!.GetAttribute("href")!;
        Assert.Contains("before=", previous);
        var (_, back) = await Html.GetAsync(client, previous);
        Assert.Equal(References(first), References(back));
        Assert.Null(back.QuerySelector("a[rel=prev]"));
        Assert.NotNull(back.QuerySelector("a[rel=next]"));
    }

    [Fact]
    public async Task Every_xss_payload_in_feedback_text_is_encoded_on_the_inbox_and_the_item_page()
    {
        var client = await Staff.CommissionerAsync(factory);
        var (_, empty) = await Html.GetAsync(client, "/staff/feedback?q=nothing-matches-this");
        var layoutScripts = empty.QuerySelectorAll("script").Length;

        foreach (var payload in TestData.All("xss").Where(p => p.Length <= FeedbackLimits.TextMaxLength))
        {
            var item = await Staff.NewItemAsync(factory, payload);

            var (_, page) = await Html.GetAsync(client, $"/staff/feedback/{item.Id}");
            var text = page.QuerySelector("#feedback-text")!;
            Assert.Equal(payload.Trim(), string.Join("\n", text.QuerySelectorAll("p").Select(p => p.TextContent)).Trim());
            Assert.All(text.QuerySelectorAll("*"), e => Assert.Equal("P", e.TagName));
            AssertNoInjectedMarkup(page, layoutScripts);

            var (_, inbox) = await Html.GetAsync(client, "/staff/feedback?q=" + item.Reference);
            var cell = inbox.QuerySelector("#inbox tbody tr td:nth-child(3)")!;
            Assert.Contains(payload[..Math.Min(payload.Length, 160)], cell.TextContent);
            AssertNoInjectedMarkup(inbox, layoutScripts);
        }
    }

    [Fact]
    public async Task Held_quick_filter_counts_follow_every_change_and_each_person()
    {
        var commissioner = await Staff.CommissionerAsync(factory);
        var admin = factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(admin, TestAccounts.Admin);
        var before = await CountsAsync(commissioner);
        Assert.Equal(before, await CountsAsync(commissioner));
        Assert.Equal(await FromScratchAsync(TestAccounts.Commissioner), before);

        // A new item (through the real handler) is counted at once, by every person.
        var item = await Staff.NewItemAsync(factory, "Counted straight away " + Guid.NewGuid().ToString("N")[..8]);
        var added = await CountsAsync(commissioner);
        Assert.Equal(before["All"] + 1, added["All"]);
        Assert.Equal(before["New"] + 1, added["New"]);
        Assert.Equal(await FromScratchAsync(TestAccounts.Admin), await CountsAsync(admin));

        // Assigned to the administrator through the triage page: their "Assigned to me" moves, the commissioner's does not.
        var adminBefore = await CountsAsync(admin);
        var url = $"/staff/feedback/{item.Id}";
        Staff.AssertRedirect(await Staff.PostAsync(commissioner, url, "form#assign-form", new() { ["Assign.AssigneeUserId"] = await Staff.UserIdAsync(factory, TestAccounts.Admin) }), url);
        Assert.Equal(adminBefore["Assigned to me"] + 1, (await CountsAsync(admin))["Assigned to me"]);
        var commissionerAfter = await CountsAsync(commissioner);
        Assert.Equal(added["Assigned to me"], commissionerAfter["Assigned to me"]);
        Assert.Equal(await FromScratchAsync(TestAccounts.Commissioner), commissionerAfter);
        Assert.Equal(await FromScratchAsync(TestAccounts.Admin), await CountsAsync(admin));
    }

    [Fact]
    public async Task Counts_under_a_search_or_filter_are_held_for_that_filter_and_follow_every_change()
    {
        var marker = "Held" + Guid.NewGuid().ToString("N")[..8];
        var first = await Staff.NewItemAsync(factory, $"Visits are late {marker}");
        var commissioner = await Staff.CommissionerAsync(factory);
        var admin = factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(admin, TestAccounts.Admin);

        var search = $"/staff/feedback?q={marker}";
        var searched = await CountsAsync(commissioner, search);
        Assert.Equal(1, searched["All"]);
        Assert.Equal(1, searched["New"]);
        Assert.Equal(searched, await CountsAsync(commissioner, search));

        // Another filter, and another person, under the same change: each its own counts, none mixed up.
        var lowerCase = await CountsAsync(commissioner, search.ToLowerInvariant());
        Assert.Equal(1, lowerCase["All"]);
        var unfiltered = await CountsAsync(commissioner);
        Assert.Equal(await FromScratchAsync(TestAccounts.Commissioner), unfiltered);
        Assert.Equal(0, (await CountsAsync(commissioner, search + "&section=Workforce"))["All"]);
        Assert.Equal(1, (await CountsAsync(commissioner, search + "&section=HomeCare"))["All"]);

        // A new matching item is counted at once under the search, for every person; the assignment moves only its
        // assignee's "Assigned to me" under the search too.
        var second = await Staff.NewItemAsync(factory, $"Visits are late again {marker}");
        Assert.Equal(2, (await CountsAsync(commissioner, search))["All"]);
        Assert.Equal(2, (await CountsAsync(admin, search))["All"]);
        Assert.Equal(0, (await CountsAsync(admin, search))["Assigned to me"]);
        var url = $"/staff/feedback/{second.Id}";
        Staff.AssertRedirect(await Staff.PostAsync(commissioner, url, "form#assign-form", new() { ["Assign.AssigneeUserId"] = await Staff.UserIdAsync(factory, TestAccounts.Admin) }), url);
        Assert.Equal(1, (await CountsAsync(admin, search))["Assigned to me"]);
        Assert.Equal(0, (await CountsAsync(commissioner, search))["Assigned to me"]);
        Assert.Equal(2, (await CountsAsync(commissioner, search))["All"]);
        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public async Task Search_is_a_literal_substring_through_the_search_table_and_follows_edits_to_the_text()
    {
        var marker = "Lit" + Guid.NewGuid().ToString("N")[..8];
        var percent = await Staff.NewItemAsync(factory, $"Fees rose 100% in a year {marker}");
        var underscore = await Staff.NewItemAsync(factory, $"The form said name_here {marker}");
        var quoted = await Staff.NewItemAsync(factory, $"They called it \"respite\" OR care {marker}");
        var client = await Staff.CommissionerAsync(factory);

        Assert.Equal([percent.Reference], await SearchAsync(client, "100% in"));
        Assert.Equal([underscore.Reference], await SearchAsync(client, "name_here"));
        Assert.Empty(await SearchAsync(client, "name_herf"));
        Assert.Equal([quoted.Reference], await SearchAsync(client, "\"respite\" OR"));
        Assert.Empty(await SearchAsync(client, marker + " NEAR"));
        Assert.Equal(3, (await SearchAsync(client, marker.ToUpperInvariant())).Count);

        // The text replaced outside the change tracker (as retention's erasure does): the search table follows it.
        await using (var db = factory.CreateDbContext())
        {
            await db.FeedbackItems.Where(f => f.Id == percent.Id).ExecuteUpdateAsync(s => s.SetProperty(f => f.Text, FeedbackItem.ErasedText));
        }

        Assert.Empty(await SearchAsync(client, "100% in"));
        Assert.Equal(new[] { underscore.Reference, quoted.Reference }.Order(), (await SearchAsync(client, marker)).Order());
    }

    private static async Task<List<string>> SearchAsync(HttpClient client, string words) =>
        References((await Html.GetAsync(client, "/staff/feedback?q=" + Uri.EscapeDataString(words))).Item2);

    private static async Task<Dictionary<string, int>> CountsAsync(HttpClient client, string url = "/staff/feedback")
    {
        var (_, page) = await Html.GetAsync(client, url);
        return page.QuerySelectorAll("#quick-filters a").Select(a => System.Text.RegularExpressions.Regex.Match(a.TextContent.Trim(), @"^(.*) \((\d+)\)$"))
            .ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    private Task<Dictionary<string, int>> FromScratchAsync(string email) => Staff.InboxCountsFromScratchAsync(factory, email);

    private static List<string> References(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("#inbox tbody tr td:first-child a").Select(a => a.Text()).ToList();

    private static void AssertNoInjectedMarkup(AngleSharp.Html.Dom.IHtmlDocument page, int layoutScripts)
    {
        Assert.Equal(layoutScripts, page.QuerySelectorAll("script").Length);
        Assert.Empty(page.QuerySelectorAll("iframe, object, embed, svg, img, math, base"));
        Assert.DoesNotContain(page.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
    }
}
