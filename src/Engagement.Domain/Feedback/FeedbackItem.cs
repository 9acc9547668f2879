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

    public List<FeedbackItemPriority> Priorities { get; set; } = [];
    public List<FeedbackNote> Notes { get; set; } = [];

    /// <summary>Safeguarding concerns are never published, and that decision cannot be undone.</summary>
    public bool CanBePublished => Flag != FeedbackFlag.SafeguardingConcern;

    public static string FormatReference(int year, int sequence) => $"YS-{year:D4}-{sequence:D6}";

    // Data protection (issue 11): withdrawal, erasure and retention. The retention job's set-based updates write the
    // same values (ErasedText, nulls), so what "removed" means is defined here once.

    /// <summary>What an erased item's text becomes: the row stays as a stub so an entry's "people who raised this" count stays true.</summary>
    public const string ErasedText = "[Removed]";

    /// <summary>When the text (and notes) were removed, at the person's request or under the retention policy.</summary>
    public DateTime? ContentErasedAt { get; set; }

    public bool IsErased => ContentErasedAt is not null;

    /// <summary>No more progress emails; the contact details stay if the person agreed to be contacted.</summary>
    public DomainResult StopProgressEmails()
    {
        ConsentToProgressUpdates = false;
        return DomainResult.Ok;
    }

    /// <summary>Removes the name and email address at once (and with them any consent to use them).</summary>
    public DomainResult RemoveContactDetails(DateTime at)
    {
        ContactName = null;
        ContactEmail = null;
        ConsentToContact = false;
        ConsentToProgressUpdates = false;
        ContactDetailsDeletedAt ??= at;
        return DomainResult.Ok;
    }

    /// <summary>
    /// Removes what the person wrote, their contact details, the flag note and staff notes (load <see cref="Notes"/> first);
    /// keeps the reference, section, priorities and the link to an entry. Refused while a safeguarding hold is active.
    /// </summary>
    public DomainResult EraseContent(DateTime at, bool underHold)
    {
        if (underHold)
        {
            return DomainResult.Refused("This feedback is on a safeguarding hold, so it cannot be deleted until the hold is released.");
        }

        RemoveContactDetails(at);
        Text = ErasedText;
        FlagNote = null;
        SubmissionKey = null;
        Notes.Clear();
        ContentErasedAt ??= at;
        return DomainResult.Ok;
    }
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
