using Engagement.Domain.Common;
using Engagement.Domain.Feedback;
using Engagement.Infrastructure.Data;
using Engagement.Web.Features.Publishing;

namespace Engagement.Web.Features.Triage;

public sealed record MarkNotForPublication(int FeedbackItemId, NotForPublicationReason? Reason, string? Note, string UserId);

/// <summary>Keeps an item out of publication (spam, abusive, duplicate, out of scope) with a reason note, and closes it.</summary>
public sealed class MarkNotForPublicationHandler(EngagementDbContext db, TimeProvider clock, PublicPagesCache publicPages)
{
    public async Task<DomainResult> HandleAsync(MarkNotForPublication command, CancellationToken cancellationToken = default)
    {
        if (command.Reason is null || !Enum.IsDefined(command.Reason.Value))
        {
            return DomainResult.Refused("Select why it is not for publication", "Reason");
        }

        if (string.IsNullOrWhiteSpace(command.Note))
        {
            return DomainResult.Refused("Enter a note explaining the decision", "Note");
        }

        if (command.Note.Length > 2000)
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
            return DomainResult.Refused("This item is a safeguarding concern: that flag cannot be changed", "Reason");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var wasLinked = item.ResponseEntryId is not null;
        item.Flag = FeedbackFlag.NotForPublication;
        item.NotForPublicationReason = command.Reason;
        item.FlagNote = command.Note.Trim();
        item.FlaggedAt = now;
        item.FlaggedByUserId = command.UserId;
        item.ResponseEntryId = null;
        item.State = FeedbackState.Closed;
        item.RecordFirstResponse(now);
        db.AuditRecords.Add(TriageAudit.Record(item.Id, TriageAudit.NotForPublication, command.UserId, now, $"reason={command.Reason}"));
        await db.SaveChangesAsync(cancellationToken);
        if (wasLinked)
        {
            await publicPages.InvalidateAsync(cancellationToken);
        }

        return DomainResult.Ok;
    }
}
