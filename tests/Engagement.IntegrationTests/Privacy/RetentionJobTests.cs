using System.Net;
using Engagement.Domain.Events;
using Engagement.Domain.Feedback;
using Engagement.Domain.Privacy;
using Engagement.Infrastructure.Identity;
using Engagement.Infrastructure.Privacy;
using Engagement.IntegrationTests.Events;
using Engagement.IntegrationTests.Feedback;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.Web.Features.Triage;
using Engagement.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.IntegrationTests.Privacy;

public sealed class RetentionJobTests
{
    private static readonly TimeSpan Month = TimeSpan.FromDays(31);

    [Fact]
    public async Task Each_rule_removes_exactly_what_is_due_at_the_default_periods_and_a_second_run_changes_nothing()
    {
        await using var factory = new PrivacyFactory();
        var staff = await factory.StaffUserIdAsync();

        var closed = await factory.SubmitAsync("Closed item text", "closed@example.org");
        await factory.HandleAsync<MarkNotForPublicationHandler>(h => h.HandleAsync(new MarkNotForPublication(closed.Id, NotForPublicationReason.OutOfScope, "Not about care", staff)));
        await factory.HandleAsync<AddFeedbackNoteHandler>(h => h.HandleAsync(new AddFeedbackNote(closed.Id, "A staff note", staff)));
        var open = await factory.SubmitAsync("Open item text", "open@example.org");
        var inEntry = await factory.SubmitAsync("Entry item text", "entry@example.org");
        var entryId = await factory.LinkToClosedEntryAsync(inEntry.Id, staff);
        var safeguarding = await factory.SubmitAsync("Safeguarding item text", "sg@example.org");
        await factory.HandleAsync<FlagSafeguardingConcernHandler>(h => h.HandleAsync(new FlagSafeguardingConcern(safeguarding.Id, "Passed on", staff)));
        var held = await factory.SubmitAsync("Held item text", "held@example.org");
        await factory.HandleAsync<FlagSafeguardingConcernHandler>(h => h.HandleAsync(new FlagSafeguardingConcern(held.Id, null, staff)));
        await using (var db = factory.CreateDbContext())
        {
            db.RetentionHolds.Add(RetentionHold.Place(held.Id, staff, factory.Clock.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync();
        }

        var soonEvent = await EventsTestSupport.AddEventAsync(factory, startsIn: TimeSpan.FromDays(5));
        var laterEvent = await EventsTestSupport.AddEventAsync(factory, startsIn: TimeSpan.FromDays(400));
        Assert.True((await EventsTestSupport.RegisterAsync(factory, EventsTestSupport.Command(soonEvent, "soon@example.org", "Soon Person"))).Succeeded);
        Assert.True((await EventsTestSupport.RegisterAsync(factory, EventsTestSupport.Command(laterEvent, "later@example.org", "Later Person"))).Succeeded);
        var unconfirmed = await AddProviderAsync(factory, "unconfirmed@example.org", confirmed: false);
        var confirmed = await AddProviderAsync(factory, "confirmed@example.org", confirmed: true);
        await factory.DispatchEmailAsync();
        var raisedBefore = await RaisedByAsync(factory);
        long auditBefore;
        await using (var db = factory.CreateDbContext())
        {
            auditBefore = await db.AuditRecords.CountAsync();
        }

        // A day later nothing is due (the shortest period, unconfirmed accounts, is 7 days).
        factory.Clock.Advance(TimeSpan.FromDays(1));
        Assert.All((await factory.RunRetentionAsync()).Values, count => Assert.Equal(0, count));

        // 7 months: the soon event's bookings (6 months after it) and the unconfirmed account (7 days) go.
        factory.Clock.Advance(7 * Month);
        var counts = await factory.RunRetentionAsync();
        Assert.Equal(1, counts[RetentionJob.Rules.Bookings]);
        Assert.Equal(1, counts[RetentionJob.Rules.UnconfirmedAccounts]);
        Assert.Equal(0, counts[RetentionJob.Rules.ContactDetails]);
        await using (var db = factory.CreateDbContext())
        {
            var soon = await db.Registrations.AsNoTracking().SingleAsync(r => r.EventId == soonEvent);
            Assert.Equal("", soon.Name);
            Assert.Equal("", soon.Email);
            Assert.Equal(Registration.RemovedEmailKey(soon.Id), soon.NormalisedEmail);
            Assert.NotNull(soon.PersonalDetailsDeletedAt);
            var later = await db.Registrations.AsNoTracking().SingleAsync(r => r.EventId == laterEvent);
            Assert.Equal("Later Person", later.Name);
            Assert.Null(await db.Users.FindAsync(unconfirmed));
            Assert.NotNull(await db.Users.FindAsync(confirmed));
            Assert.Equal("closed@example.org", (await db.FeedbackItems.FindAsync(closed.Id))!.ContactEmail);
        }

        Assert.All((await factory.RunRetentionAsync()).Values, count => Assert.Equal(0, count));

        // 13 months: contact details of closed items and the record of sent email go; text, open and safeguarding items stay.
        factory.Clock.Advance(6 * Month);
        counts = await factory.RunRetentionAsync();
        Assert.Equal(2, counts[RetentionJob.Rules.ContactDetails]);
        Assert.True(counts[RetentionJob.Rules.EmailRecords] >= 5);
        foreach (var id in new[] { closed.Id, inEntry.Id })
        {
            var item = await factory.ItemAsync(id);
            Assert.Null(item.ContactEmail);
            Assert.Null(item.ContactName);
            Assert.False(item.ConsentToProgressUpdates);
            Assert.NotNull(item.ContactDetailsDeletedAt);
            Assert.NotEqual(FeedbackItem.ErasedText, item.Text);
        }

        foreach (var (id, email) in new[] { (open.Id, "open@example.org"), (safeguarding.Id, "sg@example.org"), (held.Id, "held@example.org") })
        {
            Assert.Equal(email, (await factory.ItemAsync(id)).ContactEmail);
        }

        await using (var db = factory.CreateDbContext())
        {
            Assert.False(await db.OutboxMessages.AnyAsync(m => m.ToAddress == "closed@example.org"));
        }

        Assert.All((await factory.RunRetentionAsync()).Values, count => Assert.Equal(0, count));

        // 25 months: the text and notes of closed items go, leaving a stub still linked to its entry.
        factory.Clock.Advance(12 * Month);
        counts = await factory.RunRetentionAsync();
        Assert.True(counts[RetentionJob.Rules.FeedbackText] >= 2);
        var closedItem = await factory.ItemAsync(closed.Id);
        Assert.Equal(FeedbackItem.ErasedText, closedItem.Text);
        Assert.Empty(closedItem.Notes);
        Assert.NotNull(closedItem.ContentErasedAt);
        var entryItem = await factory.ItemAsync(inEntry.Id);
        Assert.Equal(FeedbackItem.ErasedText, entryItem.Text);
        Assert.Equal(entryId, entryItem.ResponseEntryId);
        Assert.Equal("Open item text", (await factory.ItemAsync(open.Id)).Text);
        Assert.Equal("Safeguarding item text", (await factory.ItemAsync(safeguarding.Id)).Text);
        Assert.Equal(raisedBefore, await RaisedByAsync(factory));
        Assert.All((await factory.RunRetentionAsync()).Values, count => Assert.Equal(0, count));

        // 73 months: safeguarding items go, except the one on hold; audit records from the start go.
        factory.Clock.Advance(48 * Month);
        counts = await factory.RunRetentionAsync();
        Assert.Equal(1, counts[RetentionJob.Rules.Safeguarding]);
        Assert.True(counts[RetentionJob.Rules.Audit] >= 1);
        var sg = await factory.ItemAsync(safeguarding.Id);
        Assert.Equal(FeedbackItem.ErasedText, sg.Text);
        Assert.Null(sg.ContactEmail);
        Assert.Null(sg.FlagNote);
        var heldItem = await factory.ItemAsync(held.Id);
        Assert.Equal("Held item text", heldItem.Text);
        Assert.Equal("held@example.org", heldItem.ContactEmail);
        Assert.Equal("Open item text", (await factory.ItemAsync(open.Id)).Text);
        Assert.Equal(raisedBefore, await RaisedByAsync(factory));
        Assert.All((await factory.RunRetentionAsync()).Values, count => Assert.Equal(0, count));

        // Releasing the hold lets the rule apply on the next run.
        await using (var db = factory.CreateDbContext())
        {
            var hold = await db.RetentionHolds.SingleAsync(h => h.FeedbackItemId == held.Id);
            Assert.True(hold.Release(staff, factory.Clock.GetUtcNow().UtcDateTime).Succeeded);
            await db.SaveChangesAsync();
        }

        Assert.Equal(1, (await factory.RunRetentionAsync())[RetentionJob.Rules.Safeguarding]);
        Assert.Equal(FeedbackItem.ErasedText, (await factory.ItemAsync(held.Id)).Text);

        // The audit says what each run removed, by rule and count only.
        await using (var db = factory.CreateDbContext())
        {
            var records = await db.AuditRecords.AsNoTracking().Where(a => a.Action == RetentionJob.AuditAction).ToListAsync();
            Assert.Contains(records, r => r.EntityId == RetentionJob.Rules.Bookings && r.Detail == "count=1");
            Assert.All(records, r => Assert.Matches("^count=[0-9]+$", r.Detail!));
            Assert.True(auditBefore > 0);
        }
    }

    [Fact]
    public async Task On_a_fresh_database_nothing_is_removed_and_a_quarantined_submission_loses_its_details_after_the_period()
    {
        await using var factory = PrivacyFactory.With(new Dictionary<string, string?> { ["Seed:DemoData"] = "false" });
        Assert.All((await factory.RunRetentionAsync()).Values, count => Assert.Equal(0, count));

        var bot = await FeedbackJourney.SubmitAsync(factory, FeedbackJourney.Command("Buy cheap pills", "bot@example.org", consent: true) with { LooksLikeBot = true });
        var person = await factory.SubmitAsync("A real open item", "person@example.org");
        factory.Clock.Advance(11 * Month);
        Assert.All((await factory.RunRetentionAsync()).Values, count => Assert.Equal(0, count));

        factory.Clock.Advance(2 * Month);
        var counts = await factory.RunRetentionAsync();
        Assert.Equal(1, counts[RetentionJob.Rules.ContactDetails]);
        Assert.All(counts.Where(c => c.Key != RetentionJob.Rules.ContactDetails), c => Assert.Equal(0, c.Value));
        await using var db = factory.CreateDbContext();
        Assert.Null(await db.FeedbackItems.Where(f => f.Reference == bot.Reference).Select(f => f.ContactEmail).SingleAsync());
        Assert.Equal("person@example.org", (await factory.ItemAsync(person.Id)).ContactEmail);
        Assert.All((await factory.RunRetentionAsync()).Values, count => Assert.Equal(0, count));
    }

    [Fact]
    public async Task Two_instances_running_the_job_at_once_remove_each_record_once()
    {
        await using var factory = new PrivacyFactory();
        var staff = await factory.StaffUserIdAsync();
        for (var i = 0; i < 5; i++)
        {
            var item = await factory.SubmitAsync($"Closed {i}", $"closed{i}@example.org");
            await factory.HandleAsync<MarkNotForPublicationHandler>(h => h.HandleAsync(new MarkNotForPublication(item.Id, NotForPublicationReason.Spam, "Spam", staff)));
        }

        factory.Clock.Advance(13 * Month);
        var runs = await Task.WhenAll(factory.RunRetentionAsync(), factory.RunRetentionAsync());

        Assert.Equal(5, runs.Sum(r => r[RetentionJob.Rules.ContactDetails]));
        await using var db = factory.CreateDbContext();
        var audited = await db.AuditRecords.Where(a => a.Action == RetentionJob.AuditAction && a.EntityId == RetentionJob.Rules.ContactDetails).ToListAsync();
        Assert.Equal(5, audited.Sum(a => int.Parse(a.Detail!["count=".Length..], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task The_privacy_notice_states_the_default_periods_and_follows_a_changed_setting()
    {
        await using (var defaults = new PrivacyFactory())
        {
            var text = await PrivacyTextAsync(defaults);
            Assert.Contains("Contact details given with feedback are deleted 12 months after the feedback is closed", text);
            Assert.Contains("Event booking details are deleted 6 months after the event.", text);
            Assert.Contains("deleted 30 days after sending", text);
            Assert.Contains("kept for 6 years", text);
            Assert.Contains("Email alert requests that are not confirmed are deleted after 3 days", text);
        }

        await using var changed = PrivacyFactory.With(new Dictionary<string, string?>
        {
            ["Retention:ContactDetailsMonths"] = "18",
            ["Retention:BookingMonths"] = "3",
            ["Alerts:UnconfirmedDays"] = "5",
        });
        var changedText = await PrivacyTextAsync(changed);
        Assert.Contains("Contact details given with feedback are deleted 18 months after the feedback is closed", changedText);
        Assert.Contains("Event booking details are deleted 3 months after the event.", changedText);
        Assert.Contains("Email alert requests that are not confirmed are deleted after 5 days", changedText);
        Assert.Equal(18, changed.Services.GetRequiredService<RetentionPolicy>().ContactDetailsMonths);
    }

    [Fact]
    public void The_documented_defaults_are_the_defaults_in_the_code()
    {
        var options = new RetentionOptions();
        var documented = SettingsCatalogue.All.Where(s => s.Key.StartsWith("Retention:", StringComparison.Ordinal))
            .ToDictionary(s => s.Key["Retention:".Length..], s => s.Default);
        var actual = typeof(RetentionOptions).GetProperties()
            .ToDictionary(p => p.Name, p => Convert.ToString(p.GetValue(options), System.Globalization.CultureInfo.InvariantCulture) ?? "");
        Assert.Equal(actual.OrderBy(p => p.Key), documented.OrderBy(p => p.Key));
    }

    private static async Task<string> PrivacyTextAsync(EngagementFactory factory)
    {
        var (response, page) = await Html.GetAsync(factory.CreateBrowserClient(), "/privacy");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return page.QuerySelector("#retention")!.TextContent;
    }

    private static async Task<Dictionary<int, int>> RaisedByAsync(EngagementFactory factory)
    {
        await using var db = factory.CreateDbContext();
        return await db.FeedbackItems.Where(f => f.ResponseEntryId != null).GroupBy(f => f.ResponseEntryId!.Value)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
    }

    private static async Task<string> AddProviderAsync(PrivacyFactory factory, string email, bool confirmed)
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            DisplayName = "Provider",
            OrganisationName = "Care Ltd",
            EmailConfirmed = confirmed,
            CreatedAt = factory.Clock.GetUtcNow().UtcDateTime,
        };
        Assert.True((await users.CreateAsync(user)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Provider)).Succeeded);
        return user.Id;
    }
}
