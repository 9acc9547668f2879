using System.Globalization;
using AngleSharp.Dom;
using Engagement.Domain.Auditing;
using Engagement.Domain.Feedback;
using Engagement.Infrastructure.Identity;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.Web.Features.Triage;
using Microsoft.EntityFrameworkCore;

namespace Engagement.IntegrationTests.Triage;

public sealed class TriageActionTests(EngagementFactory factory) : IClassFixture<EngagementFactory>
{
    private async Task<List<AuditRecord>> AuditAsync(int itemId)
    {
        await using var db = factory.CreateDbContext();
        var id = itemId.ToString(CultureInfo.InvariantCulture);
        return await db.AuditRecords.AsNoTracking().Where(a => a.EntityType == nameof(FeedbackItem) && a.EntityId == id).OrderBy(a => a.Id).ToListAsync();
    }

    [Fact]
    public async Task Safeguarding_flag_escalates_without_the_text_unlinks_and_can_never_be_linked_or_changed()
    {
        var sentinel = "Sentinel-" + Guid.NewGuid().ToString("N");
        var item = await Staff.NewItemAsync(factory, $"I am worried about my neighbour. {sentinel}", "neighbour@example.org");
        await using (var db = factory.CreateDbContext())
        {
            var published = await db.ResponseEntries.FirstAsync(e => e.IsPublished);
            var tracked = await db.FeedbackItems.SingleAsync(f => f.Id == item.Id);
            Assert.True(tracked.LinkTo(published, DateTime.UtcNow).Succeeded);
            await db.SaveChangesAsync();
        }

        var client = await Staff.CommissionerAsync(factory);
        var url = $"/staff/feedback/{item.Id}";
        var response = await Staff.PostAsync(client, url, "form#safeguarding-form", new() { ["Safeguarding.Note"] = "Passed to the adult safeguarding team" });

        Staff.AssertRedirect(response, url);
        var commissionerId = await Staff.UserIdAsync(factory, TestAccounts.Commissioner);
        var flagged = await Staff.ItemAsync(factory, item.Reference);
        Assert.Equal(FeedbackFlag.SafeguardingConcern, flagged.Flag);
        Assert.Equal(commissionerId, flagged.FlaggedByUserId);
        Assert.NotNull(flagged.FlaggedAt);
        Assert.Null(flagged.ResponseEntryId);
        Assert.False(flagged.CanBePublished);

        await using (var db = factory.CreateDbContext())
        {
            var email = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Kind == TriageEmails.SafeguardingKind && m.RelatedId == item.Id.ToString(CultureInfo.InvariantCulture));
            Assert.Equal("safeguarding@example.gov.uk", email.ToAddress);
            Assert.Contains(item.Reference, email.Subject);
            Assert.Contains($"https://localhost/staff/feedback/{item.Id}", email.TextBody);
            Assert.DoesNotContain(sentinel, email.TextBody + email.HtmlBody + email.Subject);
            Assert.DoesNotContain("neighbour", email.TextBody + email.HtmlBody);
        }

        var (_, page) = await Html.GetAsync(client, url);
        Assert.Contains("Safeguarding concern: never published", page.QuerySelector(".govuk-warning-text")!.Text());
        Assert.Null(page.QuerySelector("form#safeguarding-form"));
        Assert.Null(page.QuerySelector("form#link-form"));

