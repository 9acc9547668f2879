using System.Net;
using System.ServiceModel.Syndication;
using System.Xml;
using System.Xml.Linq;
using Engagement.Domain.Common;
using Engagement.Domain.Responses;
using Engagement.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Engagement.IntegrationTests.PublicLog.PublicLogTestSupport;

namespace Engagement.IntegrationTests.PublicLog;

public sealed class PublicLogOutputTests(EngagementFactory factory) : IClassFixture<EngagementFactory>
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [Fact]
    public async Task Unpublished_entries_never_appear_on_any_page_feed_csv_or_json()
    {
        var m = Marker();
        var future = DateTime.UtcNow.AddYears(5);
        var published = await AddEntryAsync(factory, $"Published {m}", "Shown", future, priorities: [9]);
        var draft = await AddEntryAsync(factory, $"Draft {m}", "Never shown", future.AddMinutes(1), priorities: [9], publish: false);
        var withdrawn = await AddEntryAsync(factory, $"Withdrawn {m}", "No longer shown", future.AddMinutes(2), priorities: [9]);
        using (var db = factory.CreateDbContext())
        {
            var entry = await db.ResponseEntries.SingleAsync(e => e.Id == withdrawn.Id);
            Assert.True(entry.Unpublish(future.AddMinutes(3)).Succeeded);
            await db.SaveChangesAsync();
        }

        var client = factory.CreateBrowserClient();
        var hidden = new[] { draft.Reference, withdrawn.Reference };
        foreach (var url in new[]
        {
            "/you-said-we-did", $"/you-said-we-did?q={m}", "/priorities/9", "/you-said-we-did/feed", $"/you-said-we-did/feed?q={m}",
            "/priorities/9/feed", "/you-said-we-did.csv", $"/you-said-we-did.csv?q={m}", "/api/v1/you-said-we-did", $"/api/v1/you-said-we-did?q={m}",
            "/insights",
        })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Contains(published.Reference, url == "/insights" ? published.Reference : body);
            foreach (var reference in hidden)
            {
                Assert.DoesNotContain(reference, body);
            }

            Assert.DoesNotContain("Draft " + m, body);
            Assert.DoesNotContain("Withdrawn " + m, body);
        }

        foreach (var reference in hidden.Append("WD-1999-0001"))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/you-said-we-did/{reference}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/you-said-we-did/{reference}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/you-said-we-did/{published.Reference}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/you-said-we-did/{published.Reference}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/priorities/99/feed")).StatusCode);
    }

    [Fact]
    public async Task Every_open_data_format_is_the_same_when_served_again_from_the_cache()
    {
        var m = Marker();
        var entry = await AddEntryAsync(factory, $"Cached {m}", "Said twice", DateTime.UtcNow.AddYears(6), priorities: [7]);
        var client = factory.CreateBrowserClient();
        foreach (var url in new[]
        {
            "/you-said-we-did.csv", $"/you-said-we-did.csv?q={m}", "/you-said-we-did.csv?priority=7",
            "/you-said-we-did/feed", $"/you-said-we-did/feed?q={m}", "/priorities/7/feed",
            "/api/v1/you-said-we-did", $"/api/v1/you-said-we-did?q={m}", $"/api/v1/you-said-we-did/{entry.Reference}",
        })
        {
            var first = await client.GetByteArrayAsync(url);
            var second = await client.GetByteArrayAsync(url);
            var third = await client.GetByteArrayAsync(url);
            Assert.Contains(entry.Reference, System.Text.Encoding.UTF8.GetString(first));
            Assert.Equal(first, second);
            Assert.Equal(first, third);
        }
    }

    [Fact]
    public async Task Atom_feed_parses_and_validates()
    {
        var m = Marker();
        var entry = await AddEntryAsync(factory, $"Feed {m} & <friends>", "Said \"this\" & that", new DateTime(2031, 2, 3, 4, 5, 6, DateTimeKind.Utc), priorities: [4], status: ResponseStatus.Completed);

        foreach (var url in new[] { $"/you-said-we-did/feed?q={m}", "/priorities/4/feed", "/you-said-we-did/feed" })
        {
            var response = await factory.CreateBrowserClient().GetAsync(url);
            Assert.Equal("application/atom+xml", response.Content.Headers.ContentType!.MediaType);
            var xml = await response.Content.ReadAsStringAsync();
            var feed = ReadFeed(xml);
            ValidateAtom(XDocument.Parse(xml));
            Assert.Contains(feed.Items, i => i.Title.Text == $"{entry.Reference}: Feed {m} & <friends>");
        }

        var filtered = ReadFeed(await factory.CreateBrowserClient().GetStringAsync($"/you-said-we-did/feed?q={m}"));
        var item = Assert.Single(filtered.Items);
        Assert.Equal(new DateTimeOffset(2031, 2, 3, 4, 5, 6, TimeSpan.Zero), item.LastUpdatedTime);
        Assert.Equal($"https://localhost/you-said-we-did/{entry.Reference}", item.Id);
        var content = Assert.IsType<TextSyndicationContent>(item.Content);
        Assert.Contains("Said \"this\" & that", content.Text);
        Assert.Contains("Status: Completed", content.Text);
    }

    internal static SyndicationFeed ReadFeed(string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml));
        var formatter = new Atom10FeedFormatter();
        Assert.True(formatter.CanRead(reader));
        formatter.ReadFrom(reader);
        return formatter.Feed;
    }

    /// <summary>RFC 4287's requirements for a feed and its entries: namespace, id, title, updated (RFC 3339), and a link or content.</summary>
    internal static void ValidateAtom(XDocument document)
    {
        var root = document.Root!;
        Assert.Equal(Atom + "feed", root.Name);
        AssertRequired(root);
        Assert.Contains(root.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "self");
        Assert.True(root.Elements(Atom + "author").Any() || root.Elements(Atom + "entry").All(e => e.Elements(Atom + "author").Any()));
        foreach (var entry in root.Elements(Atom + "entry"))
        {
            AssertRequired(entry);
            Assert.True(entry.Elements(Atom + "content").Any() || entry.Elements(Atom + "link").Any(l => (string?)l.Attribute("rel") is null or "alternate"));
        }

        static void AssertRequired(XElement element)
        {
            Assert.Single(element.Elements(Atom + "id"));
            Assert.True(Uri.IsWellFormedUriString(element.Element(Atom + "id")!.Value, UriKind.Absolute));
            Assert.Single(element.Elements(Atom + "title"));
            Assert.Single(element.Elements(Atom + "updated"));
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", element.Element(Atom + "updated")!.Value);
        }
    }

    [Fact]
    public async Task Csv_parses_and_neutralises_formula_cells()
    {
        var m = Marker();
        var formula = await AddEntryAsync(factory, "=HYPERLINK(\"http://evil.example\",\"x\")", $"+{m} -1, \"quoted\"\r\nsecond line", new DateTime(2031, 5, 6, 7, 8, 9, DateTimeKind.Utc), ServiceSection.Workforce, [14, 15], ResponseStatus.ActionPlanned);
        var plain = await AddEntryAsync(factory, "@SUM(A1)", $"{m} plain", new DateTime(2031, 5, 5, 0, 0, 0, DateTimeKind.Utc));
        var tab = await AddEntryAsync(factory, "\tTabbed", $"-{m}", new DateTime(2031, 5, 4, 0, 0, 0, DateTimeKind.Utc));

        var response = await factory.CreateBrowserClient().GetAsync($"/you-said-we-did.csv?q={m}");
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var rows = ParseCsv(new System.Text.UTF8Encoding(false, true).GetString(bytes));

        Assert.Equal(["reference", "title", "status", "section", "priorities", "owner_team", "target_date", "first_published", "last_updated", "you_said", "permalink", "kind", "consultation"], rows[0]);
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.Equal(13, r.Count));
        var first = rows[1];
        Assert.Equal(formula.Reference, first[0]);
        Assert.Equal("'=HYPERLINK(\"http://evil.example\",\"x\")", first[1]);
        Assert.Equal("Action planned", first[2]);
        Assert.Equal("Workforce recruitment and retention", first[3]);
        Assert.Equal("14;15", first[4]);
        Assert.Equal("2091-01-01", first[6]);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", first[7]);
        Assert.Equal("2031-05-06T07:08:09Z", first[8]);
        Assert.Equal($"'+{m} -1, \"quoted\"\r\nsecond line", first[9]);
        Assert.Equal($"https://localhost/you-said-we-did/{formula.Reference}", first[10]);
        Assert.Equal("'@SUM(A1)", rows[2][1]);
        Assert.Equal(["entry", ""], first.Skip(11));
        Assert.Equal("'\tTabbed", rows[3][1]);
        Assert.Equal($"'-{m}", rows[3][9]);
        Assert.Equal(plain.Reference, rows[2][0]);
        Assert.Equal(tab.Reference, rows[3][0]);
    }

    [Fact]
    public async Task Publishing_a_change_invalidates_the_cached_pages()
    {
        var m = Marker();
        var entry = await AddEntryAsync(factory, $"Before {m}", "x", DateTime.UtcNow.AddYears(6));
        var client = factory.CreateBrowserClient();
        var urls = new[] { "/you-said-we-did", $"/you-said-we-did/{entry.Reference}", $"/api/v1/you-said-we-did/{entry.Reference}", "/you-said-we-did/feed" };
        foreach (var url in urls)
        {
            Assert.Contains($"Before {m}", await client.GetStringAsync(url));
        }

        using (var db = factory.CreateDbContext())
        {
            var tracked = await db.ResponseEntries.SingleAsync(e => e.Id == entry.Id);
            tracked.Title = $"After {m}";
            tracked.Touch(DateTime.UtcNow.AddYears(6));
            await db.SaveChangesAsync();
        }

        // Cached: without invalidation the old page is still served (so the next assertion proves the invalidation).
        Assert.Contains($"Before {m}", await client.GetStringAsync(urls[0]));

        await InvalidateAsync(factory);
        foreach (var url in urls)
        {
            var body = await client.GetStringAsync(url);
            Assert.Contains($"After {m}", body);
            Assert.DoesNotContain($"Before {m}", body);
        }
    }

    [Fact]
    public async Task Entry_page_shows_summary_history_events_and_how_many_raised_it()
    {
        var entry = await AddEntryAsync(factory, "Timeline entry", "People said", new DateTime(2031, 8, 1, 0, 0, 0, DateTimeKind.Utc), ServiceSection.ExtraCareHousing, [8, 10], ResponseStatus.Completed,
            weDid: "We **did** it. <script>alert(1)</script> [link](javascript:alert(1))");
        int eventId;
        using (var db = factory.CreateDbContext())
        {
            eventId = await db.Events.OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();
            db.ResponseEntryEvents.Add(new ResponseEntryEvent { ResponseEntryId = entry.Id, EventId = eventId });
            await db.SaveChangesAsync();
        }

        await AddFeedbackAsync(factory, entry.Id, new DateTime(2031, 1, 1, 0, 0, 0, DateTimeKind.Utc), 8);
        await AddFeedbackAsync(factory, entry.Id, new DateTime(2031, 1, 2, 0, 0, 0, DateTimeKind.Utc), 8);
        await InvalidateAsync(factory);

        var (_, page) = await Html.GetAsync(factory.CreateBrowserClient(), $"/you-said-we-did/{entry.Reference}");

        Assert.Equal("Timeline entry", page.QuerySelector("h1").Text());
        Assert.Equal("2", page.QuerySelector("#raised-by").Text());
        Assert.Equal(["/priorities/8", "/priorities/10"], page.QuerySelectorAll("main .govuk-summary-list a[href^='/priorities/']").Select(a => a.GetAttribute("href")));
        Assert.Contains("Completed", page.QuerySelector(".govuk-summary-list .govuk-tag").Text());
        Assert.Equal(["Completed", "Action planned", "Under review", "Received"], page.QuerySelectorAll("#timeline .app-timeline__item h3").Select(h => h.Text()));
        Assert.Contains("A note about Completed", page.QuerySelector("#timeline").Text());
        Assert.DoesNotContain("test-user", page.Body!.InnerHtml);
        Assert.NotNull(page.QuerySelector($"#events a[href='/events/{eventId}']"));
        Assert.NotNull(page.QuerySelector("#we-did strong"));
        Assert.Null(page.QuerySelector("#we-did script"));
        Assert.Null(page.QuerySelector("#we-did a[href^='javascript']"));
    }

    [Fact]
    public async Task Priority_page_shows_its_entries_figures_and_feed()
    {
        // Priority 9 has no demo data: everything on its page comes from here.
        var published = new DateTime(2032, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        var done = await AddEntryAsync(factory, "Priority nine done", "x", published.AddDays(30), ServiceSection.ExtraCareHousing, [9], ResponseStatus.Completed);
        var open = await AddEntryAsync(factory, "Priority nine open", "x", published.AddDays(31), ServiceSection.ExtraCareHousing, [9], ResponseStatus.ActionPlanned);
        var third = await AddEntryAsync(factory, "Priority nine third", "x", published.AddDays(32), ServiceSection.ExtraCareHousing, [9], ResponseStatus.UnderReview);
        using (var db = factory.CreateDbContext())
        {
            foreach (var (id, firstPublished) in new[] { (done.Id, published), (open.Id, published.AddDays(10)), (third.Id, published.AddDays(20)) })
            {
                await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE ResponseEntries SET FirstPublishedAt = {firstPublished} WHERE Id = {id}");
            }
        }

        // First feedback: 4 days before done (and a later one), 10 days before open, 30 days before third: median 10.
        await AddFeedbackAsync(factory, done.Id, published.AddDays(-4), 9);
        await AddFeedbackAsync(factory, done.Id, published.AddDays(-1), 9);
        await AddFeedbackAsync(factory, open.Id, published, 9);
        await AddFeedbackAsync(factory, third.Id, published.AddDays(-10), 9);
        await AddFeedbackAsync(factory, null, published, 9);
        await InvalidateAsync(factory);

        var (_, page) = await Html.GetAsync(factory.CreateBrowserClient(), "/priorities/9");

        Assert.Contains("Priority 9", page.QuerySelector("h1").Text());
        Assert.Equal([third.Reference, open.Reference, done.Reference], References(page));
        Assert.Equal("5", page.QuerySelector("#figure-feedback").Text());
        Assert.Equal("3", page.QuerySelector("#figure-entries").Text());
        Assert.Equal("10 days", page.QuerySelector("#figure-median").Text());
        Assert.Equal("33%", page.QuerySelector("#figure-completed").Text());
        var statusRows = page.QuerySelectorAll("#priority-status-table tbody tr").ToDictionary(r => r.QuerySelector("th").Text(), r => r.QuerySelector("td").Text());
        Assert.Equal("1", statusRows["Completed"]);
        Assert.Equal("1", statusRows["Action planned"]);
        Assert.Equal("0", statusRows["Received"]);
        Assert.NotNull(page.QuerySelector("main a[href='/priorities/9/feed']"));
        Assert.NotNull(page.QuerySelector("link[rel=alternate][type='application/atom+xml'][href='/priorities/9/feed']"));
        var feed = ReadFeed(await factory.CreateBrowserClient().GetStringAsync("/priorities/9/feed"));
        Assert.Equal(3, feed.Items.Count());
    }

    [Fact]
    public async Task Insights_page_draws_accessible_svg_charts_with_data_tables()
    {
        var (response, page) = await Html.GetAsync(factory.CreateBrowserClient(), "/insights");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var charts = page.QuerySelectorAll("main svg").ToList();
        Assert.True(charts.Count >= 6);
        foreach (var svg in charts)
        {
            Assert.Equal("img", svg.GetAttribute("role"));
            var title = svg.QuerySelector("title");
            var desc = svg.QuerySelector("desc");
            Assert.False(string.IsNullOrWhiteSpace(title?.TextContent));
            Assert.False(string.IsNullOrWhiteSpace(desc?.TextContent));
            Assert.Equal($"{title!.Id} {desc!.Id}", svg.GetAttribute("aria-labelledby"));
            Assert.NotEmpty(svg.QuerySelectorAll("rect"));
            Assert.Null(svg.GetAttribute("style"));
            var figureId = svg.ParentElement!.Id!;
            var table = page.QuerySelector("#table-" + figureId["chart-".Length..]);
            Assert.NotNull(table);
            Assert.NotEmpty(table!.QuerySelectorAll("tbody tr"));
        }

        Assert.Empty(page.QuerySelectorAll("main [style]"));
        Assert.Empty(page.QuerySelectorAll("main script"));
        var byPriority = page.QuerySelectorAll("#table-by-priority tbody tr").ToDictionary(r => r.QuerySelector("th").Text(), r => r.QuerySelectorAll("td").Select(c => c.Text()).ToList());
        Assert.Equal(18, byPriority.Count);
        Assert.Equal("2", byPriority["Priority 3"][0]);
    }
}
