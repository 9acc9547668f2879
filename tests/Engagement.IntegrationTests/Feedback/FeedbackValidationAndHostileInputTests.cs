using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Engagement.Domain.Feedback;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.Web.Features.Feedback;
using Microsoft.EntityFrameworkCore;

namespace Engagement.IntegrationTests.Feedback;

public sealed class FeedbackValidationAndHostileInputTests(FeedbackFactory factory) : IClassFixture<FeedbackFactory>
{
    private static void AssertGovukError(IHtmlDocument page, string fieldId, string message)
    {
        Assert.StartsWith("Error: ", page.Title);
        Assert.Contains(message, Html.ErrorSummary(page));
        Assert.NotNull(page.QuerySelector($".govuk-error-summary a[href='#{fieldId}']"));
        Assert.Contains(message, page.QuerySelector($"#{fieldId}-error").Text());
        Assert.NotNull(page.QuerySelector(".govuk-form-group--error"));
    }

    [Fact]
    public async Task Every_step_shows_its_errors_in_the_govuk_pattern_keeps_answers_and_saves_nothing()
    {
        await using var before = factory.CreateDbContext();
        var count = await before.FeedbackItems.CountAsync();
        var client = factory.CreateBrowserClient();

        var (_, page) = await Html.GetAsync(client, "/feedback/who");
        page = await FeedbackJourney.PostAsync(client, page, []);
        AssertGovukError(page, "Input_Role", "Select who you are");

        page = await FeedbackJourney.PostAsync(client, page, new() { ["Input.Role"] = "CareProvider" });
        page = await FeedbackJourney.PostAsync(client, page, []);
        AssertGovukError(page, "Input_ProviderType", "Select what kind of care you provide");

        page = await FeedbackJourney.PostAsync(client, page, new() { ["Input.ProviderType"] = "CareHome" });
        page = await FeedbackJourney.PostAsync(client, page, []);
        AssertGovukError(page, "Input_Section", "Select what your feedback is about");

        page = await FeedbackJourney.PostAsync(client, page, new() { ["Input.Section"] = "Workforce" });
        page = await FeedbackJourney.PostAsync(client, page, new() { ["Input.Text"] = "   " });
        AssertGovukError(page, "Input_Text", "Enter what you want to tell us");

        var tooLong = new string('a', 5001);
        page = await FeedbackJourney.PostAsync(client, page, new() { ["Input.Text"] = tooLong });
        AssertGovukError(page, "Input_Text", "What you want to tell us must be 5,000 characters or fewer");
        Assert.Equal(tooLong, page.QuerySelector("textarea#Input_Text")!.TextContent);
        Assert.Equal("5000", page.QuerySelector(".govuk-character-count")!.GetAttribute("data-maxlength"));

        page = await FeedbackJourney.PostAsync(client, page, new() { ["Input.Text"] = new string('b', 5000) });
        page = await FeedbackJourney.PostAsync(client, page, new() { ["Input.Priorities"] = "14", ["Input.PrioritiesNotSure"] = "true" });
        AssertGovukError(page, "Input_Priorities", "Select the priorities it is about, or \u2018I\u2019m not sure\u2019, not both");
        page = await FeedbackJourney.PostAsync(client, page, new() { ["Input.Priorities"] = "999", ["Input.PrioritiesNotSure"] = "false" });
        AssertGovukError(page, "Input_Priorities", "Select priorities from the list");
        page = await FeedbackJourney.PostAsync(client, page, new() { ["Input.Priorities"] = "14", ["Input.EventId"] = "999999" });
        AssertGovukError(page, "Input_EventId", "Select an event from the list");

        page = await FeedbackJourney.PostAsync(client, page, new() { ["Input.Priorities"] = "14", ["Input.EventId"] = "" });
        page = await FeedbackJourney.PostAsync(client, page, new() { ["Input.ContactName"] = "Sam", ["Input.ContactEmail"] = "not-an-email", ["Input.ConsentToContact"] = "true" });
        AssertGovukError(page, "Input_ContactEmail", "Enter an email address in the correct format, like name@example.com");
        Assert.Equal("Sam", page.QuerySelector<IHtmlInputElement>("#Input_ContactName")!.Value);
        page = await FeedbackJourney.PostAsync(client, page, new() { ["Input.ContactEmail"] = "", ["Input.ConsentToProgressUpdates"] = "true" });
        AssertGovukError(page, "Input_ContactEmail", "Enter your email address if you want us to contact you or tell you about progress");
        page = await FeedbackJourney.PostAsync(client, page, new() { ["Input.ContactEmail"] = "sam@example.com", ["Input.ConsentToContact"] = "false", ["Input.ConsentToProgressUpdates"] = "false" });
        AssertGovukError(page, "Input_ConsentToContact", "Select if we can contact you or tell you about progress, or leave your email address blank");

        page = await FeedbackJourney.PostAsync(client, page, new() { ["Input.ContactEmail"] = "sam@example.com", ["Input.ConsentToContact"] = "true", ["Input.ConsentToProgressUpdates"] = "false" });
        Assert.StartsWith("Check your answers", page.Title);
        Assert.Equal(new string('b', 5000), page.QuerySelector("#answer-text").Text());

        await using var after = factory.CreateDbContext();
        Assert.Equal(count, await after.FeedbackItems.CountAsync());
    }