        // Every way of linking it is refused, and the flag cannot be replaced.
        var linkRefused = await Staff.PostExpectingErrorAsync(client, url, "form#note-form", new() { ["Link.EntryReference"] = "WD-" + DateTime.UtcNow.Year + "-0001" }, url + "?handler=Link");
        Assert.Contains(Html.ErrorSummary(linkRefused), e => e.Contains("safeguarding concern and can never be published", StringComparison.Ordinal));
        await Staff.PostExpectingErrorAsync(client, url, "form#note-form", [], url + "?handler=NewEntry");
        await Staff.PostExpectingErrorAsync(client, url, "form#note-form", [], url + "?handler=Complaint");
        await Staff.PostExpectingErrorAsync(client, url, "form#note-form", new() { ["NotForPublication.Reason"] = "Spam", ["NotForPublication.Note"] = "x" }, url + "?handler=NotForPublication");
        var (_, newEntry) = await Html.GetAsync(client, "/staff/responses/new");
        var entryRefused = await Html.SubmitAsync(client, newEntry, new Dictionary<string, string>
        {
            ["Input.Title"] = "Trying to publish a safeguarding item",
            ["Input.Section"] = "HomeCare",
            ["Input.FeedbackReferences"] = item.Reference,
        }, "form#entry-form");
        Assert.Contains("can never be published", (await Html.ParseAsync(entryRefused)).QuerySelector("#Input_FeedbackReferences-error").Text());

        var after = await Staff.ItemAsync(factory, item.Reference);
        Assert.Equal(FeedbackFlag.SafeguardingConcern, after.Flag);
        Assert.Null(after.ResponseEntryId);
        await using (var db = factory.CreateDbContext())
        {
            Assert.False(await db.ResponseEntries.AnyAsync(e => e.Title == "Trying to publish a safeguarding item"));
        }

