using System.Globalization;
using Engagement.Domain.Alerts;
using Engagement.Domain.Common;
using Engagement.Domain.Consultations;
using Engagement.Domain.Events;
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
/// confirmed subscription that is due (every run for "as it happens", once a day or a week for summaries), lists what
/// happened after its watermarks that matches what it follows (status changes of published entries, consultations that
/// opened, events published, moved or cancelled), and queues one email. The watermarks move with a conditional update (only from the value this run read) in the same transaction as the outbox
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

    private sealed record Change(int Id, int EntryId, string Reference, string Title, ResponseStatus To, DateTime At, ServiceSection Section);

    private sealed record Opening(int Id, string Title, DateTime OpenedAt, DateTime ClosesAt, ServiceSection Section, ConsultationAudience Audience, IReadOnlyCollection<int> Priorities);

    private sealed record EventNews(int Id, int EventId, string Title, EventChangeKind Kind, DateTime StartsAt, Guid? SeriesId, EventAudience Audience);

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
        var latestEvent = await db.EventChanges.MaxAsync(c => (int?)c.Id, cancellationToken) ?? 0;
        var changes = await StatusChangesAsync(due.Min(s => s.LastStatusChangeId), latest, cancellationToken);
        var priorities = await EntryPrioritiesAsync(changes, cancellationToken);
        var openings = await OpeningsAsync(due.Min(s => s.ConsultationsCheckedUpTo ?? now), now, cancellationToken);
        var events = await EventNewsAsync(due.Min(s => s.LastEventChangeId), latestEvent, cancellationToken);

        var queued = 0;
        foreach (var subscription in due)
        {
            var matching = changes
                .Where(c => c.Id > subscription.LastStatusChangeId && c.Id <= latest
                    && subscription.Matches(c.Section, priorities.GetValueOrDefault(c.EntryId) ?? [], c.To))
                .ToList();
            var checkedUpTo = subscription.ConsultationsCheckedUpTo;
            var opened = openings
                .Where(o => o.OpenedAt > (checkedUpTo ?? now) && o.OpenedAt <= now && subscription.MatchesConsultation(o.Section, o.Priorities, o.Audience))
                .ToList();
            var eventWatermark = subscription.LastEventChangeId;
            var news = events
                .Where(e => e.Id > eventWatermark && e.Id <= latestEvent && subscription.MatchesEvent(e.SeriesId, e.Audience))
                .ToList();
            var watermark = subscription.LastStatusChangeId;
            var next = subscription.NextSummaryAfter(now);

            // The time watermark never moves back: a run that started before another finished (or on a server whose
            // clock is behind) would otherwise reopen a window the other has already sent.
            var checkedTo = checkedUpTo is { } previous && previous > now ? previous : now;
            var sent = await db.InTransactionAsync(async token =>
            {
                // One conditional update moves every watermark, only from the values this run read: of two job
                // servers, one wins and sends; the other updates nothing and sends nothing.
                var claimed = await db.AlertSubscriptions
                    .Where(s => s.Id == subscription.Id && s.ConfirmedAt != null && s.LastStatusChangeId == watermark
                        && s.LastEventChangeId == eventWatermark && s.ConsultationsCheckedUpTo == checkedUpTo)
                    .ExecuteUpdateAsync(u => u
                        .SetProperty(s => s.LastStatusChangeId, latest)
                        .SetProperty(s => s.LastEventChangeId, latestEvent)
                        .SetProperty(s => s.ConsultationsCheckedUpTo, checkedTo)
                        .SetProperty(s => s.NextSummaryAt, next), token);
                if (claimed == 0 || matching.Count + opened.Count + news.Count == 0)
                {
                    return false;
                }

                outbox.Queue(Email(subscription, matching, opened, news));
                await db.SaveChangesAsync(token);
                return true;
            }, cancellationToken);
            db.ChangeTracker.Clear();
            queued += sent ? 1 : 0;
        }

        return queued;
    }

    private async Task<List<Change>> StatusChangesAsync(int from, int latest, CancellationToken cancellationToken)
    {
        var history = await db.StatusChanges.AsNoTracking()
            .Where(c => c.Id > from && c.Id <= latest)
            .Select(c => new { c.Id, EntryId = EF.Property<int>(c, "ResponseEntryId"), c.ToStatus, c.ChangedAt })
            .ToListAsync(cancellationToken);
        var changedIds = history.Select(c => c.EntryId).Distinct().ToList();
        var entries = await db.ResponseEntries.AsNoTracking().Where(e => e.IsPublished && changedIds.Contains(e.Id))
            .Select(e => new { e.Id, e.Reference, e.Title, e.Section })
            .ToDictionaryAsync(e => e.Id, cancellationToken);
        return history.Where(c => entries.ContainsKey(c.EntryId)).OrderBy(c => c.Id)
            .Select(c => new Change(c.Id, c.EntryId, entries[c.EntryId].Reference, entries[c.EntryId].Title, c.ToStatus, c.ChangedAt, entries[c.EntryId].Section))
            .ToList();
    }

    private async Task<Dictionary<int, IReadOnlyCollection<int>>> EntryPrioritiesAsync(List<Change> changes, CancellationToken cancellationToken)
    {
        var entryIds = changes.Select(c => c.EntryId).Distinct().ToList();
        return (await db.ResponseEntryPriorities.AsNoTracking().Where(p => entryIds.Contains(p.ResponseEntryId)).ToListAsync(cancellationToken))
            .GroupBy(p => p.ResponseEntryId).ToDictionary(g => g.Key, g => (IReadOnlyCollection<int>)g.Select(p => p.PriorityNumber).ToHashSet());
    }

    /// <summary>
    /// Published consultations that became open (<see cref="Consultation.OpenedAt"/>: the opening time, or the
    /// publishing time if later) after <paramref name="from"/> and by <paramref name="now"/>. Drafts never count, and a
    /// consultation published before its opening time counts when it opens.
    /// </summary>
    private async Task<List<Opening>> OpeningsAsync(DateTime from, DateTime now, CancellationToken cancellationToken)
    {
        var candidates = await db.Consultations.AsNoTracking()
            .Where(c => c.IsPublished && c.PublishedAt != null && c.OpensAt <= now && c.PublishedAt <= now && c.ClosesAt > now && (c.OpensAt > from || c.PublishedAt > from))
            .Select(c => new { c.Id, c.Title, c.OpensAt, PublishedAt = c.PublishedAt!.Value, c.ClosesAt, c.Section, c.Audience, Priorities = c.Priorities.Select(p => p.PriorityNumber).ToList() })
            .ToListAsync(cancellationToken);
        return candidates
            .Select(c => new Opening(c.Id, c.Title, Consultation.OpenedAt(c.OpensAt, c.PublishedAt), c.ClosesAt, c.Section, c.Audience, c.Priorities.ToHashSet()))
            .Where(o => o.OpenedAt > from && o.OpenedAt <= now)
            .OrderBy(o => o.OpenedAt).ThenBy(o => o.Id)
            .ToList();
    }

    private async Task<List<EventNews>> EventNewsAsync(int from, int latest, CancellationToken cancellationToken) =>
        (await db.EventChanges.AsNoTracking()
            .Where(c => c.Id > from && c.Id <= latest)
            .Join(db.Events, c => c.EventId, e => e.Id, (c, e) => new { c.Id, EventId = e.Id, e.Title, c.Kind, e.StartsAt, e.SeriesId, e.Audience })
            .ToListAsync(cancellationToken))
            .OrderBy(c => c.Id)
            .Select(c => new EventNews(c.Id, c.EventId, c.Title, c.Kind, c.StartsAt, c.SeriesId, c.Audience))
            .ToList();

    private EmailMessage Email(AlertSubscription subscription, List<Change> changes, List<Opening> openings, List<EventNews> events)
    {
        var s = service.Value;
        var culture = CultureInfo.GetCultureInfo("en-GB");
        string Day(DateTime utc) => UkTime.FromUtc(utc).ToString("d MMMM yyyy", culture);
        var count = changes.Count + openings.Count + events.Count;
        var layout = new EmailLayout(s)
            .Paragraph($"{count} {(count == 1 ? "change" : "changes")} to what you follow ({AlertText.Describe(subscription)}):");
        foreach (var change in changes.Take(MaxListed))
        {
            layout.Link($"{change.Title}: {change.To.Name()} ({Day(change.At)})", s.Link("/you-said-we-did/" + change.Reference));
        }

        if (changes.Count > MaxListed)
        {
            layout.Link($"And {changes.Count - MaxListed} more: see the log", s.Link("/you-said-we-did"));
        }

        foreach (var opening in openings.Take(MaxListed))
        {
            layout.Link($"New consultation: {opening.Title} (open until {Day(opening.ClosesAt)})", s.Link("/consultations/" + opening.Id.ToString(CultureInfo.InvariantCulture)));
        }

        if (openings.Count > MaxListed)
        {
            layout.Link($"And {openings.Count - MaxListed} more: see the consultations", s.Link("/consultations"));
        }

        foreach (var news in events.Take(MaxListed))
        {
            var what = news.Kind switch
            {
                EventChangeKind.Published => "new event on " + Day(news.StartsAt),
                EventChangeKind.Rescheduled => "moved to " + Day(news.StartsAt),
                _ => "cancelled",
            };
            layout.Link($"{news.Title}: {what}", s.Link("/events/" + news.EventId.ToString(CultureInfo.InvariantCulture)));
        }

        if (events.Count > MaxListed)
        {
            layout.Link($"And {events.Count - MaxListed} more: see the events", s.Link("/events"));
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
            .ToMessage(subscription.Email, null, $"{subject}: {count} {(count == 1 ? "change" : "changes")}", EmailKind, subscription.Id.ToString(CultureInfo.InvariantCulture));
    }
}
