using Engagement.Domain.Common;

namespace Engagement.Domain.Feedback;

/// <summary>
/// "You said": one thing somebody told the council. Private: its raw text is never shown publicly.
/// </summary>
public sealed class FeedbackItem
{
    public int Id { get; set; }

    /// <summary>YS-&lt;year&gt;-&lt;six digits&gt;, for example YS-2026-000123.</summary>
    public string Reference { get; set; } = "";

    public DateTime SubmittedAt { get; set; }
    public SubmitterRole Role { get; set; }
    public ProviderType? ProviderType { get; set; }
    public ServiceSection Section { get; set; }

    /// <summary>Stored exactly as written; never rendered as HTML.</summary>
    public string Text { get; set; } = "";

    public FeedbackChannel Channel { get; set; }
    public int? EventId { get; set; }

    public string? ContactName { get; set; }
    public string? ContactEmail { get; set; }
    public bool ConsentToContact { get; set; }
    public bool ConsentToProgressUpdates { get; set; }
    public DateTime? ContactDetailsDeletedAt { get; set; }

    /// <summary>SHA-256 of the private tracking token; the token itself is never stored.</summary>
    public string TrackingTokenHash { get; set; } = "";

    /// <summary>A signal word or phrase was found: urgent triage, never a decision by itself.</summary>
    public bool PossibleSafeguarding { get; set; }

    /// <summary>Looked like a bot (honeypot filled or completed impossibly fast): kept out of the inbox.</summary>
    public bool IsQuarantined { get; set; }

    /// <summary>A key from the form so that a double submission creates one item.</summary>
    public string? SubmissionKey { get; set; }

    public FeedbackState State { get; set; } = FeedbackState.Received;
    public FeedbackFlag Flag { get; set; } = FeedbackFlag.None;
    public NotForPublicationReason? NotForPublicationReason { get; set; }
    public string? FlagNote { get; set; }
    public DateTime? FlaggedAt { get; set; }
    public string? FlaggedByUserId { get; set; }

    public string? AssignedToUserId { get; set; }
    public string? EnteredByUserId { get; set; }

    public int? ResponseEntryId { get; set; }

    /// <summary>When the item first had a response (see <see cref="RecordFirstResponse"/>); never changes once set.</summary>
    public DateTime? FirstRespondedAt { get; private set; }

    public List<FeedbackItemPriority> Priorities { get; set; } = [];
    public List<FeedbackNote> Notes { get; set; } = [];

    /// <summary>Safeguarding concerns are never published, and that decision cannot be undone.</summary>
    public bool CanBePublished => Flag != FeedbackFlag.SafeguardingConcern;

    /// <summary>
    /// The first response, defined once: the first of the item being linked to a published entry (or the entry it is
    /// linked to being published), or a decision with a reason recorded on it (not for publication, a complaint pointed to
    /// the complaints route, a safeguarding concern escalated). Only the first time counts; later calls change nothing.
    /// </summary>
    public bool RecordFirstResponse(DateTime at)
    {
        if (FirstRespondedAt is not null)
        {
            return false;
        }

        FirstRespondedAt = at;
        return true;
    }

    public static string FormatReference(int year, int sequence) => $"YS-{year:D4}-{sequence:D6}";
}

public sealed class FeedbackItemPriority
{
    public int FeedbackItemId { get; set; }
    public int PriorityNumber { get; set; }
}

/// <summary>An internal note on a feedback item, for staff only.</summary>
public sealed class FeedbackNote
{
    public int Id { get; set; }
    public int FeedbackItemId { get; set; }
    public string AuthorUserId { get; set; } = "";
    public string Text { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}
