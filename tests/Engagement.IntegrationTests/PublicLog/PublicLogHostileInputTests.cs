using System.Net;
using Engagement.Domain.Common;
using Engagement.Domain.Responses;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.Web.Features.PublicLog;
using static Engagement.IntegrationTests.PublicLog.PublicLogTestSupport;

namespace Engagement.IntegrationTests.PublicLog;

/// <summary>
/// Every payload in xss/ as an entry's title and "You said" summary comes out encoded on the log, entry pages, the
/// Atom feeds, the CSV and the JSON API.
/// </summary>
public sealed class PublicLogHostileInputTests(PublicLogHostileInputTests.Fixture fixture) : IClassFixture<PublicLogHostileInputTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public EngagementFactory Factory { get; } = new();

        public Dictionary<string, string> PayloadByReference { get; } = [];

        public async Task InitializeAsync()
        {
            var payloads = TestData.All("xss");
            Assert.True(payloads.Count > 100);
            using var db = Factory.CreateDbContext();
            var at = new DateTime(2035, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            for (var i = 0; i < payloads.Count; i++)
            {
                var entry = ResponseEntry.Create(NewReference(), payloads[i], "test-user", at);
                entry.YouSaidSummary = payloads[i];
                entry.WeDidMarkdown = payloads[i];
                entry.OwnerTeam = payloads[i];
                entry.Section = ServiceSection.HomeCare;
                // Round-robin over the priorities keeps each priority's feed (50 entries) holding all of its payloads.
                entry.Priorities = [new ResponseEntryPriority { PriorityNumber = 1 + i % 18 }];
                Assert.True(entry.Publish(at.AddMinutes(i)).Succeeded);
                db.ResponseEntries.Add(entry);
                PayloadByReference[entry.Reference] = payloads[i];
            }

            await db.SaveChangesAsync();
            await InvalidateAsync(Factory);
        }

        public Task DisposeAsync()
        {
            Factory.Dispose();
            return Task.CompletedTask;
        }
    }

    /// <summary>What an HTML parser makes of a text node: CR and CRLF become LF, NUL is dropped.</summary>
    private static string AsHtmlText(string value) => value.Replace("\r\n", "\n").Replace('\r', '\n').Replace("\0", "");

    [Fact]
    public async Task Html_entry_pages_and_the_log_show_every_payload_as_text()
    {
        var client = fixture.Factory.CreateBrowserClient();
        foreach (var (reference, payload) in fixture.PayloadByReference)
        {
            var (response, page) = await Html.GetAsync(client, $"/you-said-we-did/{reference}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var title = page.QuerySelector("#entry-title")!;
            var youSaid = page.QuerySelector("#you-said")!;
            Assert.Equal(AsHtmlText(payload), title.TextContent);
            Assert.Equal(AsHtmlText(payload), youSaid.TextContent);
            Assert.Empty(title.Children);
            Assert.Empty(youSaid.Children);
            AssertNothingInjected(page, payload);
        }

        var seen = 0;
        string? url = "/you-said-we-did";
        while (url is not null)
        {
            var (_, page) = await Html.GetAsync(client, url);
            foreach (var item in page.QuerySelectorAll("#log-entries li[data-reference]"))
            {
                if (fixture.PayloadByReference.TryGetValue(item.GetAttribute("data-reference")!, out var payload))
                {
                    var link = item.QuerySelector("h3 a")!;
                    Assert.Equal(AsHtmlText(payload), link.TextContent);
                    Assert.Empty(link.Children);
                    seen++;
                }
            }

            AssertNothingInjected(page, "log page " + url);
            url = Href(page, "next");
        }

        Assert.Equal(fixture.PayloadByReference.Count, seen);
    }

    private static void AssertNothingInjected(AngleSharp.Html.Dom.IHtmlDocument page, string context)
    {
        var all = page.All.ToList();
        Assert.True(all.All(e => e.Attributes.All(a => !a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase))), $"An event handler attribute appeared with {context}");
        Assert.True(page.QuerySelectorAll("script").All(s => s.HasAttribute("nonce") && s.HasAttribute("src")), $"A script appeared with {context}");
        Assert.True(page.QuerySelectorAll("iframe, object, embed, base, meta[http-equiv], main img, main link, form[action^='javascript'], a[href^='javascript'], [srcdoc]").Length == 0, $"An injected element appeared with {context}");
    }

    [Fact]
    public async Task Atom_feeds_carry_every_payload_as_encoded_text()
    {
        var client = fixture.Factory.CreateBrowserClient();
        var seen = 0;
        for (var priority = 1; priority <= 18; priority++)
        {
            var xml = await client.GetStringAsync($"/priorities/{priority}/feed");
            PublicLogOutputTests.ValidateAtom(System.Xml.Linq.XDocument.Parse(xml));
            var feed = PublicLogOutputTests.ReadFeed(xml);
            foreach (var item in feed.Items)
            {
                var reference = item.Title.Text.Split(':')[0];
                if (fixture.PayloadByReference.TryGetValue(reference, out var payload))
                {
                    // XML 1.0 cannot carry a form feed or NUL at all: the feed drops them, and encodes everything else.
                    Assert.Equal($"{reference}: {PublicLogEndpoints.XmlSafe(payload)}", item.Title.Text);
                    Assert.StartsWith(PublicLogEndpoints.XmlSafe(payload) + "\n\nStatus: ", ((System.ServiceModel.Syndication.TextSyndicationContent)item.Content).Text);
                    seen++;
                }
            }
        }

        Assert.Equal(fixture.PayloadByReference.Count, seen);
    }

    [Fact]
    public async Task Csv_carries_every_payload_neutralised_where_it_could_be_a_formula()
    {
        var text = await fixture.Factory.CreateBrowserClient().GetStringAsync("/you-said-we-did.csv");
        var rows = ParseCsv(text).Skip(1).ToList();
        var seen = 0;
        foreach (var row in rows)
        {
            if (fixture.PayloadByReference.TryGetValue(row[0], out var payload))
            {
                var expected = payload.Length > 0 && "=+-@\t\r".Contains(payload[0]) ? "'" + payload : payload;
                Assert.Equal(expected, row[1]);
                Assert.Equal(expected, row[9]);
                Assert.Equal(expected, row[5]);
                seen++;
            }
        }

        Assert.Equal(fixture.PayloadByReference.Count, seen);
    }

    [Fact]
    public async Task Json_round_trips_every_payload()
    {
        var client = fixture.Factory.CreateBrowserClient();
        var items = await AllJsonItemsAsync(client, "section=home-care");
        var seen = 0;
        foreach (var item in items)
        {
            if (fixture.PayloadByReference.TryGetValue(item.GetProperty("reference").GetString()!, out var payload))
            {
                Assert.Equal(payload, item.GetProperty("title").GetString());
                Assert.Equal(payload, item.GetProperty("youSaid").GetString());
                Assert.Equal(payload, item.GetProperty("ownerTeam").GetString());
                seen++;
            }
        }

        Assert.Equal(fixture.PayloadByReference.Count, seen);
        var one = fixture.PayloadByReference.First();
        using var detail = await GetJsonAsync(client, $"/api/v1/you-said-we-did/{Uri.EscapeDataString(one.Key)}");
        Assert.Equal(one.Value, detail.RootElement.GetProperty("item").GetProperty("title").GetString());
        Assert.Equal(one.Value, detail.RootElement.GetProperty("weDidMarkdown").GetString());
    }
}
