namespace Engagement.Domain.Email;

/// <summary>
/// An email waiting to be sent, written in the same transaction as the change that caused it.
/// A recurring job delivers due rows; nothing on the request path talks to an SMTP server.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public string ToAddress { get; set; } = "";
    public string? ToName { get; set; }
    public string Subject { get; set; } = "";
    public string? TextBody { get; set; }
    public string? HtmlBody { get; set; }

    /// <summary>What the message is about, for example "feedback-acknowledgement".</summary>
    public string Kind { get; set; } = "";

    /// <summary>The id of the record that caused it (a feedback item, a registration...).</summary>
    public string? RelatedId { get; set; }

    /// <summary>
    /// The one-click unsubscribe address (RFC 8058) for mail a person can stop: sent as <c>List-Unsubscribe</c> with
    /// <c>List-Unsubscribe-Post: List-Unsubscribe=One-Click</c>. Null for mail that must arrive (sign-in, confirmations).
    /// </summary>
    public string? UnsubscribeUrl { get; set; }

    public string? AttachmentFileName { get; set; }
    public string? AttachmentContentType { get; set; }
    public string? AttachmentContent { get; set; }

    public DateTime CreatedAt { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? SentAt { get; set; }
    public DateTime? FailedAt { get; set; }
    public string? LastError { get; set; }

    /// <summary>A dispatcher claims a row until this time so two dispatchers never send it at once.</summary>
    public DateTime? LockedUntil { get; set; }
    public string? LockedBy { get; set; }

    /// <summary>When the bodies of a sent message were removed under the retention rule.</summary>
    public DateTime? BodyDeletedAt { get; set; }

    public OutboxStatus Status => SentAt is not null ? OutboxStatus.Sent : FailedAt is not null ? OutboxStatus.Failed : OutboxStatus.Pending;
}

public enum OutboxStatus
{
    Pending = 1,
    Sent = 2,
    Failed = 3,
}
