namespace Engagement.Domain.Auditing;

/// <summary>Who did what to which record, and when. Never holds feedback text or personal data.</summary>
public sealed class AuditRecord
{
    public long Id { get; set; }
    public DateTime At { get; set; }

    /// <summary>The staff user, or null for a member of the public or the system.</summary>
    public string? ActorUserId { get; set; }

    /// <summary>A short verb phrase, for example "feedback.created" or "feedback.safeguarding-flagged".</summary>
    public string Action { get; set; } = "";

    public string EntityType { get; set; } = "";
    public string EntityId { get; set; } = "";

    /// <summary>Non-personal detail, for example "channel=OnlineForm".</summary>
    public string? Detail { get; set; }
}
