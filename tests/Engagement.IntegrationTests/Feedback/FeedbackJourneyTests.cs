using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Engagement.Domain.Feedback;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.Web.Features.Feedback;
using Engagement.Web.Features.Journeys;
using Microsoft.EntityFrameworkCore;

namespace Engagement.IntegrationTests.Feedback;

public sealed class FeedbackJourneyTests(FeedbackFactory factory) : IClassFixture<FeedbackFactory>
{
    [Fact]
    public async Task Start_page_signposts_complaints_and_safeguarding_and_links_to_the_first_question()
    {
        var (response, page) = await Html.GetAsync(factory.CreateBrowserClient(), "/feedback");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("999", page.QuerySelector(".govuk-warning-text").Text());
        Assert.NotNull(page.QuerySelector("a[href='/complaints']"));
        Assert.NotNull(page.QuerySelector("a[href='/safeguarding']"));
        Assert.Contains("Ombudsman", page.Body!.TextContent);
        Assert.Contains("20 working days", page.Body!.TextContent);
        Assert.NotNull(page.QuerySelector("a.govuk-button--start[href='/feedback/who']"));
    }

    [Fact]
    public async Task Anonymous_journey_creates_one_item_and_an_audit_record_and_no_email()
    {
        var client = factory.CreateBrowserClient();
        var text = "Anonymous journey " + Guid.NewGuid();
        var check = await FeedbackJourney.ToCheckAnswersAsync(client, text);
        Assert.Equal(text, check.QuerySelector("#answer-text").Text());
        Assert.Contains("anonymous", check.QuerySelector("#answer-contact").Text());
        Assert.NotNull(check.QuerySelector("a[href='/privacy']"));

        var (_, confirmation) = await FeedbackJourney.SendAsync(client, check);

        var reference = confirmation.QuerySelector("#reference").Text();
        Assert.Matches(@"^YS-\d{4}-\d{6}$", reference);
        Assert.NotNull(confirmation.QuerySelector(".govuk-panel--confirmation"));
        var trackingPath = confirmation.QuerySelector("#tracking-link")!.GetAttribute("href")!;
        Assert.Matches("^/feedback/track/[A-Za-z0-9_-]{43}$", trackingPath);

        await using var db = factory.CreateDbContext();
        var item = await db.FeedbackItems.Include(f => f.Priorities).SingleAsync(f => f.Reference == reference);
        Assert.Equal(text, item.Text);
        Assert.Equal(SubmitterRole.CarerOrFamily, item.Role);
        Assert.Equal(FeedbackChannel.OnlineForm, item.Channel);
        Assert.Null(item.ContactEmail);
        Assert.False(item.IsQuarantined);
        Assert.NotEqual(trackingPath.Split('/').Last(), item.TrackingTokenHash);
        var audit = await db.AuditRecords.SingleAsync(a => a.Action == "feedback.created" && a.EntityId == item.Id.ToString());
        Assert.Contains("channel=OnlineForm", audit.Detail);
        Assert.DoesNotContain(text, audit.Detail);
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.RelatedId == item.Id.ToString() && m.Kind == FeedbackEmails.AcknowledgementKind));
    }

    [Fact]
    public async Task Journey_with_contact_details_and_consent_queues_the_acknowledgement()
    {
        var client = factory.CreateBrowserClient();
        var check = await FeedbackJourney.ToCheckAnswersAsync(client, "With contact " + Guid.NewGuid(), new()
        {
            ["Input.ContactName"] = "Pat <b>Jones</b>",
            ["Input.ContactEmail"] = "pat@example.com",
            ["Input.ConsentToProgressUpdates"] = "true",
        });
        Assert.Contains("pat@example.com", check.QuerySelector("#answer-contact").Text());

        var (_, confirmation) = await FeedbackJourney.SendAsync(client, check);
        var reference = confirmation.QuerySelector("#reference").Text();
        var token = confirmation.QuerySelector("#tracking-link")!.GetAttribute("href")!.Split('/').Last();

        await using var db = factory.CreateDbContext();
        var item = await db.FeedbackItems.SingleAsync(f => f.Reference == reference);
        Assert.Equal("pat@example.com", item.ContactEmail);
        Assert.True(item.ConsentToProgressUpdates);
        Assert.False(item.ConsentToContact);
        var email = await db.OutboxMessages.SingleAsync(m => m.RelatedId == item.Id.ToString() && m.Kind == FeedbackEmails.AcknowledgementKind);
        Assert.Equal("pat@example.com", email.ToAddress);
        Assert.Contains(reference, email.TextBody);
        Assert.Contains("/feedback/track/" + token, email.TextBody);
        Assert.DoesNotContain("<b>", email.HtmlBody);
    }

    [Fact]
    public async Task Acknowledgement_needs_both_an_email_and_consent()
    {
        var withEmailNoConsent = await FeedbackJourney.SubmitAsync(factory, FeedbackJourney.Command("x", "a@example.com", consent: false));
        var withConsent = await FeedbackJourney.SubmitAsync(factory, FeedbackJourney.Command("y", "b@example.com", consent: true));
        var anonymous = await FeedbackJourney.SubmitAsync(factory, FeedbackJourney.Command("z"));

        await using var db = factory.CreateDbContext();
        async Task<int> EmailsFor(string reference)
        {
            var id = (await db.FeedbackItems.SingleAsync(f => f.Reference == reference)).Id.ToString();
            return await db.OutboxMessages.CountAsync(m => m.RelatedId == id && m.Kind == FeedbackEmails.AcknowledgementKind);
        }

        Assert.Equal(0, await EmailsFor(withEmailNoConsent.Reference));
        Assert.Equal(1, await EmailsFor(withConsent.Reference));
        Assert.Equal(0, await EmailsFor(anonymous.Reference));
    }

    [Fact]
    public async Task Sending_the_same_check_answers_form_twice_creates_one_item_and_the_same_confirmation()
    {
        var client = factory.CreateBrowserClient();
        var text = "Double click " + Guid.NewGuid();
        var check = await FeedbackJourney.ToCheckAnswersAsync(client, text);

        var (_, first) = await FeedbackJourney.SendAsync(client, check);
        var (_, second) = await FeedbackJourney.SendAsync(client, check);

        Assert.Equal(first.QuerySelector("#reference").Text(), second.QuerySelector("#reference").Text());
        Assert.Equal(first.QuerySelector("#tracking-link")!.GetAttribute("href"), second.QuerySelector("#tracking-link")!.GetAttribute("href"));
        await using var db = factory.CreateDbContext();
        Assert.Equal(1, await db.FeedbackItems.CountAsync(f => f.Text == text));
    }

    [Fact]
    public async Task Change_link_goes_back_to_the_question_with_the_answer_kept_and_returns_to_check_answers()
    {
        var client = factory.CreateBrowserClient();
        var check = await FeedbackJourney.ToCheckAnswersAsync(client, "Change me");

        var change = check.QuerySelector("#answer-text")!.ParentElement!.QuerySelector("a.govuk-link")!.GetAttribute("href")!;
        Assert.Equal("/feedback/tell-us", change);
        var (_, page) = await Html.GetAsync(client, change);
        Assert.Equal("Change me", page.QuerySelector("textarea#Input_Text")!.TextContent);

        page = await FeedbackJourney.PostAsync(client, page, new() { ["Input.Text"] = "Changed" });
        Assert.StartsWith("Check your answers", page.Title);
        Assert.Equal("Changed", page.QuerySelector("#answer-text").Text());
    }

    [Fact]
    public async Task Every_step_has_its_own_address_and_refresh_back_and_skipping_ahead_behave()
    {
        var client = factory.CreateBrowserClient();
        var (_, page) = await Html.GetAsync(client, "/feedback/who");
        Assert.Null(page.QuerySelector("input[name=Draft]"));

        // A valid answer redirects to the next step's own address (post-redirect-get).
        var answered = await Html.SubmitAsync(client, page, new Dictionary<string, string> { ["Input.Role"] = "CarerOrFamily" }, "form#feedback-form");
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        Assert.Equal("/feedback/about", answered.Headers.Location!.OriginalString);

        // Refresh is a GET of the same page: it asks nothing again and posts nothing.
        var (first, about) = await Html.GetAsync(client, "/feedback/about");
        var (again, _) = await Html.GetAsync(client, "/feedback/about");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.StartsWith("What is your feedback about?", about.Title);

        // Back is a link to the previous step, which shows the answer already given.
        Assert.Equal("/feedback/who", about.QuerySelector("a.govuk-back-link")!.GetAttribute("href"));
        var (_, who) = await Html.GetAsync(client, "/feedback/who");
        Assert.True(who.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name='Input.Role'][value=CarerOrFamily]")!.IsChecked);

        // A bookmark to a later step goes to the first question not yet answered; one that does not apply is skipped.
        var skipped = await client.GetAsync("/feedback/contact");
        Assert.Equal("/feedback/about", skipped.Headers.Location!.OriginalString);
        Assert.Equal("/feedback/about", (await client.GetAsync("/feedback/provider-type")).Headers.Location!.OriginalString);
        Assert.Equal("/feedback/about", (await client.GetAsync("/feedback/check")).Headers.Location!.OriginalString);

        // Without a draft, a later step starts at the beginning; a key that matches no draft says it has expired.
        var stranger = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        Assert.Equal("/feedback", (await stranger.GetAsync("/feedback/about")).Headers.Location!.OriginalString);
        using var tampered = new HttpRequestMessage(HttpMethod.Get, "/feedback/about");
        tampered.Headers.Add("Cookie", JourneyDrafts.CookieName(Web.Features.Feedback.FeedbackJourney.Name) + "=tampered");
        Assert.Equal("/feedback?expired=true", (await stranger.SendAsync(tampered)).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_draft_is_held_server_side_encrypted_and_cleared_of_answers_once_sent()
    {
        var client = factory.CreateBrowserClient();
        var text = "Server side draft " + Guid.NewGuid();
        var check = await FeedbackJourney.ToCheckAnswersAsync(client, text);
        await using (var db = factory.CreateDbContext())
        {
            Assert.DoesNotContain(await db.SavedDrafts.Select(d => d.Data).ToListAsync(), data => data.Contains(text, StringComparison.Ordinal));
            Assert.True(await db.SavedDrafts.AnyAsync(d => d.Journey == "feedback" && d.ExpiresAt > DateTime.UtcNow.AddHours(23)));
        }

        // The cookies page names the draft cookie and its lifetime from the same values the code uses.
        var (_, cookies) = await Html.GetAsync(client, "/cookies");
        Assert.Contains(JourneyDrafts.CookieName(Web.Features.Feedback.FeedbackJourney.Name), cookies.Body!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith($"{JourneyDrafts.Lifetime.TotalHours:0} hours", cookies.QuerySelector("#draft-cookie-expiry")!.TextContent, StringComparison.Ordinal);

        var (_, confirmation) = await FeedbackJourney.SendAsync(client, check);
        var reference = confirmation.QuerySelector("#reference").Text();

        // Going back to check answers after sending starts again instead of showing the answers.
        Assert.Equal("/feedback", (await client.GetAsync("/feedback/check")).Headers.Location!.OriginalString);
        var (_, fresh) = await Html.GetAsync(client, "/feedback/who");
        Assert.DoesNotContain(fresh.QuerySelectorAll<AngleSharp.Html.Dom.IHtmlInputElement>("input[name='Input.Role']"), r => r.IsChecked);
        await using var check2 = factory.CreateDbContext();
        Assert.Equal(1, await check2.FeedbackItems.CountAsync(f => f.Reference == reference));
    }

    [Fact]
    public async Task Care_provider_is_asked_which_kind_on_a_follow_up_page()
    {
        var client = factory.CreateBrowserClient();
        var (_, page) = await Html.GetAsync(client, "/feedback/who");
        page = await FeedbackJourney.PostAsync(client, page, new() { ["Input.Role"] = "CareProvider" });
        Assert.StartsWith("What kind of care do you provide?", page.Title);
        page = await FeedbackJourney.PostAsync(client, page, new() { ["Input.ProviderType"] = "HomeCare" });
        Assert.StartsWith("What is your feedback about?", page.Title);
    }

    [Fact]
    public async Task Tracking_link_shows_the_item_and_a_wrong_token_is_not_found()
    {
        var receipt = await FeedbackJourney.SubmitAsync(factory, FeedbackJourney.Command("Track <me> & see"));
        var client = factory.CreateBrowserClient();

        var (response, page) = await Html.GetAsync(client, "/feedback/track/" + receipt.TrackingToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(receipt.Reference, page.QuerySelector("#reference").Text());
        Assert.Equal("Received", page.QuerySelector("#state").Text());
        Assert.Equal("Track <me> & see", page.QuerySelector("#feedback-text").Text());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/feedback/track/" + receipt.TrackingToken[..^2] + "xx")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/feedback/track/nonsense")).StatusCode);
    }

    [Fact]
    public async Task Tracking_page_shows_the_published_entry_it_is_linked_to()
    {
        var receipt = await FeedbackJourney.SubmitAsync(factory, FeedbackJourney.Command("Linked"));
        await using (var db = factory.CreateDbContext())
        {
            var entry = await db.ResponseEntries.FirstAsync(e => e.IsPublished);
            var item = await db.FeedbackItems.SingleAsync(f => f.Reference == receipt.Reference);
            Assert.True(item.LinkTo(entry, DateTime.UtcNow).Succeeded);
            await db.SaveChangesAsync();
        }

        var (_, page) = await Html.GetAsync(factory.CreateBrowserClient(), "/feedback/track/" + receipt.TrackingToken);

        Assert.Equal("Linked to a published entry", page.QuerySelector("#state").Text());
        Assert.NotNull(page.QuerySelector("#entry-title a[href^='/you-said-we-did/WD-']"));
        Assert.NotNull(page.QuerySelector(".govuk-tag[class*='govuk-tag']"));
        Assert.NotEmpty(page.QuerySelectorAll("#entry-history li"));
    }

    [Fact]
    public async Task Safeguarding_words_mark_the_item_for_urgent_triage()
    {
        var flagged = await FeedbackJourney.SubmitAsync(factory, FeedbackJourney.Command("I am scared of my carer"));
        var ordinary = await FeedbackJourney.SubmitAsync(factory, FeedbackJourney.Command("The pharmacy is charming"));

        await using var db = factory.CreateDbContext();
        Assert.True((await db.FeedbackItems.SingleAsync(f => f.Reference == flagged.Reference)).PossibleSafeguarding);
        Assert.False((await db.FeedbackItems.SingleAsync(f => f.Reference == ordinary.Reference)).PossibleSafeguarding);
    }

    [Fact]
    public async Task Honeypot_submission_is_quarantined_not_rejected()
    {
        var client = factory.CreateBrowserClient();
        var text = "Honeypot " + Guid.NewGuid();
        var (_, page) = await Html.GetAsync(client, "/feedback/who");
        page = await FeedbackJourney.PostAsync(client, page, new() { ["Input.Role"] = "SomeoneElse" });
        page = await FeedbackJourney.PostAsync(client, page, new() { ["Input.Section"] = "SomethingElse" });
        Assert.NotNull(page.QuerySelector(".app-honeypot input[tabindex='-1'][autocomplete='off']"));
        page = await FeedbackJourney.PostAsync(client, page, new() { ["Input.Text"] = text, ["Input.Website"] = "http://spam.example" });
        page = await FeedbackJourney.PostAsync(client, page, []);
        page = await FeedbackJourney.PostAsync(client, page, []);

        var (_, confirmation) = await FeedbackJourney.SendAsync(client, page);

        Assert.Matches(new Regex(@"^YS-\d{4}-\d{6}$"), confirmation.QuerySelector("#reference").Text());
        await using var db = factory.CreateDbContext();
        Assert.True((await db.FeedbackItems.SingleAsync(f => f.Text == text)).IsQuarantined);
    }
}

