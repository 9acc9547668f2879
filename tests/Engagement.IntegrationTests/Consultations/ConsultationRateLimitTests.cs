using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.Web.Features.Consultations;
using Engagement.Web.Security;
using Microsoft.EntityFrameworkCore;
using static Engagement.IntegrationTests.Consultations.ConsultationJourneySteps;

namespace Engagement.IntegrationTests.Consultations;

/// <summary>
/// The submission limit at its production default (RateLimiting:SubmissionsPerMinute, 10) on the consultation journey:
/// sending a response and "save and come back later" each count as a finished submission; past the limit the person
/// gets the GOV.UK "too many requests" page and their draft is kept, with nothing recorded or emailed.
/// </summary>
public sealed class ConsultationRateLimitTests(ConsultationRateLimitTests.AtDefaultLimits factory) : IClassFixture<ConsultationRateLimitTests.AtDefaultLimits>
{
    public sealed class AtDefaultLimits : ConsultationsFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
        {
            ["RateLimiting:FormPostsPerMinute"] = FormRateLimits.DefaultFormPostsPerMinute.ToString(CultureInfo.InvariantCulture),
            ["RateLimiting:SubmissionsPerMinute"] = FormRateLimits.DefaultSubmissionsPerMinute.ToString(CultureInfo.InvariantCulture),
        };
    }

    [Fact]
    public async Task Ten_responses_from_one_address_are_recorded_and_the_eleventh_is_refused_with_its_draft_kept()
    {
        factory.Clock.Reset();
        var c = await factory.AddConsultationAsync("Sending at the default limit");
        for (var i = 0; i < FormRateLimits.DefaultSubmissionsPerMinute; i++)
        {
            var person = factory.CreateBrowserClient("198.51.100.60");
            Assert.NotNull((await SendAsync(person, await ToCheckAsync(person, c))).QuerySelector("#reference"));
        }

        var last = factory.CreateBrowserClient("198.51.100.60");
        var check = await ToCheckAsync(last, c, "The eleventh answer");
        var refused = await Html.SubmitAsync(last, check, new Dictionary<string, string>(), "main form[method=post]");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.Contains("Retry-After"));
        Assert.Contains("Sorry, there is a problem", (await Html.ParseAsync(refused)).QuerySelector("h1")!.TextContent);

        Assert.Equal(FormRateLimits.DefaultSubmissionsPerMinute, (await factory.ResponsesAsync(c.Id)).Count);
        var (_, kept) = await Html.GetAsync(last, $"/consultations/{c.Id}/answer/check");
        Assert.StartsWith("Check your answers", kept.Title);
        Assert.Contains("The eleventh answer", kept.Body!.TextContent);

        // Another address is not affected.
        var other = factory.CreateBrowserClient("198.51.100.61");
        Assert.NotNull((await SendAsync(other, await ToCheckAsync(other, c))).QuerySelector("#reference"));
    }

    [Fact]
    public async Task Save_and_come_back_later_counts_as_a_submission_and_the_eleventh_link_is_not_sent()
    {
        factory.Clock.Reset();
        var c = await factory.AddConsultationAsync("Saving at the default limit");
        var client = factory.CreateBrowserClient("198.51.100.62");
        var (_, page) = await Html.GetAsync(client, $"/consultations/{c.Id}/answer");
        var role = Question(c, "Which best");
        page = await PostAsync(client, page, (role.FieldName, Option(role, "I am a carer")), ("action", "save"));
        Assert.Equal("Save your answers and come back later", page.QuerySelector("h1").Text());
        for (var i = 0; i < FormRateLimits.DefaultSubmissionsPerMinute; i++)
        {
            var (_, form) = await Html.GetAsync(client, $"/consultations/{c.Id}/answer/save");
            Assert.Equal("Check your email", (await PostAsync(client, form, ("Input.Email", $"saver{i}@example.org"))).QuerySelector("h1").Text());
        }

        var (_, last) = await Html.GetAsync(client, $"/consultations/{c.Id}/answer/save");
        var refused = await Html.SubmitAsync(client, last.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>(Form)!, [new("Input.Email", "saver-eleven@example.org")]);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);

        await using var db = factory.CreateDbContext();
        var links = await db.OutboxMessages.Where(m => m.Kind == ConsultationEmails.SaveAndReturnKind && m.ToAddress.StartsWith("saver")).Select(m => m.ToAddress).ToListAsync();
        Assert.Equal(FormRateLimits.DefaultSubmissionsPerMinute, links.Count);
        Assert.DoesNotContain("saver-eleven@example.org", links);
    }
}
