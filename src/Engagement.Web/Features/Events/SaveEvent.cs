using System.Globalization;
using Engagement.Domain.Auditing;
using Engagement.Domain.Common;
using Engagement.Domain.Events;
using Engagement.Infrastructure;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Email;
using Engagement.Infrastructure.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Engagement.Web.Features.Events;

/// <summary>What staff enter about an event; times are UTC (the form converts from UK time).</summary>
public sealed record EventDetails(
    EventKind Kind,
    string Title,
    string Description,
    DateTime StartsAt,
    DateTime EndsAt,
    AttendanceMode Mode,
    string? Venue,
    string? AccessibilityInformation,
    string? JoiningLink,
    int Capacity,
    DateTime RegistrationOpensAt,
    DateTime RegistrationClosesAt,
    EventAudience Audience,
    IReadOnlyList<int> Priorities);

/// <summary>
/// Creates and edits events, including a quarterly series of provider forums in one step. Moving an event emails
/// everyone registered (reminders follow the new time by themselves); raising the capacity gives the new places to
/// the waiting list in order.
/// </summary>
public sealed class SaveEventHandler(
    EngagementDbContext db,
    EmailOutbox outbox,
    CancelRegistrationHandler waitingList,
    TimeProvider clock,
    IOptions<ServiceOptions> service)
{
    public const string ConflictMessage = "Someone else changed this event while you were editing it. Check the details below and save again.";

    public async Task<DomainResult<int>> CreateAsync(EventDetails details, string? userId, CancellationToken cancellationToken = default)
    {
        var ids = await CreateManyAsync([details], null, userId, cancellationToken);
        return ids.Succeeded ? DomainResult<int>.Ok(ids.Value![0]) : DomainResult<int>.Refused(ids.Error!, ids.Field);
    }

    /// <summary>Four events, three months apart at the same UK time, sharing a SeriesId; registration opens now and closes the day before each.</summary>
    public async Task<DomainResult<IReadOnlyList<int>>> CreateSeriesAsync(EventDetails first, DateTime firstLocalStart, DateTime firstLocalEnd, string? userId, CancellationToken cancellationToken = default)
    {
        var dates = Event.QuarterlySeries(firstLocalStart, firstLocalEnd, UkTime.Zone);
        if (!dates.Succeeded)
        {
            return DomainResult<IReadOnlyList<int>>.Refused(dates.Error!, dates.Field);
        }

        var all = dates.Value!.Select(d => first with
        {
            StartsAt = d.StartsAt,
            EndsAt = d.EndsAt,
            RegistrationClosesAt = UkTime.ToUtc(UkTime.FromUtc(d.StartsAt).Date) ?? d.StartsAt.AddDays(-1),
        }).ToList();
        return await CreateManyAsync(all, Guid.NewGuid(), userId, cancellationToken);
    }

    public async Task<DomainResult> UpdateAsync(int id, Guid version, EventDetails details, string? userId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.InTransactionAsync(async token =>
        {
            // Capacity first, as a conditional write: never below the places confirmed at this instant.
            var capacitySet = await db.Events.Where(e => e.Id == id && e.Version == version && e.ConfirmedCount <= details.Capacity)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Capacity, details.Capacity), token);
            var ev = await db.Events.Include(e => e.Priorities).SingleOrDefaultAsync(e => e.Id == id, token);
            if (ev is null)
            {
                return DomainResult.NotFound("This event does not exist.");
            }

            if (ev.Version != version)
            {
                return DomainResult.Conflict(ConflictMessage);
            }

            if (capacitySet == 0)
            {
                var capacity = ev.ChangeCapacity(details.Capacity);
                return capacity.Succeeded ? DomainResult.Refused("Capacity cannot be less than the places already confirmed.", "Capacity") : capacity;
            }

            var times = Event.CheckTimes(details.StartsAt, details.EndsAt, details.RegistrationOpensAt, details.RegistrationClosesAt);
            if (!times.Succeeded)
            {
                return times;
            }

            var previousStart = ev.StartsAt;
            var moved = ev.StartsAt != details.StartsAt || ev.EndsAt != details.EndsAt;
            if (moved)
            {
                ev.RegistrationOpensAt = details.RegistrationOpensAt;
                ev.RegistrationClosesAt = details.RegistrationClosesAt;
                var rescheduled = ev.Reschedule(details.StartsAt, details.EndsAt, now);
                if (!rescheduled.Succeeded)
                {
                    return rescheduled;
                }
            }

            Apply(ev, details);
            ev.Version = Guid.NewGuid();
            ev.Revise();
            var keep = details.Priorities.ToHashSet();
            ev.Priorities.RemoveAll(p => !keep.Contains(p.PriorityNumber));
            foreach (var number in keep.Where(n => ev.Priorities.All(p => p.PriorityNumber != n)))
            {
                ev.Priorities.Add(new EventPriority { EventId = ev.Id, PriorityNumber = number });
            }

            Audit(ev.Id, moved ? "event.rescheduled" : "event.updated", userId, now);
            if (moved)
            {
                db.EventChanges.Add(new EventChange(ev.Id, EventChangeKind.Rescheduled, now)); // for email alerts
                var registered = await db.Registrations.AsNoTracking()
                    .Where(r => r.EventId == ev.Id && (r.Status == RegistrationStatus.Confirmed || r.Status == RegistrationStatus.Waitlisted))
                    .ToListAsync(token);
                foreach (var registration in registered)
                {
                    outbox.Queue(EventEmails.Rescheduled(service.Value, ev, registration, previousStart, now));
                }
            }

            try
            {
                await db.SaveChangesAsync(token);
            }
            catch (DbUpdateConcurrencyException)
            {
                return DomainResult.Conflict(ConflictMessage);
            }

            await waitingList.PromoteAsync(ev.Id, now, token);
            return DomainResult.Ok;
        }, cancellationToken);
    }

    private async Task<DomainResult<IReadOnlyList<int>>> CreateManyAsync(IReadOnlyList<EventDetails> all, Guid? seriesId, string? userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var events = new List<Event>();
        foreach (var details in all)
        {
            var times = Event.CheckTimes(details.StartsAt, details.EndsAt, details.RegistrationOpensAt, details.RegistrationClosesAt);
            if (!times.Succeeded)
            {
                return DomainResult<IReadOnlyList<int>>.Refused(times.Error!, times.Field);
            }

            var ev = new Event { CreatedAt = now, SeriesId = seriesId, StartsAt = details.StartsAt, EndsAt = details.EndsAt };
            var capacity = ev.ChangeCapacity(details.Capacity);
            if (!capacity.Succeeded)
            {
                return DomainResult<IReadOnlyList<int>>.Refused(capacity.Error!, capacity.Field);
            }

            Apply(ev, details);
            ev.Priorities = details.Priorities.Distinct().Select(p => new EventPriority { PriorityNumber = p }).ToList();
            events.Add(ev);
        }

        return await db.InTransactionAsync(async token =>
        {
            db.Events.AddRange(events);
            await db.SaveChangesAsync(token);
            foreach (var ev in events)
            {
                Audit(ev.Id, seriesId is null ? "event.created" : "event.created-in-series", userId, now);
                db.EventChanges.Add(new EventChange(ev.Id, EventChangeKind.Published, now)); // for email alerts
            }

            await db.SaveChangesAsync(token);
            return DomainResult<IReadOnlyList<int>>.Ok(events.Select(e => e.Id).ToList());
        }, cancellationToken);
    }

    private static void Apply(Event ev, EventDetails details)
    {
        ev.Kind = details.Kind;
        ev.Title = details.Title.Trim();
        ev.Description = details.Description.Trim();
        ev.StartsAt = details.StartsAt;
        ev.EndsAt = details.EndsAt;
        ev.Mode = details.Mode;
        ev.Venue = details.Mode == AttendanceMode.Online ? null : Clean(details.Venue);
        ev.AccessibilityInformation = details.Mode == AttendanceMode.Online ? null : Clean(details.AccessibilityInformation);
        ev.JoiningLink = details.Mode == AttendanceMode.InPerson ? null : Clean(details.JoiningLink);
        ev.RegistrationOpensAt = details.RegistrationOpensAt;
        ev.RegistrationClosesAt = details.RegistrationClosesAt;
        ev.Audience = details.Audience;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private void Audit(int eventId, string action, string? userId, DateTime now) => db.AuditRecords.Add(new AuditRecord
    {
        At = now,
        ActorUserId = userId,
        Action = action,
        EntityType = nameof(Event),
        EntityId = eventId.ToString(CultureInfo.InvariantCulture),
    });
}
