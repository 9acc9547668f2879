using Engagement.Domain.Events;
using Engagement.Infrastructure;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Features.Providers;

/// <summary>
/// Tells a provider organisation's dedicated commissioner when that organisation books a forum or event place: an
/// email in the same outbox transaction as the booking (the organisation's name, the event and the status; not who
/// is coming or their access needs).
/// </summary>
public static class DedicatedCommissionerNotice
{
    public const string BookingKind = "commissioner-provider-booking";

    public static async Task QueueBookingAsync(
        EngagementDbContext db, EmailOutbox outbox, ServiceOptions service, string? providerUserId, Event ev, Registration registration, CancellationToken cancellationToken)
    {
        if (providerUserId is null)
        {
            return;
        }

        var notice = await db.Users.AsNoTracking()
            .Where(u => u.Id == providerUserId && u.DedicatedCommissionerId != null)
            .Select(u => new
            {
                u.OrganisationName,
                Commissioner = db.Users.Where(c => c.Id == u.DedicatedCommissionerId && !c.IsDisabled).Select(c => new { c.Email, c.DisplayName }).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (notice?.Commissioner?.Email is not { } to)
        {
            return;
        }

        var status = registration.Status == RegistrationStatus.Confirmed ? "a confirmed place" : "a place on the waiting list";
        outbox.Queue(new EmailLayout(service)
            .Greeting(notice.Commissioner.DisplayName)
            .Paragraph($"{notice.OrganisationName}, for whom you are the dedicated commissioner, has booked {status} at {ev.Title}.")
            .Link("See who is coming", service.Link($"/staff/events/{ev.Id}"))
            .ToMessage(to, notice.Commissioner.DisplayName, $"{notice.OrganisationName} booked {ev.Title}", BookingKind, registration.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}
