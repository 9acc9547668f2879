using Engagement.Domain.Events;
using Engagement.Infrastructure;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Email;
using Engagement.Infrastructure.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Engagement.Web.Features.Events;

/// <summary>
/// Queues reminder emails for confirmed attendees of events that are not cancelled, once per registration, start time
/// and configured hour (Events:ReminderHours, default 48 and 2). A reminder is due from that many hours before the
/// start; when a smaller reminder is already due the larger one is skipped (someone who booked late gets the nearer
/// one only). Each reminder's ReminderSent row (unique) and outbox row are saved together, so a reminder is queued
/// once even if two instances run the job at once. A rescheduled event has a new start time and so fresh reminders.
/// </summary>
public sealed class EventReminderJob(
    EngagementDbContext db,
    EmailOutbox outbox,
    TimeProvider clock,
    IConfiguration configuration,
    IOptions<ServiceOptions> service,
    Engagement.Infrastructure.Privacy.UnsubscribeLinks unsubscribe,
    ILogger<EventReminderJob> logger)
{
    public static readonly int[] DefaultHours = [48, 2];

    public IReadOnlyList<int> Hours
    {
        get
        {
            var configured = configuration.GetSection("Events:ReminderHours").Get<int[]>();
            return (configured is { Length: > 0 } ? configured : DefaultHours).Where(h => h > 0).Distinct().OrderByDescending(h => h).ToList();
        }
    }

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var hours = Hours;
        if (hours.Count == 0)
        {
            return 0;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var horizon = now.AddHours(hours[0]);
        var events = await db.Events.AsNoTracking()
            .Where(e => !e.IsCancelled && e.StartsAt > now && e.StartsAt <= horizon)
            .ToListAsync(cancellationToken);
        var queued = 0;
        foreach (var ev in events)
        {
            // The smallest configured hour whose window has begun.
            var due = hours.Where(h => now >= ev.StartsAt.AddHours(-h)).Min();
            var registrations = await db.Registrations.AsNoTracking()
                .Where(r => r.EventId == ev.Id && r.Status == RegistrationStatus.Confirmed && !r.RemindersStopped)
                .Where(r => !db.RemindersSent.Any(s => s.RegistrationId == r.Id && s.EventStartsAt == ev.StartsAt && s.HoursBefore == due))
                .OrderBy(r => r.Id)
                .ToListAsync(cancellationToken);
            foreach (var registration in registrations)
            {
                db.RemindersSent.Add(new ReminderSent { RegistrationId = registration.Id, EventStartsAt = ev.StartsAt, HoursBefore = due, QueuedAt = now });
                outbox.Queue(EventEmails.Reminder(service.Value, ev, registration, due, unsubscribe.ForRegistration(registration.Id)));
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    queued++;
                }
                catch (DbUpdateException)
                {
                    // Another run queued this reminder first (the unique index on ReminderSent): nothing to send twice.
                    logger.LogInformation("Reminder for registration {RegistrationId} was already queued", registration.Id);
                }
                finally
                {
                    db.ChangeTracker.Clear();
                }
            }
        }

        return queued;
    }
}