/// <summary>The default minimum completion time (3 seconds) applies: a journey completed at test speed is quarantined.</summary>
public sealed class FeedbackTooFastTests(EngagementFactory factory) : IClassFixture<EngagementFactory>
{
    [Fact]
    public async Task Too_fast_submission_is_quarantined_with_the_same_confirmation()
    {
        var client = factory.CreateBrowserClient();
        var text = "Too fast " + Guid.NewGuid();
        var check = await FeedbackJourney.ToCheckAnswersAsync(client, text);

        var (_, confirmation) = await FeedbackJourney.SendAsync(client, check);

        Assert.NotNull(confirmation.QuerySelector(".govuk-panel--confirmation #reference"));
        await using var db = factory.CreateDbContext();
        Assert.True((await db.FeedbackItems.SingleAsync(f => f.Text == text)).IsQuarantined);
    }

    [Fact]
    public async Task Too_fast_submission_by_a_signed_in_provider_is_quarantined_too()
    {
        var client = factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(client, TestAccounts.CareHomeProvider);
        var text = "Too fast, signed in " + Guid.NewGuid();
        var check = await FeedbackJourney.ToCheckAnswersAsync(client, text);

        var (_, confirmation) = await FeedbackJourney.SendAsync(client, check);

        Assert.NotNull(confirmation.QuerySelector(".govuk-panel--confirmation #reference"));
        await using var db = factory.CreateDbContext();
        Assert.True((await db.FeedbackItems.SingleAsync(f => f.Text == text)).IsQuarantined);
    }
}
