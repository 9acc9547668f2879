using Engagement.Domain.Common;
using Engagement.Domain.Feedback;
using Engagement.Infrastructure.Data;

namespace Engagement.Web.Features.Triage;

public sealed record AddFeedbackNote(int FeedbackItemId, string? Text, string UserId);

/// <summary>An internal note on an item, for staff only. The audit record says a note was added, not what it says.</summary>
public sealed class AddFeedbackNoteHandler(EngagementDbContext db, TimeProvider clock)
{
    public const int MaxLength = 4000;

    public async Task<DomainResult> HandleAsync(AddFeedbackNote command, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(command.Text))
        {
            return DomainResult.Refused("Enter a note", "Text");
        }

        if (command.Text.Length > MaxLength)
        {
            return DomainResult.Refused("The note must be 4,000 characters or fewer", "Text");
        }

        var item = await TriageRules.LoadAsync(db, command.FeedbackItemId, cancellationToken);
        if (item is null)
        {
            return TriageRules.NotFound;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        db.FeedbackNotes.Add(new FeedbackNote { FeedbackItemId = item.Id, AuthorUserId = command.UserId, Text = command.Text.Trim().Replace("\r\n", "\n", StringComparison.Ordinal), CreatedAt = now });
        TriageRules.MarkLookedAt(item);
        db.AuditRecords.Add(TriageAudit.Record(item.Id, TriageAudit.NoteAdded, command.UserId, now));
        await db.SaveChangesAsync(cancellationToken);
        return DomainResult.Ok;
    }
}
