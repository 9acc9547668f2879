using System.Net;
using Engagement.Domain.Feedback;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.Web.Features.Privacy;
using Engagement.Web.Features.Triage;
using Microsoft.EntityFrameworkCore;

namespace Engagement.IntegrationTests.Privacy;

/// <summary>Staff place and release a safeguarding hold from the feedback item page; while it is on, nothing removes the item.</summary>
public sealed class SafeguardingHoldPageTests(PrivacyFactory factory) : IClassFixture<PrivacyFactory>
{
    [Fact]
    public async Task A_hold_placed_on_the_item_page_stops_withdrawal_and_retention_until_it_is_released_and_both_are_audited()
    {
        var staff = await factory.StaffUserIdAsync();
        var (id, token) = await factory.SubmitAsync("Held feedback text for the safeguarding team", "held.person@example.org");
        await factory.HandleAsync<FlagSafeguardingConcernHandler>(h => h.HandleAsync(new FlagSafeguardingConcern(id, null, staff)));
        var client = factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(client, TestAccounts.Commissioner);

        var (_, page) = await Html.GetAsync(client, $"/staff/feedback/{id}");
        Assert.Equal("Not on hold.", page.QuerySelector("#hold-status")!.Text());
        var (placed, held) = await Html.SubmitAndFollowAsync(client, page, new(), "#hold-form");
        Assert.Equal(HttpStatusCode.OK, placed.StatusCode);
        Assert.Contains("On hold", held.QuerySelector("#hold-status")!.Text());
        Assert.Null(held.QuerySelector("#hold-form"));

        // A second hold (an old page, or two colleagues at once) is refused with the error summary, not a 500.
        var again = await Html.SubmitAsync(client, page, new Dictionary<string, string>(), "#hold-form");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var refused = await Html.ParseAsync(again);
        Assert.Equal(["This feedback is already on a safeguarding hold"], Html.ErrorSummary(refused));
        Assert.NotNull(refused.QuerySelector("#Hold"));

        // The person's own link and the retention job leave it alone while it is held.
        var person = factory.CreateBrowserClient();
        var (_, confirm) = await Html.GetAsync(person, $"/feedback/track/{token}/delete");
        var withdrawn = await Html.SubmitAsync(person, confirm, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Contains(Html.ErrorSummary(await Html.ParseAsync(withdrawn)), e => e.Contains("safeguarding hold", StringComparison.Ordinal));
        await using (var backdate = factory.CreateDbContext())
        {
            // The flag was raised seven years ago (the clock stays, so the staff session and its two-factor code stay valid).
            var longAgo = factory.Clock.GetUtcNow().UtcDateTime.AddMonths(-84);
            await backdate.FeedbackItems.Where(f => f.Id == id).ExecuteUpdateAsync(u => u.SetProperty(f => f.FlaggedAt, longAgo));
        }

        await factory.RunRetentionAsync();
        Assert.Equal("Held feedback text for the safeguarding team", (await factory.ItemAsync(id)).Text);

        var (_, releasePage) = await Html.GetAsync(client, $"/staff/feedback/{id}");
        var (_, released) = await Html.SubmitAndFollowAsync(client, releasePage, new(), "#release-hold-form");
        Assert.Equal("Not on hold.", released.QuerySelector("#hold-status")!.Text());
        var releasedAgain = await Html.ParseAsync(await Html.SubmitAsync(client, releasePage, new Dictionary<string, string>(), "#release-hold-form"));
        Assert.Equal(["This feedback is not on a safeguarding hold"], Html.ErrorSummary(releasedAgain));

        // Released: the safeguarding retention rule (72 months after the flag, long past) now applies.
        await factory.RunRetentionAsync();
        Assert.Equal(FeedbackItem.ErasedText, (await factory.ItemAsync(id)).Text);

        await using var db = factory.CreateDbContext();
        var hold = await db.RetentionHolds.SingleAsync(h => h.FeedbackItemId == id);
        Assert.Equal(staff, hold.PlacedByUserId);
        Assert.Equal(staff, hold.ReleasedByUserId);
        var actions = await db.AuditRecords.Where(a => a.EntityType == nameof(FeedbackItem) && a.EntityId == id.ToString()).Select(a => a.Action).ToListAsync();
        Assert.Contains(SafeguardingHoldHandler.Placed, actions);
        Assert.Contains(SafeguardingHoldHandler.Released, actions);
    }

    [Fact]
    public async Task An_erased_item_offers_no_hold_and_a_posted_hold_is_refused()
    {
        var (id, token) = await factory.SubmitAsync("Feedback the person deletes", "deleting.person@example.org");
        var person = factory.CreateBrowserClient();
        var (_, confirm) = await Html.GetAsync(person, $"/feedback/track/{token}/delete");
        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitAsync(person, confirm, new Dictionary<string, string>())).StatusCode);

        var client = factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(client, TestAccounts.Commissioner);
        var (_, page) = await Html.GetAsync(client, $"/staff/feedback/{id}");
        Assert.Null(page.QuerySelector("#hold-form"));
        var refused = await Html.ParseAsync(await Html.SubmitAsync(client, page, new Dictionary<string, string>(), "#note-form", $"/staff/feedback/{id}?handler=Hold"));
        Assert.Equal(["This feedback has already been erased, so there is nothing left to hold"], Html.ErrorSummary(refused));
        var missing = await Html.SubmitAsync(client, page, new Dictionary<string, string>(), "#note-form", "/staff/feedback/999999?handler=Hold");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
