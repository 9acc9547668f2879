using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Engagement.Domain.Consultations;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.Web.Features.Consultations;
using Engagement.Web.Features.PublicLog;
using Microsoft.EntityFrameworkCore;
using static Engagement.IntegrationTests.Consultations.AnalysisTestSupport;

namespace Engagement.IntegrationTests.Consultations;

/// <summary>
/// Every payload in xss/ as a written answer comes out encoded on the analysis page and in the staff CSV and JSON; a
/// sample of them as the consultation's title, a question and the outcome's summary comes out encoded on the outcome's
/// permalink, in the feed and in the outcome email.
/// </summary>
public sealed class AnalysisAndOutcomeHostileInputTests(EngagementFactory factory) : IClassFixture<EngagementFactory>
{
    private static string AsHtmlText(string value) => value.Replace("\r\n", "\n").Replace('\r', '\n').Replace("\0", "");

    private static string AsCsv(string value) => value.Length > 0 && "=+-@\t\r".Contains(value[0]) ? "'" + value : value;

    private static void AssertNothingInjected(IHtmlDocument page, string context)
    {
        Assert.True(page.All.All(e => e.Attributes.All(a => !a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase))), $"An event handler attribute appeared with {context}");
        Assert.True(page.QuerySelectorAll("script").All(s => s.HasAttribute("nonce") && s.HasAttribute("src")), $"A script appeared with {context}");
        Assert.True(page.QuerySelectorAll("iframe, object, embed, base, meta[http-equiv], main img, main link, form[action^='javascript'], a[href^='javascript'], [srcdoc]").Length == 0, $"An injected element appeared with {context}");
    }

    [Fact]
    public async Task Written_answers_come_out_encoded_on_the_analysis_page_and_in_the_csv_and_json()
    {
        var payloads = TestData.All("xss");
        Assert.True(payloads.Count > 100);
        var c = await CreateOpenAsync(factory);
        var handler = factory.GetService<SubmitConsultationResponseHandler>();
        var accepted = 0;
        foreach (var payload in payloads)
        {
            var text = payload.Length > ConsultationLimits.LongTextDefaultMaxLength ? payload[..ConsultationLimits.LongTextDefaultMaxLength] : payload;
            var result = await handler.HandleAsync(new SubmitConsultationResponse(c.Id, new Dictionary<string, string[]>
            {
                [$"q{c.RoleQuestion}"] = [c.Option(c.RoleQuestion, "Carer")],
                [$"q{c.TextQuestion}"] = [text],
            }, ResponseChannel.Online, null, false, false, Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N")));
            accepted += result.Succeeded ? 1 : 0; // a payload with control characters is refused, as the form refuses it
        }

        Assert.True(accepted > 100, $"only {accepted} payloads were accepted");
        await using var db = factory.CreateDbContext();
        var stored = await db.ConsultationAnswers.AsNoTracking().Where(a => a.QuestionId == c.TextQuestion)
            .Join(db.ConsultationResponses, a => a.ResponseId, r => r.Id, (a, r) => new { r.Reference, a.Id, a.Text })
            .ToDictionaryAsync(x => x.Id, x => (x.Reference, Text: x.Text!));
        Assert.Equal(accepted, stored.Count);

        var client = await CommissionerAsync(factory);
        var seen = 0;
        for (var p = 1; ; p++)
        {
            var (response, page) = await Html.GetAsync(client, $"/staff/consultations/{c.Id}/analysis?p={p}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            foreach (var item in page.QuerySelectorAll("#written-answers > li"))
            {
                var id = int.Parse(item.Id!["answer-".Length..], System.Globalization.CultureInfo.InvariantCulture);
                var quote = item.QuerySelector("blockquote")!;
                Assert.Equal(AsHtmlText(stored[id].Text), quote.TextContent);
                Assert.Empty(quote.Children);
                seen++;
            }

            AssertNothingInjected(page, $"analysis page {p}");
            if (page.QuerySelector("a[rel=next]") is null)
            {
                break;
            }
        }

        Assert.Equal(stored.Count, seen);

        var rows = PublicLog.PublicLogTestSupport.ParseCsv(await client.GetStringAsync($"/staff/consultations/{c.Id}/responses.csv"));
        var byReference = stored.Values.ToDictionary(s => s.Reference, s => s.Text);
        Assert.All(rows.Skip(1), row => Assert.Equal(AsCsv(byReference[row[0]]), row[^1]));

        using var json = JsonDocument.Parse(await client.GetStringAsync($"/staff/consultations/{c.Id}/responses.json"));
        var items = json.RootElement.GetProperty("responses").EnumerateArray().ToList();
        Assert.Equal(stored.Count, items.Count);
        Assert.All(items, item => Assert.Equal(byReference[item.GetProperty("reference").GetString()!], item.GetProperty("answers")[3].GetString()));
    }

    [Fact]
    public async Task A_hostile_title_question_and_summary_come_out_encoded_on_the_outcome_feed_and_email()
    {
        var all = TestData.All("xss");
        var sample = all.Where((_, i) => i % Math.Max(1, all.Count / 12) == 0).Where(p => !p.Any(char.IsControl)).Take(12).ToList();
        Assert.True(sample.Count >= 10);
        var client = await CommissionerAsync(factory);
        foreach (var payload in sample)
        {
            var title = payload.Length > 150 ? payload[..150] : payload;
            var c = await CreateOpenAsync(factory, title: title, questionText: payload.Length > 400 ? payload[..400] : payload);
            await AnswerAsync(factory, c, "Resident", "Good", ["Lower charges"], email: "hostile@example.org", wantsOutcome: true);
            await CloseAsync(factory, c);
            var (_, form) = await Html.GetAsync(client, $"/staff/consultations/{c.Id}/outcome");
            var published = await Html.SubmitAsync(client, form, new Dictionary<string, string>
            {
                ["Input.WeAsked"] = payload,
                ["Input.YouSaid"] = payload,
                ["Input.WeDid"] = payload,
            }, "form#outcome-form");
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);

            await using var db = factory.CreateDbContext();
            var consultation = await db.Consultations.AsNoTracking().SingleAsync(x => x.Id == c.Id);
            var entry = await db.ResponseEntries.AsNoTracking().SingleAsync(e => e.Id == consultation.OutcomeEntryId);
            var anonymous = factory.CreateBrowserClient();
            var (response, page) = await Html.GetAsync(anonymous, $"/you-said-we-did/{entry.Reference}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(AsHtmlText(entry.Title), page.QuerySelector("#entry-title")!.TextContent);
            Assert.Equal(AsHtmlText(entry.YouSaidSummary), page.QuerySelector("#you-said")!.TextContent);
            var question = await db.ConsultationQuestions.AsNoTracking().Where(q => q.Id == c.RatingQuestion).Select(q => q.Text).SingleAsync();
            var chartTitle = page.QuerySelector("#chart-outcome-q2 title")!;
            Assert.Equal(AsHtmlText("Q2. " + question), chartTitle.TextContent);
            Assert.Empty(chartTitle.Children);
            AssertNothingInjected(page, "outcome of " + payload);

            var feed = await anonymous.GetStringAsync("/you-said-we-did/feed?kind=consultation");
            PublicLog.PublicLogOutputTests.ValidateAtom(System.Xml.Linq.XDocument.Parse(feed));
            var item = PublicLog.PublicLogOutputTests.ReadFeed(feed).Items.Single(i => i.Title.Text.StartsWith(entry.Reference + ":", StringComparison.Ordinal));
            Assert.Equal($"{entry.Reference}: {PublicLogEndpoints.XmlSafe(entry.Title)}", item.Title.Text);

            var responseId = (await db.ConsultationResponses.AsNoTracking().SingleAsync(r => r.ConsultationId == c.Id)).Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var email = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Kind == ConsultationEmails.OutcomeKind && m.RelatedId == responseId);
            Assert.Contains(System.Net.WebUtility.HtmlEncode(consultation.Title), email.HtmlBody);
            if (consultation.Title.Contains('<'))
            {
                Assert.DoesNotContain(consultation.Title, email.HtmlBody);
            }
        }
    }
}
