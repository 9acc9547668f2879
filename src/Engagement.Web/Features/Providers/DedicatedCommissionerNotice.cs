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
/// needs or what the feedback says); when a commissioner approves one of its engagement records for publication (unless
/// the dedicated commissioner approved it); and when the falling-behind job sees its position against the market
/// standard drop in the current quarter.
/// </summary>
public static class DedicatedCommissionerNotice
{
    public const string BookingKind = "commissioner-provider-booking";
    public const string FeedbackKind = "commissioner-provider-feedback";
    public const string PublishedKind = "commissioner-provider-published";
    public const string FellBehindKind = "commissioner-provider-fell-behind";

    public static async Task QueuePublishedAsync(
        EngagementDbContext db, EmailOutbox outbox, ServiceOptions service, Domain.Providers.EngagementRecord record, string reviewerUserId, CancellationToken cancellationToken)
    {
        if (await CommissionerOfAsync(db, record.ProviderUserId, cancellationToken) is not { } notice || notice.CommissionerId == reviewerUserId)
        {
            return;
        }

        var id = record.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var layout = new EmailLayout(service)
            .Greeting(notice.CommissionerName)
            .Paragraph($"{notice.Organisation}, for whom you are the dedicated commissioner, has published an engagement record on its \"You said, we did\" page: {record.ServiceName}, {record.HeldOn.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}.");
        if (notice.Slug is not null)
        {
            layout.Link("See its public page", service.Link("/providers/" + notice.Slug));
        }

        outbox.Queue(layout
            .Link("See where it stands against the market standard", service.Link("/staff/market-standard/providers/" + record.ProviderUserId))
            .ToMessage(notice.CommissionerEmail, notice.CommissionerName, $"{notice.Organisation} published an engagement record", PublishedKind, id));
    }

    /// <summary>Queues the falling-behind email; false when the organisation has no (enabled) dedicated commissioner.</summary>
    public static async Task<bool> QueueFellBehindAsync(
        EngagementDbContext db, EmailOutbox outbox, ServiceOptions service, string providerUserId, Domain.Providers.StandardPosition position, CancellationToken cancellationToken)
    {
        if (await CommissionerOfAsync(db, providerUserId, cancellationToken) is not { } notice)
        {
            return false;
        }

        var layout = new EmailLayout(service)
            .Greeting(notice.CommissionerName)
            .Paragraph($"{notice.Organisation}, for whom you are the dedicated commissioner, has fallen behind the engagement standard for {position.Quarter.Name}: it is now {Domain.Providers.MarketStandardText.Name(position.Outcome).ToLowerInvariant()}.");
        foreach (var missing in position.Missing)
        {
            layout.Paragraph($"{missing.Criterion.Name}: {missing.Explanation}.");
        }

        outbox.Queue(layout
            .Link("See where it stands", service.Link("/staff/market-standard/providers/" + providerUserId))
            .Paragraph("You get this email once a quarter for each provider, the first time its position drops.")
            .ToMessage(notice.CommissionerEmail, notice.CommissionerName, $"{notice.Organisation} has fallen behind the engagement standard", FellBehindKind,
                providerUserId + ":" + position.Quarter.Code));
        return true;
    }

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

    private sealed record Notice(string Organisation, string CommissionerId, string CommissionerEmail, string CommissionerName, string? Slug);

    /// <summary>The organisation's enabled dedicated commissioner, or null when it has none.</summary>
    private static async Task<Notice?> CommissionerOfAsync(EngagementDbContext db, string providerUserId, CancellationToken cancellationToken)
    {
        var found = await db.Users.AsNoTracking()
            .Where(u => u.Id == providerUserId && u.DedicatedCommissionerId != null)
            .Select(u => new
            {
                u.OrganisationName,
                u.ProviderSlug,
                Commissioner = db.Users.Where(c => c.Id == u.DedicatedCommissionerId && !c.IsDisabled).Select(c => new { c.Id, c.Email, c.DisplayName }).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        return found?.Commissioner?.Email is { } email ? new Notice(found.OrganisationName ?? "A provider organisation", found.Commissioner.Id, email, found.Commissioner.DisplayName, found.ProviderSlug) : null;
    }
}
