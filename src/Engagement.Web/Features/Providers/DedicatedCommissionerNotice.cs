using Engagement.Domain.Events;
using Engagement.Infrastructure;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Features.Providers;

/// <summary>
/// Tells a provider organisation's dedicated commissioner when that organisation books a forum or event place, or
/// sends feedback while signed in: an email in the same transaction as the booking or the item (the organisation's
/// name, the event and the status, or the feedback's reference and a link to it; never who is coming, their access
/// needs or what the feedback says).
/// </summary>
public static class DedicatedCommissionerNotice
{
    public const string BookingKind = "commissioner-provider-booking";
    public const string FeedbackKind = "commissioner-provider-feedback";

    public static async Task QueueFeedbackAsync(EngagementDbContext db, EmailOutbox outbox, ServiceOptions service, Domain.Feedback.FeedbackItem item, CancellationToken cancellationToken)
    {
        if (item.ProviderAccountId is null || await CommissionerOfAsync(db, item.ProviderAccountId, cancellationToken) is not { } notice)
        {
            return;
        }

        var id = item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        outbox.Queue(new EmailLayout(service)
            .Greeting(notice.CommissionerName)
            .Paragraph($"{notice.Organisation}, for whom you are the dedicated commissioner, has sent feedback {item.Reference}.")
            .Link("Read it in the inbox", service.Link("/staff/feedback/" + id))
            .ToMessage(notice.CommissionerEmail, notice.CommissionerName, $"{notice.Organisation} sent feedback {item.Reference}", FeedbackKind, id));
    }

    public static async Task QueueBookingAsync(
        EngagementDbContext db, EmailOutbox outbox, ServiceOptions service, string? providerUserId, Event ev, Registration registration, CancellationToken cancellationToken)
    {
        if (providerUserId is null || await CommissionerOfAsync(db, providerUserId, cancellationToken) is not { } notice)
        {
            return;
        }

        var status = registration.Status == RegistrationStatus.Confirmed ? "a confirmed place" : "a place on the waiting list";
        outbox.Queue(new EmailLayout(service)
            .Greeting(notice.CommissionerName)
            .Paragraph($"{notice.Organisation}, for whom you are the dedicated commissioner, has booked {status} at {ev.Title}.")
            .Link("See who is coming", service.Link($"/staff/events/{ev.Id}"))
            .ToMessage(notice.CommissionerEmail, notice.CommissionerName, $"{notice.Organisation} booked {ev.Title}", BookingKind, registration.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private sealed record Notice(string Organisation, string CommissionerEmail, string CommissionerName);

    /// <summary>The organisation's enabled dedicated commissioner, or null when it has none.</summary>
    private static async Task<Notice?> CommissionerOfAsync(EngagementDbContext db, string providerUserId, CancellationToken cancellationToken)
    {
        var found = await db.Users.AsNoTracking()
            .Where(u => u.Id == providerUserId && u.DedicatedCommissionerId != null)
            .Select(u => new
            {
                u.OrganisationName,
                Commissioner = db.Users.Where(c => c.Id == u.DedicatedCommissionerId && !c.IsDisabled).Select(c => new { c.Email, c.DisplayName }).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        return found?.Commissioner?.Email is { } email ? new Notice(found.OrganisationName ?? "A provider organisation", email, found.Commissioner.DisplayName) : null;
    }
}