        var audit = await AuditAsync(item.Id);
        var flag = Assert.Single(audit, a => a.Action == TriageAudit.SafeguardingFlagged);
        Assert.Equal(commissionerId, flag.ActorUserId);
        Assert.Contains(audit, a => a.Action == TriageAudit.ViewedSafeguarding && a.ActorUserId == commissionerId);
        Assert.All(audit, a => Assert.DoesNotContain(sentinel, a.Detail ?? ""));
    }

    [Fact]
    public async Task Viewing_a_possible_safeguarding_item_is_audited_but_an_ordinary_one_is_not()
    {
        var possible = await Staff.NewItemAsync(factory, "My father is being neglected and hit by his carer.");
        var ordinary = await Staff.NewItemAsync(factory, "The bus to the day centre is often late.");
        Assert.True(possible.PossibleSafeguarding);
        Assert.False(ordinary.PossibleSafeguarding);
        var client = await Staff.CommissionerAsync(factory);

        await Html.GetAsync(client, $"/staff/feedback/{possible.Id}");
        await Html.GetAsync(client, $"/staff/feedback/{ordinary.Id}");

        Assert.Single(await AuditAsync(possible.Id), a => a.Action == TriageAudit.ViewedSafeguarding);
        Assert.DoesNotContain(await AuditAsync(ordinary.Id), a => a.Action == TriageAudit.ViewedSafeguarding);
    }

    [Fact]
    public async Task Complaint_is_recorded_and_the_person_is_pointed_to_the_complaints_route()
    {
        var withEmail = await Staff.NewItemAsync(factory, "I want to complain about my care package.", "complainer@example.org");
        var anonymous = await Staff.NewItemAsync(factory, "This is a complaint about my assessment.");
        var client = await Staff.CommissionerAsync(factory);

        Staff.AssertRedirect(await Staff.PostAsync(client, $"/staff/feedback/{withEmail.Id}", "form#complaint-form", []), $"/staff/feedback/{withEmail.Id}");
        Staff.AssertRedirect(await Staff.PostAsync(client, $"/staff/feedback/{anonymous.Id}", "form#complaint-form", []), $"/staff/feedback/{anonymous.Id}");

        Assert.Equal(FeedbackFlag.Complaint, (await Staff.ItemAsync(factory, withEmail.Reference)).Flag);
        Assert.Equal(FeedbackFlag.Complaint, (await Staff.ItemAsync(factory, anonymous.Reference)).Flag);
        await using var db = factory.CreateDbContext();
        var email = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Kind == TriageEmails.ComplaintRouteKind && m.ToAddress == "complainer@example.org");
        Assert.Contains("https://www.bathnes.gov.uk/complaints", email.TextBody);
        Assert.Contains("https://www.lgo.org.uk/", email.TextBody);
        Assert.Contains(withEmail.Reference, email.TextBody);
        Assert.DoesNotContain("care package", email.TextBody);
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.Kind == TriageEmails.ComplaintRouteKind && m.RelatedId == anonymous.Id.ToString(CultureInfo.InvariantCulture)));
        Assert.Single(await AuditAsync(withEmail.Id), a => a.Action == TriageAudit.ComplaintFlagged);
    }

    [Fact]
    public async Task Not_for_publication_needs_a_reason_and_a_note_and_closes_the_item()
    {
        var item = await Staff.NewItemAsync(factory, "Buy cheap watches at example dot com");
        var client = await Staff.CommissionerAsync(factory);
        var url = $"/staff/feedback/{item.Id}";

        var refused = await Staff.PostExpectingErrorAsync(client, url, "form#not-for-publication-form", new() { ["NotForPublication.Note"] = "Advert" });
        Assert.Contains("Select why it is not for publication", refused.QuerySelector("#NotForPublication_Reason-error").Text());
        await Staff.PostExpectingErrorAsync(client, url, "form#not-for-publication-form", new() { ["NotForPublication.Reason"] = "Spam" });
        Assert.Equal(FeedbackFlag.None, (await Staff.ItemAsync(factory, item.Reference)).Flag);

        Staff.AssertRedirect(await Staff.PostAsync(client, url, "form#not-for-publication-form", new() { ["NotForPublication.Reason"] = "Spam", ["NotForPublication.Note"] = "An advert" }), url);

        var closed = await Staff.ItemAsync(factory, item.Reference);
        Assert.Equal(FeedbackFlag.NotForPublication, closed.Flag);
        Assert.Equal(NotForPublicationReason.Spam, closed.NotForPublicationReason);
        Assert.Equal("An advert", closed.FlagNote);
        Assert.Equal(FeedbackState.Closed, closed.State);
        Assert.Single(await AuditAsync(item.Id), a => a.Action == TriageAudit.NotForPublication && a.Detail == "reason=Spam");
    }

    [Fact]
    public async Task Priorities_are_checked_against_the_live_priorities()
    {
        var item = await Staff.NewItemAsync(factory, "Home care rates are too low to recruit staff.");
        var client = await Staff.CommissionerAsync(factory);
        var url = $"/staff/feedback/{item.Id}";

        var (_, page) = await Html.GetAsync(client, url);
        var form = page.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("form#priorities-form")!;
        var refused = await Html.SubmitAsync(client, form, [new("LinkPriorities.Numbers", "3"), new("LinkPriorities.Numbers", "99")]);
        Assert.Contains("Priority 99 is not one of", (await Html.ParseAsync(refused)).QuerySelector("#LinkPriorities_Numbers-error").Text());
        Assert.Equal([3], (await Staff.ItemAsync(factory, item.Reference)).Priorities.Select(p => p.PriorityNumber).ToList());

        Staff.AssertRedirect(await Html.SubmitAsync(client, form, [new("LinkPriorities.Numbers", "14"), new("LinkPriorities.Numbers", "1")]), url);

        var saved = await Staff.ItemAsync(factory, item.Reference);
        Assert.Equal([1, 14], saved.Priorities.Select(p => p.PriorityNumber).Order().ToList());
        Assert.Equal(FeedbackState.BeingLookedAt, saved.State);
        Assert.Single(await AuditAsync(item.Id), a => a.Action == TriageAudit.PrioritiesLinked && a.Detail == "priorities=1,14");
    }

    [Fact]
    public async Task Assignment_and_notes_are_recorded_and_audited_without_the_note_text()
    {
        var item = await Staff.NewItemAsync(factory, "Extra care housing costs are unclear.");
        var client = await Staff.CommissionerAsync(factory);
        var url = $"/staff/feedback/{item.Id}";
        var adminId = await Staff.UserIdAsync(factory, TestAccounts.Admin);
        var providerId = await Staff.UserIdAsync(factory, TestAccounts.CareHomeProvider);

        var refused = await Staff.PostExpectingErrorAsync(client, url, "form#assign-form", new() { ["Assign.AssigneeUserId"] = providerId });
        Assert.Contains("Select a colleague from the list", refused.QuerySelector("#Assign_AssigneeUserId-error").Text());
        Staff.AssertRedirect(await Staff.PostAsync(client, url, "form#assign-form", new() { ["Assign.AssigneeUserId"] = adminId }), url);
        await Staff.PostExpectingErrorAsync(client, url, "form#note-form", new() { ["Note.Text"] = "   " });
        Staff.AssertRedirect(await Staff.PostAsync(client, url, "form#note-form", new() { ["Note.Text"] = "Private note 4471: call back Tuesday" }), url);

        Assert.Equal(adminId, (await Staff.ItemAsync(factory, item.Reference)).AssignedToUserId);
        var (_, page) = await Html.GetAsync(client, url);
        Assert.Contains("Private note 4471", page.QuerySelector("#notes").Text());
        Assert.Equal("Alex Admin", page.QuerySelector("#assigned").Text());
        var audit = await AuditAsync(item.Id);
        Assert.Contains(audit, a => a.Action == TriageAudit.Assigned && a.Detail == "assignee=" + adminId);
        Assert.Contains(audit, a => a.Action == TriageAudit.NoteAdded);
        Assert.All(audit, a => Assert.DoesNotContain("4471", a.Detail ?? ""));

        var mine = factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(mine, TestAccounts.Admin);
        var (_, inbox) = await Html.GetAsync(mine, "/staff/feedback?show=mine");
        Assert.Contains(item.Reference, inbox.QuerySelector("#inbox").Text());
        Assert.DoesNotContain(Roles.Provider, inbox.QuerySelector("#inbox").Text());
    }

    [Fact]
    public async Task Linking_to_a_draft_then_publishing_keeps_the_tracking_state_consistent()
    {
        var item = await Staff.NewItemAsync(factory, "We need more respite for carers.");
        var client = await Staff.CommissionerAsync(factory);
        var url = $"/staff/feedback/{item.Id}";

        var response = await Staff.PostAsync(client, url, "form#new-entry-form", []);

        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        var entryUrl = response.Headers.Location!.OriginalString;
        Assert.Matches("^/staff/responses/[0-9]+$", entryUrl);
        var linked = await Staff.ItemAsync(factory, item.Reference);
        Assert.NotNull(linked.ResponseEntryId);
        Assert.Equal(FeedbackState.BeingLookedAt, linked.State);
        Assert.Contains(await AuditAsync(item.Id), a => a.Action == TriageAudit.LinkedToEntry);

        // A second item linked to the same draft by its reference.
        string reference;
        await using (var db = factory.CreateDbContext())
        {
            reference = await db.ResponseEntries.Where(e => e.Id == linked.ResponseEntryId).Select(e => e.Reference).SingleAsync();
        }

        var other = await Staff.NewItemAsync(factory, "Respite is hard to book.");
        Staff.AssertRedirect(await Staff.PostAsync(client, $"/staff/feedback/{other.Id}", "form#link-form", new() { ["Link.EntryReference"] = reference.ToLowerInvariant() }), $"/staff/feedback/{other.Id}");
        Assert.Equal(FeedbackState.BeingLookedAt, (await Staff.ItemAsync(factory, other.Reference)).State);
        var unknown = await Staff.PostExpectingErrorAsync(client, $"/staff/feedback/{other.Id}", "form#link-form", new() { ["Link.EntryReference"] = "WD-1999-9999" });
        Assert.Contains("There is no response entry WD-1999-9999", unknown.QuerySelector("#Link_EntryReference-error").Text());

        var (_, edit) = await Html.GetAsync(client, entryUrl);
        Staff.AssertRedirect(await Html.SubmitAsync(client, edit, new Dictionary<string, string> { ["Input.YouSaidSummary"] = "Carers told us respite is hard to find." }, "form#entry-form"), entryUrl);
        (_, edit) = await Html.GetAsync(client, entryUrl);
        Staff.AssertRedirect(await Html.SubmitAsync(client, edit, new Dictionary<string, string>(), "form#publish-form"), entryUrl);

        Assert.Equal(FeedbackState.LinkedToEntry, (await Staff.ItemAsync(factory, item.Reference)).State);
        Assert.Equal(FeedbackState.LinkedToEntry, (await Staff.ItemAsync(factory, other.Reference)).State);

        (_, edit) = await Html.GetAsync(client, entryUrl);
        Staff.AssertRedirect(await Html.SubmitAsync(client, edit, new Dictionary<string, string>(), "form#publish-form"), entryUrl);
        Assert.Equal(FeedbackState.BeingLookedAt, (await Staff.ItemAsync(factory, item.Reference)).State);
    }

    [Fact]
    public async Task Linking_from_the_item_page_changes_the_entrys_version_so_a_stale_entry_form_cannot_silently_unlink_it()
    {
        var first = await Staff.NewItemAsync(factory, "Day centre transport is unreliable.");
        var client = await Staff.CommissionerAsync(factory);
        var created = await Staff.PostAsync(client, $"/staff/feedback/{first.Id}", "form#new-entry-form", []);
        var entryUrl = created.Headers.Location!.OriginalString;
        var entryId = (await Staff.ItemAsync(factory, first.Reference)).ResponseEntryId;
        Assert.Equal($"/staff/responses/{entryId}", entryUrl);
        string reference;
        await using (var db = factory.CreateDbContext())
        {
            reference = await db.ResponseEntries.Where(e => e.Id == entryId).Select(e => e.Reference).SingleAsync();
        }

        // A colleague opens the entry; then an item is linked to it from the item's own page.
        var colleague = factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(colleague, TestAccounts.Admin);
        var (_, staleForm) = await Html.GetAsync(colleague, entryUrl);
        var second = await Staff.NewItemAsync(factory, "The minibus did not come twice this month.");
        Staff.AssertRedirect(await Staff.PostAsync(client, $"/staff/feedback/{second.Id}", "form#link-form", new() { ["Link.EntryReference"] = reference }), $"/staff/feedback/{second.Id}");

        // Saving the stale form (whose textarea lists only the first item) is refused: the new link stays.
        var stale = await Html.SubmitAsync(colleague, staleForm, new Dictionary<string, string> { ["Input.YouSaidSummary"] = "Transport is unreliable." }, "form#entry-form");

        Assert.Equal(System.Net.HttpStatusCode.OK, stale.StatusCode);
        var page = await Html.ParseAsync(stale);
        Assert.Contains(Html.ErrorSummary(page), e => e.StartsWith("Someone else changed this entry while you were editing it", StringComparison.Ordinal));
        Assert.Equal((await Staff.ItemAsync(factory, first.Reference)).ResponseEntryId, (await Staff.ItemAsync(factory, second.Reference)).ResponseEntryId);

        // Reopened, the form lists both items, and saving it keeps both.
        var (_, fresh) = await Html.GetAsync(colleague, entryUrl);
        Assert.Contains(second.Reference, fresh.QuerySelector("#Input_FeedbackReferences")!.TextContent, StringComparison.Ordinal);
        Staff.AssertRedirect(await Html.SubmitAsync(colleague, fresh, new Dictionary<string, string> { ["Input.YouSaidSummary"] = "Transport is unreliable." }, "form#entry-form"), entryUrl);
        Assert.NotNull((await Staff.ItemAsync(factory, second.Reference)).ResponseEntryId);
    }
}
