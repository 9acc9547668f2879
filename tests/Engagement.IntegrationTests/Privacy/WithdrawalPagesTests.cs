using System.Net;
using AngleSharp.Html.Dom;
using Engagement.Domain.Events;
using Engagement.Domain.Feedback;
using Engagement.Domain.Privacy;
using Engagement.IntegrationTests.Events;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.Web.Features.Feedback;
using Microsoft.EntityFrameworkCore;

namespace Engagement.IntegrationTests.Privacy;

/// <summary>Withdrawal from the private tracking and booking links, without an account, through the real pages.</summary>
public sealed class WithdrawalPagesTests(PrivacyFactory factory) : IClassFixture<PrivacyFactory>
{
    private async Task<IHtmlDocument> ConfirmAsync(HttpClient client, string trackPage, string linkText, string expectedTitle)
    {
        var (_, track) = await Html.GetAsync(client, trackPage);
        var link = track.QuerySelectorAll("#your-information a").Single(a => a.Text() == linkText).GetAttribute("href")!;
        var (response, page) = await Html.GetAsync(client, link);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith(expectedTitle, page.Title);
        Assert.NotEmpty(page.QuerySelectorAll("#will-happen li"));
        Assert.NotEmpty(page.QuerySelectorAll("#will-not-happen li"));
        return page;
    }

    private static async Task<IHtmlDocument> SubmitAndFollowAsync(HttpClient client, IHtmlDocument page, string backTo)
    {
        var response = await Html.SubmitAsync(client, page, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(backTo, response.Headers.Location!.OriginalString);
        return (await Html.GetAsync(client, backTo)).Document;
    }

    [Fact]
    public async Task Feedback_can_stop_emails_then_lose_its_contact_details_then_be_deleted_each_after_a_confirmation()
    {
        var (id, token) = await factory.SubmitAsync("My feedback about home care", "track@example.org");
        var staff = await factory.StaffUserIdAsync();
        var entryId = await factory.LinkToClosedEntryAsync(id, staff);
        var trackPage = "/feedback/track/" + token;
        var client = factory.CreateBrowserClient();

        var page = await ConfirmAsync(client, trackPage, "Stop progress emails", "Stop progress emails?");
        var track = await SubmitAndFollowAsync(client, page, trackPage);
        Assert.Contains("We will not send you any more progress emails", track.QuerySelector(".govuk-notification-banner")!.Text());
        Assert.DoesNotContain(track.QuerySelectorAll("#your-information a"), a => a.Text() == "Stop progress emails");
        var item = await factory.ItemAsync(id);
        Assert.False(item.ConsentToProgressUpdates);
        Assert.Equal("track@example.org", item.ContactEmail);
        var (again, _) = await Html.GetAsync(client, trackPage + "/stop-emails");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);

        page = await ConfirmAsync(client, trackPage, "Remove your name and email address", "Remove your name and email address?");
        await SubmitAndFollowAsync(client, page, trackPage);
        item = await factory.ItemAsync(id);
        Assert.Null(item.ContactEmail);
        Assert.Null(item.ContactName);
        Assert.Equal("My feedback about home care", item.Text);
        await using (var db = factory.CreateDbContext())
        {
            Assert.False(await db.OutboxMessages.AnyAsync(m => m.ToAddress == "track@example.org"));
        }

        page = await ConfirmAsync(client, trackPage, "Delete your feedback", "Delete your feedback?");
        Assert.NotNull(page.QuerySelector(".govuk-warning-text"));
        track = await SubmitAndFollowAsync(client, page, trackPage);
        Assert.Contains("You deleted what you told us", track.QuerySelector("#feedback-text")!.Text());
        Assert.DoesNotContain("My feedback about home care", track.DocumentElement.OuterHtml);
        item = await factory.ItemAsync(id);
        Assert.Equal(FeedbackItem.ErasedText, item.Text);
        Assert.Equal(entryId, item.ResponseEntryId);
        await using (var db = factory.CreateDbContext())
        {
            Assert.Equal(
                ["privacy.contact-details-removed", "privacy.feedback-erased", "privacy.progress-emails-stopped"],
                await db.AuditRecords.Where(a => a.EntityType == "FeedbackItem" && a.EntityId == id.ToString()).Where(a => a.Action.StartsWith("privacy."))
                    .OrderBy(a => a.Action).Select(a => a.Action).ToListAsync());
        }
    }

    [Fact]
    public async Task Feedback_on_a_safeguarding_hold_cannot_be_deleted_and_the_page_says_why()
    {
        var (id, token) = await factory.SubmitAsync("Held feedback", "hold@example.org");
        await using (var db = factory.CreateDbContext())
        {
            db.RetentionHolds.Add(RetentionHold.Place(id, await factory.StaffUserIdAsync(), DateTime.UtcNow));
            await db.SaveChangesAsync();
        }

        var client = factory.CreateBrowserClient();
        var (_, page) = await Html.GetAsync(client, $"/feedback/track/{token}/delete");
        var response = await Html.SubmitAsync(client, page, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var refused = await Html.ParseAsync(response);
        Assert.StartsWith("Error: ", refused.Title);
        Assert.Contains(Html.ErrorSummary(refused), e => e.Contains("safeguarding hold", StringComparison.Ordinal));
        Assert.Equal("#confirm", refused.QuerySelector(".govuk-error-summary__list a")!.GetAttribute("href"));
        Assert.NotNull(refused.GetElementById("confirm"));
        var item = await factory.ItemAsync(id);
        Assert.Equal("Held feedback", item.Text);
        Assert.Equal("hold@example.org", item.ContactEmail);
    }

    [Fact]
    public async Task A_booking_can_stop_reminders_and_be_cancelled_with_its_details_removed()
    {
        var eventId = await EventsTestSupport.AddEventAsync(factory, capacity: 1);
        var token = Engagement.Infrastructure.Security.SecureToken.Create();
        Assert.True((await EventsTestSupport.RegisterAsync(factory, EventsTestSupport.Command(eventId, "booker@example.org", "Booker Person", token))).Succeeded);
        Assert.True((await EventsTestSupport.RegisterAsync(factory, EventsTestSupport.Command(eventId, "waiting@example.org", "Waiting Person"))).Succeeded);
        var managePage = "/registrations/" + token;
        var client = factory.CreateBrowserClient();

        var page = await ConfirmAsync(client, managePage, "Stop reminder emails", "Stop reminder emails?");
        await SubmitAndFollowAsync(client, page, managePage);
        page = await ConfirmAsync(client, managePage, "Cancel and remove your details", "Cancel your booking and remove your details?");
        var manage = await SubmitAndFollowAsync(client, page, managePage);
        Assert.Contains("Your details were removed", manage.QuerySelector("#your-information")!.Text());

        var registrations = await EventsTestSupport.RegistrationsAsync(factory, eventId);
        var removed = registrations.Single(r => r.TokenHash == Engagement.Infrastructure.Security.SecureToken.Hash(token));
        Assert.Equal(RegistrationStatus.Cancelled, removed.Status);
        Assert.Equal("", removed.Name);
        Assert.Equal("", removed.Email);
        Assert.True(removed.RemindersStopped);
        Assert.Equal(RegistrationStatus.Confirmed, registrations.Single(r => r.Email == "waiting@example.org").Status);
        await using var db = factory.CreateDbContext();
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.ToAddress == "booker@example.org"));
        Assert.Equal(1, await db.Events.Where(e => e.Id == eventId).Select(e => e.ConfirmedCount).SingleAsync());
    }
}
