using System.Globalization;
using Engagement.Domain.Alerts;
using Engagement.Domain.Responses;
using Engagement.Infrastructure;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Email;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Engagement.Web.Features.Alerts;

/// <summary>
/// Every five minutes: removes unconfirmed requests older than <see cref="AlertOptions.UnconfirmedDays"/>, then, for each
/// confirmed subscription that is due (every run for "as it happens", once a day or a week for summaries), lists the
/// status changes of published entries after its watermark that match what it follows, and queues one email. The
/// watermark moves with a conditional update (only from the value this run read) in the same transaction as the outbox
/// row, so a change is never sent twice to the same subscription, also when two job servers run at once.
/// </summary>
public sealed class AlertJob(EngagementDbContext db, EmailOutbox outbox, AlertLinks links, Engagement.Infrastructure.Privacy.UnsubscribeLinks unsubscribe, TimeProvider clock, IOptions<ServiceOptions> service, IOptions<AlertOptions> options)
{
    public const string JobId = "email-alerts";
    public const string Cron = "*/5 * * * *";
    public const string EmailKind = "alert";
    public const int MaxListed = 50;

    public static void Register(IRecurringJobManager jobs) =>
        jobs.AddOrUpdate<AlertJob>(JobId, job => job.RunAsync(CancellationToken.None), Cron);

    private sealed record Change(int Id, int EntryId, string Reference, string Title, ResponseStatus To, DateTime At, Engagement.Domain.Common.ServiceSection Section);

    [AutomaticRetry(Attempts = 0)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var expired = now.AddDays(-options.Value.UnconfirmedDays);
        await db.AlertSubscriptions.Where(s => s.ConfirmedAt == null && s.CreatedAt <= expired).ExecuteDeleteAsync(cancellationToken);

        var due = await db.AlertSubscriptions.AsNoTracking()
            .Where(s => s.ConfirmedAt != null && (s.Frequency == AlertFrequency.Immediately || s.NextSummaryAt <= now))
            .OrderBy(s => s.Id)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        // Read the newest change first: anything committed after this is left for the next run.
        var latest = await db.StatusChanges.MaxAsync(c => (int?)c.Id, cancellationToken) ?? 0;
        var from = due.Min(s => s.LastStatusChangeId);
        var history = await db.StatusChanges.AsNoTracking()
            .Where(c => c.Id > from && c.Id <= latest)
            .Select(c => new { c.Id, EntryId = EF.Property<int>(c, "ResponseEntryId"), c.ToStatus, c.ChangedAt })
            .ToListAsync(cancellationToken);
        var changedIds = history.Select(c => c.EntryId).Distinct().ToList();
        var entries = await db.ResponseEntries.AsNoTracking().Where(e => e.IsPublished && changedIds.Contains(e.Id))
            .Select(e => new { e.Id, e.Reference, e.Title, e.Section })
            .ToDictionaryAsync(e => e.Id, cancellationToken);
        var changes = history.Where(c => entries.ContainsKey(c.EntryId)).OrderBy(c => c.Id)
            .Select(c => new Change(c.Id, c.EntryId, entries[c.EntryId].Reference, entries[c.EntryId].Title, c.ToStatus, c.ChangedAt, entries[c.EntryId].Section))
            .ToList();
        var entryIds = changes.Select(c => c.EntryId).Distinct().ToList();
        var priorities = (await db.ResponseEntryPriorities.AsNoTracking().Where(p => entryIds.Contains(p.ResponseEntryId)).ToListAsync(cancellationToken))
            .GroupBy(p => p.ResponseEntryId).ToDictionary(g => g.Key, g => (IReadOnlyCollection<int>)g.Select(p => p.PriorityNumber).ToHashSet());

        var queued = 0;
        foreach (var subscription in due)
        {
            var matching = changes
                .Where(c => c.Id > subscription.LastStatusChangeId && c.Id <= latest
                    && subscription.Matches(c.Section, priorities.GetValueOrDefault(c.EntryId) ?? [], c.To))
                .ToList();
            var watermark = subscription.LastStatusChangeId;
            var next = subscription.NextSummaryAfter(now);
            var sent = await db.InTransactionAsync(async token =>
            {
                var claimed = await db.AlertSubscriptions
                    .Where(s => s.Id == subscription.Id && s.LastStatusChangeId == watermark && s.ConfirmedAt != null)
                    .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastStatusChangeId, latest).SetProperty(s => s.NextSummaryAt, next), token);
                if (claimed == 0 || matching.Count == 0)
                {
                    return false;
                }

                outbox.Queue(Email(subscription, matching));
                await db.SaveChangesAsync(token);
                return true;
            }, cancellationToken);
            db.ChangeTracker.Clear();
            queued += sent ? 1 : 0;
        }

        return queued;
    }

    private EmailMessage Email(AlertSubscription subscription, List<Change> changes)
    {
        var s = service.Value;
        var culture = CultureInfo.GetCultureInfo("en-GB");
        var layout = new EmailLayout(s)
            .Paragraph($"{changes.Count} {(changes.Count == 1 ? "change" : "changes")} to what you follow ({AlertText.Describe(subscription)}):");
        foreach (var change in changes.Take(MaxListed))
        {
            var at = Engagement.Domain.Events.UkTime.FromUtc(change.At).ToString("d MMMM yyyy", culture);
            layout.Link($"{change.Title}: {change.To.Name()} ({at})", s.Link("/you-said-we-did/" + change.Reference));
        }

        if (changes.Count > MaxListed)
        {
            layout.Link($"And {changes.Count - MaxListed} more: see the log", s.Link("/you-said-we-did"));
        }

        var subject = subscription.Frequency switch
        {
            AlertFrequency.Daily => "Your daily summary",
            AlertFrequency.Weekly => "Your weekly summary",
            _ => "What you follow has changed",
        };
        return layout
            .Link("Manage your email alerts", links.Manage(subscription))
            .Unsubscribe("Stop these emails", unsubscribe.ForAlerts(subscription.Id))
            .ToMessage(subscription.Email, null, $"{subject}: {changes.Count} {(changes.Count == 1 ? "change" : "changes")}", EmailKind, subscription.Id.ToString(CultureInfo.InvariantCulture));
    }
}
