using Engagement.Domain.Common;
using Engagement.Domain.Feedback;
using Engagement.Infrastructure;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Email;
using Engagement.Web.Features.Publishing;
using Microsoft.Extensions.Options;

namespace Engagement.Web.Features.Triage;

/// <summary>The "Safeguarding" configuration section: where safeguarding escalations are emailed.</summary>
public sealed class SafeguardingOptions
{
    public const string Section = "Safeguarding";

    public string NotifyEmail { get; set; } = "safeguarding@example.gov.uk";
}

public sealed record FlagSafeguardingConcern(int FeedbackItemId, string? Note, string UserId);

/// <summary>
/// Flags an item as a safeguarding concern: records who and when, escalates by email to the safeguarding contact (the
/// reference and a staff link, never the text), and makes the item unpublishable for good (unlinking it if linked).
/// The flag cannot be removed.
/// </summary>
public sealed class FlagSafeguardingConcernHandler(
    EngagementDbContext db,
    EmailOutbox outbox,
    TimeProvider clock,
    IOptions<ServiceOptions> service,
    IOptions<SafeguardingOptions> safeguarding,
    PublicPagesCache publicPages)
{
    public async Task<DomainResult> HandleAsync(FlagSafeguardingConcern command, CancellationToken cancellationToken = default)
    {
        var item = await db.LoadAsync(command.FeedbackItemId, cancellationToken);
        if (item is null)
        {
            return FeedbackItemStore.NotFound;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var wasLinked = item.ResponseEntryId is not null;
        var result = item.FlagAsSafeguardingConcern(command.Note, command.UserId, now);
        if (!result.Succeeded)
        {
            return result;
        }

        outbox.Queue(TriageEmails.SafeguardingEscalation(service.Value, safeguarding.Value.NotifyEmail, item));
        db.AuditRecords.Add(TriageAudit.Record(item.Id, TriageAudit.SafeguardingFlagged, command.UserId, now, wasLinked ? "unlinked-from-entry" : null));
        await db.SaveChangesAsync(cancellationToken);
        if (wasLinked)
        {
            await publicPages.InvalidateAsync(cancellationToken);
        }

        return DomainResult.Ok;
    }
}
