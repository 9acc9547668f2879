using Engagement.Domain.Common;
using Engagement.Domain.Feedback;
using Engagement.Infrastructure.Data;

namespace Engagement.Web.Features.Triage;

public sealed record AddFeedbackNote(int FeedbackItemId, string? Text, string UserId);

/// <summary>An internal note on an item, for staff only. The audit record says a note was added, not what it says.</summary>
public sealed class AddFeedbackNoteHandler(EngagementDbContext db, TimeProvider clock)
{
    public async Task<DomainResult> HandleAsync(AddFeedbackNote command, CancellationToken cancellationToken = default)
    {
        var item = await db.LoadAsync(command.FeedbackItemId, cancellationToken);
        if (item is null)
        {
            return FeedbackItemStore.NotFound;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var result = item.AddNote(command.Text, command.UserId, now);
        if (result.Succeeded)
        {
            db.AuditRecords.Add(TriageAudit.Record(item.Id, TriageAudit.NoteAdded, command.UserId, now));
            await db.SaveChangesAsync(cancellationToken);
        }

        return result;
    }
}
