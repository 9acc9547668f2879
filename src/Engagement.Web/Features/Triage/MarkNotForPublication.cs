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
        var item = await db.LoadAsync(command.FeedbackItemId, cancellationToken);
        if (item is null)
        {
            return FeedbackItemStore.NotFound;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var wasLinked = item.ResponseEntryId is not null;
        var result = item.MarkNotForPublication(command.Reason, command.Note, command.UserId, now);
        if (!result.Succeeded)
        {
            return result;
        }

        db.AuditRecords.Add(TriageAudit.Record(item.Id, TriageAudit.NotForPublication, command.UserId, now, $"reason={command.Reason}"));
        await db.SaveChangesAsync(cancellationToken);
        if (wasLinked)
        {
            await publicPages.InvalidateAsync(cancellationToken);
        }

        return DomainResult.Ok;
    }
}
