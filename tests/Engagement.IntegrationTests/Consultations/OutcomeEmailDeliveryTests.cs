using System.Net;
using AngleSharp.Html.Parser;
using Engagement.IntegrationTests.Email;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.Web.Features.Consultations;
using Microsoft.EntityFrameworkCore;
using static Engagement.IntegrationTests.Consultations.AnalysisTestSupport;

namespace Engagement.IntegrationTests.Consultations;

/// <summary>
/// "Everyone who asked to hear the outcome is emailed when it is published", end to end: a commissioner publishes the
/// outcome over HTTP, the outbox dispatcher runs as the recurring job does, and a real SMTP server process on loopback
/// (smtp_server.py) receives the messages. The consultation's title is hostile text from xss/.
/// </summary>
public sealed class OutcomeEmailDeliveryTests() : SmtpAppTests(new TestClock())
{
    private const string BaseUrl = "https://engagement.council.example";

    /// <summary>A few xss/ payloads that fit a title: a script element, an event handler and a javascript: link.</summary>
    private static List<string> HostileTitles()
    {
        var usable = TestData.All("xss").Where(p => p.Length <= 150 && !p.Any(char.IsControl) && p.Contains('<')).ToList();
        return new[] { "<script", "onerror", "javascript:" }
            .Select(marker => usable.First(p => p.Contains(marker, StringComparison.OrdinalIgnoreCase)))
            .Distinct()
            .ToList();
    }

    [Fact]
    public async Task Those_who_asked_receive_the_outcome_over_smtp_with_the_link_one_click_unsubscribe_and_the_title_encoded_and_their_address_is_removed()
    {
        await using var server = await SmtpServerProcess.StartAsync(Port, MailFolder);
        var commissioner = await CommissionerAsync(Factory);
        var titles = HostileTitles();
        Assert.Equal(3, titles.Count);

        for (var n = 0; n < titles.Count; n++)
        {
            var title = titles[n];
            var (counted, late, notAsked) = ($"counted{n}@example.org", $"late{n}@example.org", $"not-asked{n}@example.org");
            Factory.Clock.Reset(); // the helpers below use the real time now
            var c = await CreateOpenAsync(Factory, title: title);
            await AnswerAsync(Factory, c, "Resident", "Good", ["Lower charges"], email: counted, wantsOutcome: true);
            await AnswerAsync(Factory, c, "Carer", "Poor", [], email: notAsked, wantsOutcome: false);
            await CloseAsync(Factory, c);
            Factory.Clock.Reset();
            await AnswerAsync(Factory, c, "Carer", "Very poor", [], email: late, wantsOutcome: true);

            var (_, form) = await Html.GetAsync(commissioner, $"/staff/consultations/{c.Id}/outcome");
            var published = await Html.SubmitAsync(commissioner, form, new Dictionary<string, string>
            {
                ["Input.WeAsked"] = "How should we explain what people pay towards their care?",
                ["Input.YouSaid"] = "Most people found the letters hard to follow.",
                ["Input.WeDid"] = "We will rewrite the letters with carers.",
            }, "form#outcome-form");
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);

            // Nothing is sent until the dispatcher runs; then each person who asked gets one message, once.
            Assert.DoesNotContain(server.Messages(), m => m.EnvelopeRecipients.Contains(counted));
            Assert.True(await Factory.DispatchAsync() >= 2);
            Assert.Equal(0, await Factory.DispatchAsync());
            var received = server.Messages().Where(m => m.EnvelopeRecipients.Any(r => r.EndsWith($"{n}@example.org", StringComparison.Ordinal))).ToList();
            Assert.Equal([counted, late], received.Select(m => Assert.Single(m.EnvelopeRecipients)).Order());

            var link = $"{BaseUrl}/consultations/{c.Id}";
            foreach (var mail in received)
            {
                var message = mail.Message;
                Assert.Equal(Assert.Single(mail.EnvelopeRecipients), Assert.Single(message.To.Mailboxes).Address);
                Assert.Empty(message.Cc);
                Assert.Empty(message.Bcc);
                Assert.Equal("Consultation outcome: " + title, message.Subject);
                Assert.EndsWith("@engagement.council.example", message.MessageId);

                Assert.Contains(link, message.TextBody);
                Assert.Contains("We have now removed your email address", message.TextBody);

                // The HTML part: the title is text, never markup, and the only link is to the outcome.
                var html = message.HtmlBody!;
                Assert.Contains(WebUtility.HtmlEncode(title), html);
                Assert.DoesNotContain(title, html);
                var document = new HtmlParser().ParseDocument(html);
                Assert.Contains($"\u201c{title}\u201d", document.Body!.TextContent);
                Assert.Empty(document.QuerySelectorAll("script, iframe, object, embed, img, svg, form, base, meta[http-equiv]"));
                Assert.True(document.All.All(e => e.Attributes.All(a => !a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase))), "an event handler attribute appeared");
                Assert.Contains(link, document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")));
                Assert.DoesNotContain(document.QuerySelectorAll("a[href]"), a => a.GetAttribute("href")!.StartsWith("javascript", StringComparison.OrdinalIgnoreCase));

                // RFC 8058 one-click unsubscribe: harmless now, as the address has already gone.
                Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
                var unsubscribe = message.Headers["List-Unsubscribe"]!.Trim('<', '>');
                Assert.StartsWith(BaseUrl + "/unsubscribe/", unsubscribe);
                var oneClick = await Factory.CreateBrowserClient().PostAsync(new Uri(unsubscribe).PathAndQuery,
                    new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
                Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
            }

            // As the email says, the addresses of those emailed are removed from their responses; the one who did not
            // ask keeps theirs (it was given for the acknowledgement) and gets no outcome email.
            await using var db = Factory.CreateDbContext();
            var responses = await db.ConsultationResponses.AsNoTracking().Where(r => r.ConsultationId == c.Id).OrderBy(r => r.Id).ToListAsync();
            Assert.Equal([false, false, true], responses.Select(r => r.IsLate));
            Assert.Equal([null, notAsked, null], responses.Select(r => r.Email));
            Assert.Equal([true, false, true], responses.Select(r => r.OutcomeEmailedAt is not null));
            Assert.False(await db.ConsultationResponses.AnyAsync(r => r.Email == counted || r.Email == late));
            Assert.DoesNotContain(server.Messages(), m => m.EnvelopeRecipients.Contains(notAsked));
            Assert.Equal(2, await db.OutboxMessages.CountAsync(m => m.Kind == ConsultationEmails.OutcomeKind && m.SentAt != null && (m.ToAddress == counted || m.ToAddress == late)));
        }
    }
}