    [Fact]
    public async Task Every_xss_payload_is_encoded_on_check_answers_tracking_and_staff_pages()
    {
        var payloads = TestData.All("xss");
        Assert.NotEmpty(payloads);
        var client = factory.CreateBrowserClient();
        var staff = factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(staff, TestAccounts.Commissioner);
        var (_, start) = await Html.GetAsync(client, "/feedback/who");
        var layoutScripts = start.QuerySelectorAll("script").Length;
        var protector = factory.GetService<FeedbackProtector>();
        await FeedbackJourney.ToCheckAnswersAsync(client, "Before the payloads");

        foreach (var payload in payloads.Where(p => p.Length <= FeedbackLimits.TextMaxLength))
        {
            // Change the answer through the real journey: the changed text comes back on check your answers.
            var (_, tellUs) = await Html.GetAsync(client, "/feedback/tell-us");
            var (_, check) = await Html.SubmitAndFollowAsync(client, tellUs, new Dictionary<string, string> { ["Input.Text"] = payload }, "form#feedback-form");
            if (check.Title!.StartsWith("Error: ", StringComparison.Ordinal))
            {
                // Refused (control characters): the answer is shown back only as the textarea's text.
                Assert.Equal(layoutScripts, check.QuerySelectorAll("script").Length);
                Assert.DoesNotContain(check.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
                continue;
            }

            AssertShownAsText(check, "#answer-text", payload, layoutScripts);

            var receipt = await FeedbackJourney.SubmitAsync(factory, FeedbackJourney.Command(payload));
            var (_, tracking) = await Html.GetAsync(client, "/feedback/track/" + receipt.TrackingToken);
            AssertShownAsText(tracking, "#feedback-text", payload, layoutScripts);
            var (_, created) = await Html.GetAsync(staff, "/staff/feedback/created?receipt=" + Uri.EscapeDataString(protector.Protect(receipt)));
            AssertShownAsText(created, "#feedback-text", payload, layoutScripts);
        }
    }

    private static void AssertShownAsText(IHtmlDocument page, string selector, string payload, int layoutScripts)
    {
        var container = page.QuerySelector(selector);
        Assert.NotNull(container);
        Assert.Equal(payload.Trim(), string.Join("\n", container!.QuerySelectorAll("p").Select(p => p.TextContent)).Trim());
        Assert.All(container.QuerySelectorAll("*"), e => Assert.Equal("P", e.TagName));
        Assert.Equal(layoutScripts, page.QuerySelectorAll("script").Length);
        Assert.DoesNotContain(page.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task Every_sqli_payload_is_stored_and_shown_verbatim()
    {
        var client = factory.CreateBrowserClient();
        foreach (var payload in TestData.All("sqli"))
        {
            var receipt = await FeedbackJourney.SubmitAsync(factory, FeedbackJourney.Command(payload));
            await using var db = factory.CreateDbContext();
            Assert.Equal(payload, (await db.FeedbackItems.SingleAsync(f => f.Reference == receipt.Reference)).Text);
            var (response, tracking) = await Html.GetAsync(client, "/feedback/track/" + receipt.TrackingToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(payload.Trim(), string.Join("\n", tracking.QuerySelectorAll("#feedback-text p").Select(p => p.TextContent)).Trim());
        }
    }

    [Fact]
    public async Task Commissioner_records_phone_feedback_with_an_event()
    {
        await using var db = factory.CreateDbContext();
        var eventId = await db.Events.Where(e => !e.IsCancelled && e.Kind == Engagement.Domain.Events.EventKind.CoProductionWorkshop).Select(e => e.Id).FirstAsync();
        var client = factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(client, TestAccounts.Commissioner);

        var (_, form) = await Html.GetAsync(client, $"/staff/feedback/new?eventId={eventId}");
        Assert.Equal(eventId.ToString(), form.QuerySelector<IHtmlSelectElement>("#Input_EventId")!.Value);
        Assert.Equal("Workshop", form.QuerySelector<IHtmlSelectElement>("#Input_Channel")!.Value);
        var empty = await Html.ParseAsync(await Html.SubmitAsync(client, form, new Dictionary<string, string> { ["Input.Channel"] = "" }));
        Assert.StartsWith("Error: ", empty.Title);
        Assert.Contains("Select how the feedback reached us", Html.ErrorSummary(empty));

        var text = "Phoned in " + Guid.NewGuid();
        var response = await Html.SubmitAsync(client, form, new Dictionary<string, string>
        {
            ["Input.Channel"] = "Phone",
            ["Input.Role"] = "PersonDrawingOnCare",
            ["Input.Section"] = "HomeCare",
            ["Input.Text"] = text,
            ["Input.Priorities"] = "3",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (_, created) = await Html.GetAsync(client, response.Headers.Location!.OriginalString);
        var reference = created.QuerySelector("#reference").Text();
        Assert.Matches(@"^YS-\d{4}-\d{6}$", reference);

        var item = await db.FeedbackItems.Include(f => f.Priorities).SingleAsync(f => f.Reference == reference);
        Assert.Equal(FeedbackChannel.Phone, item.Channel);
        Assert.Equal(eventId, item.EventId);
        Assert.Equal(text, item.Text);
        Assert.NotNull(item.EnteredByUserId);
        Assert.Equal([3], item.Priorities.Select(p => p.PriorityNumber));
        var audit = await db.AuditRecords.SingleAsync(a => a.Action == "feedback.created" && a.EntityId == item.Id.ToString());
        Assert.Equal("channel=Phone", audit.Detail);
        Assert.Equal(item.EnteredByUserId, audit.ActorUserId);
    }

    [Fact]
    public async Task Provider_cannot_reach_staff_feedback_entry()
    {
        var client = factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(client, TestAccounts.CareHomeProvider);

        var response = await client.GetAsync("/staff/feedback/new");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
    }
}
