using Engagement.Domain.Common;
using Engagement.Domain.Feedback;
using Engagement.Infrastructure;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Email;
using Engagement.Web.Features.Publishing;
using Microsoft.Extensions.Options;

namespace Engagement.Web.Features.Triage;

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
    public const string EmailKind = "safeguarding-escalation";

    public async Task<DomainResult> HandleAsync(FlagSafeguardingConcern command, CancellationToken cancellationToken = default)
    {
        if (command.Note?.Length > 2000)
        {
            return DomainResult.Refused("The note must be 2,000 characters or fewer", "Note");
        }

        var item = await TriageRules.LoadAsync(db, command.FeedbackItemId, cancellationToken);
        if (item is null)
        {
            return TriageRules.NotFound;
        }

        if (item.Flag == FeedbackFlag.SafeguardingConcern)
        {
            return DomainResult.Refused("This item is already flagged as a safeguarding concern", "Flag");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var wasLinked = item.ResponseEntryId is not null;
        item.Flag = FeedbackFlag.SafeguardingConcern;
        item.NotForPublicationReason = null;
        item.FlagNote = string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim();
        item.FlaggedAt = now;
        item.FlaggedByUserId = command.UserId;
        item.ResponseEntryId = null;
        item.State = FeedbackState.Closed;
        item.RecordFirstResponse(now);

        var options = service.Value;
        var staffLink = options.Link($"/staff/feedback/{item.Id}");
        outbox.Queue(new EmailLayout(options)
            .Paragraph($"A commissioner has flagged feedback item {item.Reference} as a possible safeguarding concern.")
            .Paragraph("Sign in to read it and decide what to do. The text is not included in this email.")
            .Link("Open the feedback item", staffLink)
            .ToMessage(safeguarding.Value.NotifyEmail, null, $"Safeguarding concern raised: {item.Reference}", EmailKind, item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        db.AuditRecords.Add(TriageAudit.Record(item.Id, TriageAudit.SafeguardingFlagged, command.UserId, now, wasLinked ? "unlinked-from-entry" : null));
        await db.SaveChangesAsync(cancellationToken);
        if (wasLinked)
        {
            await publicPages.InvalidateAsync(cancellationToken);
        }

        return DomainResult.Ok;
    }
}
