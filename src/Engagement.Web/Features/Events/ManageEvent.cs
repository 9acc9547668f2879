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

/// <summary>Staff actions on one event: cancel it, message everyone confirmed, mark attendance.</summary>
public sealed class ManageEventHandler(
    EngagementDbContext db,
    EmailOutbox outbox,
    TimeProvider clock,
    IOptions<ServiceOptions> service)
{
    /// <summary>Cancels the event and tells everyone registered (confirmed or waiting) by email.</summary>
    public async Task<DomainResult> CancelEventAsync(int eventId, string? userId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.InTransactionAsync(async token =>
        {
            var ev = await db.Events.SingleOrDefaultAsync(e => e.Id == eventId, token);
            if (ev is null)
            {
                return DomainResult.NotFound("This event does not exist.");
            }

            var cancelled = ev.Cancel(now);
            if (!cancelled.Succeeded)
            {
                return cancelled;
            }

            ev.Version = Guid.NewGuid();
            var registered = await db.Registrations.AsNoTracking()
                .Where(r => r.EventId == eventId && (r.Status == RegistrationStatus.Confirmed || r.Status == RegistrationStatus.Waitlisted))
                .ToListAsync(token);
            foreach (var registration in registered)
            {
                outbox.Queue(EventEmails.Cancelled(service.Value, ev, registration));
            }

            Audit(eventId, "event.cancelled", userId, now, $"told={registered.Count}");
            db.EventChanges.Add(new EventChange(eventId, EventChangeKind.Cancelled, now)); // for email alerts
            await db.SaveChangesAsync(token);
            return DomainResult.Ok;
        }, cancellationToken);
    }

    /// <summary>Emails everyone with a confirmed place. Returns how many were queued.</summary>
    public async Task<DomainResult<int>> MessageConfirmedAsync(int eventId, string subject, string message, string? userId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var ev = await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == eventId, cancellationToken);
        if (ev is null)
        {
            return DomainResult<int>.Refused("This event does not exist.");
        }

        var confirmed = await db.Registrations.AsNoTracking()
            .Where(r => r.EventId == eventId && r.Status == RegistrationStatus.Confirmed)
            .ToListAsync(cancellationToken);
        if (confirmed.Count == 0)
        {
            return DomainResult<int>.Refused("Nobody has a confirmed place yet, so there is nobody to send to.", "Message.Text");
        }

        foreach (var registration in confirmed)
        {
            outbox.Queue(EventEmails.StaffMessage(service.Value, ev, registration, subject.Trim(), message.Trim()));
        }

        Audit(eventId, "event.message-sent", userId, now, $"recipients={confirmed.Count}");
        await db.SaveChangesAsync(cancellationToken);
        return DomainResult<int>.Ok(confirmed.Count);
    }

    public async Task<DomainResult> MarkAttendanceAsync(int eventId, int registrationId, bool attended, string? userId, CancellationToken cancellationToken = default)
    {
        var registration = await db.Registrations.SingleOrDefaultAsync(r => r.Id == registrationId && r.EventId == eventId, cancellationToken);
        if (registration is null)
        {
            return DomainResult.Refused("That booking does not exist.");
        }

        var marked = registration.MarkAttendance(attended);
        if (!marked.Succeeded)
        {
            return marked;
        }

        Audit(eventId, attended ? "registration.attended" : "registration.no-show", userId, clock.GetUtcNow().UtcDateTime,
            "registration=" + registrationId.ToString(CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(cancellationToken);
        return DomainResult.Ok;
    }

    private void Audit(int eventId, string action, string? userId, DateTime now, string? detail = null) => db.AuditRecords.Add(new AuditRecord
    {
        At = now,
        ActorUserId = userId,
        Action = action,
        EntityType = nameof(Event),
        EntityId = eventId.ToString(CultureInfo.InvariantCulture),
        Detail = detail,
    });
}
