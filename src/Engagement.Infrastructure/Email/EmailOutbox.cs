using Engagement.Domain.Email;
using Engagement.Infrastructure.Data;

namespace Engagement.Infrastructure.Email;

/// <summary>An email to queue. Header values (recipient, name, subject) are never taken raw from user input.</summary>
public sealed record EmailMessage(
    string ToAddress,
    string? ToName,
    string Subject,
    string TextBody,
    string? HtmlBody,
    string Kind,
    string? RelatedId,
    EmailAttachment? Attachment = null,
    string? UnsubscribeUrl = null);

public sealed record EmailAttachment(string FileName, string ContentType, string Content);

/// <summary>
/// Queues an email as an outbox row in the caller's unit of work: it commits with the change that caused it, or not
/// at all. The caller saves; the dispatcher job sends.
/// </summary>
public sealed class EmailOutbox(EngagementDbContext db, TimeProvider clock)
{
    public OutboxMessage Queue(EmailMessage message)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var row = new OutboxMessage
        {
            ToAddress = message.ToAddress.Trim(),
            ToName = message.ToName,
            Subject = message.Subject,
            TextBody = message.TextBody,
            HtmlBody = message.HtmlBody,
            Kind = message.Kind,
            RelatedId = message.RelatedId,
            UnsubscribeUrl = message.UnsubscribeUrl,
            AttachmentFileName = message.Attachment?.FileName,
            AttachmentContentType = message.Attachment?.ContentType,
            AttachmentContent = message.Attachment?.Content,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.OutboxMessages.Add(row);
        return row;
    }
}
