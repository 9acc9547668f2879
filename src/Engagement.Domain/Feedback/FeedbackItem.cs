using System.Linq.Expressions;
using Engagement.Domain.Common;
using Engagement.Domain.Responses;

namespace Engagement.Domain.Feedback;

/// <summary>What a person told us, as the domain receives it; <see cref="FeedbackItem.Receive"/> keeps only what applies.</summary>
public sealed record NewFeedback(
    SubmitterRole Role,
    ProviderType? ProviderType,
    ServiceSection Section,
    string Text,
    FeedbackChannel Channel,
    IReadOnlyCollection<int> Priorities,
    int? EventId = null,
    string? ContactName = null,
    string? ContactEmail = null,
    bool ConsentToContact = false,
    bool ConsentToProgressUpdates = false,
    string? SubmissionKey = null,
    string? EnteredByUserId = null,
    string? ProviderAccountId = null);

/// <summary>
/// "You said": one thing somebody told the council. Private: its raw text is never shown publicly.
/// The item owns its triage rules. Every change goes through a method that says whether it went ahead, and what the
/// submitter's tracking page shows (<see cref="State"/>) is derived from the facts, never stored. The safeguarding rule
/// lives here alone: once flagged, an item is closed, unlinked, never linkable and its flag never changes.
/// </summary>
public sealed class FeedbackItem
{
    private FeedbackItem()
    {
    }

    public int Id { get; private set; }

    /// <summary>YS-&lt;year&gt;-&lt;six digits&gt;, for example YS-2026-000123.</summary>
    public string Reference { get; private set; } = "";

    public DateTime SubmittedAt { get; private set; }
    public SubmitterRole Role { get; private set; }
    public ProviderType? ProviderType { get; private set; }
    public ServiceSection Section { get; private set; }

    /// <summary>Stored exactly as written; never rendered as HTML.</summary>
    public string Text { get; private set; } = "";

    public FeedbackChannel Channel { get; private set; }
    public int? EventId { get; private set; }

    public string? ContactName { get; private set; }
    public string? ContactEmail { get; private set; }
    public bool ConsentToContact { get; private set; }
    public bool ConsentToProgressUpdates { get; private set; }
    public DateTime? ContactDetailsDeletedAt { get; private set; }

    /// <summary>SHA-256 of the private tracking token; the token itself is never stored.</summary>
    public string TrackingTokenHash { get; private set; } = "";

    /// <summary>A signal word or phrase was found: urgent triage, never a decision by itself.</summary>
    public bool PossibleSafeguarding { get; private set; }

    /// <summary>Looked like a bot (honeypot filled or completed impossibly fast): kept out of the inbox.</summary>
    public bool IsQuarantined { get; private set; }

    /// <summary>A key from the form so that a double submission creates one item.</summary>
    public string? SubmissionKey { get; private set; }

    /// <summary>When a member of staff first did anything with the item (the fact behind "being looked at").</summary>
    public DateTime? FirstLookedAt { get; private set; }

    public FeedbackFlag Flag { get; private set; } = FeedbackFlag.None;
    public NotForPublicationReason? NotForPublicationReason { get; private set; }
    public string? FlagNote { get; private set; }
    public DateTime? FlaggedAt { get; private set; }
    public string? FlaggedByUserId { get; private set; }

    public string? AssignedToUserId { get; private set; }
    public string? EnteredByUserId { get; private set; }

    /// <summary>
    /// The provider organisation's account that sent it, when a care provider gave feedback signed in (they are told
    /// so on the check page); its dedicated commissioner is told. Null for everyone else.
    /// </summary>
    public string? ProviderAccountId { get; private set; }

    public int? ResponseEntryId { get; private set; }

    /// <summary>When the item first had a response (see <see cref="RecordFirstResponse"/>); never changes once set.</summary>
    public DateTime? FirstRespondedAt { get; private set; }

    /// <summary>The entry this item is linked to; loaded with the item whenever its link or state matters.</summary>
    public ResponseEntry? ResponseEntry { get; private set; }

    public List<FeedbackItemPriority> Priorities { get; private set; } = [];
    public List<FeedbackNote> Notes { get; private set; } = [];

    /// <summary>Safeguarding concerns are never published, and that decision cannot be undone.</summary>
    public bool CanBePublished => Flag != FeedbackFlag.SafeguardingConcern;

    /// <summary>A flag that takes the item out of publication closes it.</summary>
    public bool IsClosed => IsClosing(Flag);

    /// <summary>What the submitter's tracking page shows, derived from the flag, the link and whether anyone has looked.</summary>
    public FeedbackState State
    {
        get
        {
            if (ResponseEntryId is not null && ResponseEntry is null && !IsClosed)
            {
                throw new InvalidOperationException($"Load {Reference}'s response entry to know its state.");
            }

            return StateOf(Flag, ResponseEntryId is not null || ResponseEntry is not null, ResponseEntry?.IsPublished == true, FirstLookedAt);
        }
    }

    public static string FormatReference(int year, int sequence) => $"YS-{year:D4}-{sequence:D6}";

    /// <summary>The tracking-page state from its facts; queries call this in their projection.</summary>
    public static FeedbackState StateOf(FeedbackFlag flag, bool linked, bool entryPublished, DateTime? firstLookedAt) =>
        IsClosing(flag) ? FeedbackState.Closed
        : linked && entryPublished ? FeedbackState.LinkedToEntry
        : linked || firstLookedAt is not null ? FeedbackState.BeingLookedAt
        : FeedbackState.Received;

    /// <summary>Items nobody has looked at yet (state "Received"), as a query filter.</summary>
    public static Expression<Func<FeedbackItem, bool>> IsNew { get; } = f =>
        f.Flag != FeedbackFlag.SafeguardingConcern && f.Flag != FeedbackFlag.NotForPublication
        && f.ResponseEntryId == null && f.FirstLookedAt == null;

    /// <summary>Open items with no entry yet, as a query filter.</summary>
    public static Expression<Func<FeedbackItem, bool>> IsOpenAndUnlinked { get; } = f =>
        f.Flag != FeedbackFlag.SafeguardingConcern && f.Flag != FeedbackFlag.NotForPublication && f.ResponseEntryId == null;

    private static bool IsClosing(FeedbackFlag flag) => flag is FeedbackFlag.SafeguardingConcern or FeedbackFlag.NotForPublication;

    /// <summary>
    /// A new item. Contact details and consents are kept only with an email address, the provider type and the provider
    /// account only for a care provider (and the account not for what looks like a bot); priorities are de-duplicated.
    /// </summary>
    public static FeedbackItem Receive(NewFeedback feedback, string reference, string trackingTokenHash, DateTime at, bool possibleSafeguarding, bool looksLikeBot = false)
    {
        var email = string.IsNullOrWhiteSpace(feedback.ContactEmail) ? null : feedback.ContactEmail.Trim();
        var hasContact = email is not null;
        return new FeedbackItem
        {
            Reference = reference,
            SubmittedAt = at,
            Role = feedback.Role,
            ProviderType = feedback.Role == SubmitterRole.CareProvider ? feedback.ProviderType : null,
            Section = feedback.Section,
            Text = feedback.Text,
            Channel = feedback.Channel,
            EventId = feedback.EventId,
            ContactName = hasContact && !string.IsNullOrWhiteSpace(feedback.ContactName) ? feedback.ContactName.Trim() : null,
            ContactEmail = email,
            ConsentToContact = hasContact && feedback.ConsentToContact,
            ConsentToProgressUpdates = hasContact && feedback.ConsentToProgressUpdates,
            TrackingTokenHash = trackingTokenHash,
            PossibleSafeguarding = possibleSafeguarding,
            IsQuarantined = looksLikeBot,
            SubmissionKey = feedback.SubmissionKey,
            EnteredByUserId = feedback.EnteredByUserId,
            ProviderAccountId = feedback.Role == SubmitterRole.CareProvider && !looksLikeBot ? feedback.ProviderAccountId : null,
            Priorities = feedback.Priorities.Distinct().Select(p => new FeedbackItemPriority { PriorityNumber = p }).ToList(),
        };
    }

    /// <summary>
    /// A safeguarding concern: closed, unlinked from any entry (whose version changes), and never publishable again.
    /// The flag cannot be set twice or changed afterwards.
    /// </summary>
    public DomainResult FlagAsSafeguardingConcern(string? note, string userId, DateTime at)
    {
        if (FlagNoteRefusal(note, required: false) is { } refused)
        {
            return refused;
        }

        if (Flag == FeedbackFlag.SafeguardingConcern)
        {
            return DomainResult.Refused("This item is already flagged as a safeguarding concern", nameof(Flag));
        }

        SetFlag(FeedbackFlag.SafeguardingConcern, null, note, userId, at);
        UnlinkFromEntry();
        RecordFirstResponse(at);
        return DomainResult.Ok;
    }

    /// <summary>A complaint: the person is pointed to the complaints route; the item stays open and linkable.</summary>
    public DomainResult FlagAsComplaint(string? note, string userId, DateTime at)
    {
        if ((FlagNoteRefusal(note, required: false) ?? SafeguardingFlagIsFinal(nameof(Flag))) is { } refused)
        {
            return refused;
        }

        if (Flag == FeedbackFlag.Complaint)
        {
            return DomainResult.Refused("This item is already recorded as a complaint", nameof(Flag));
        }

        SetFlag(FeedbackFlag.Complaint, null, note, userId, at);
        MarkLookedAt(at);
        RecordFirstResponse(at);
        return DomainResult.Ok;
    }

    /// <summary>Kept out of publication for a reason, with a note: closed and unlinked from any entry.</summary>
    public DomainResult MarkNotForPublication(NotForPublicationReason? reason, string? note, string userId, DateTime at)
    {
        if (reason is null || !Enum.IsDefined(reason.Value))
        {
            return DomainResult.Refused("Select why it is not for publication", "Reason");
        }

        if ((FlagNoteRefusal(note, required: true) ?? SafeguardingFlagIsFinal("Reason")) is { } refused)
        {
            return refused;
        }

        SetFlag(FeedbackFlag.NotForPublication, reason, note, userId, at);
        UnlinkFromEntry();
        RecordFirstResponse(at);
        return DomainResult.Ok;
    }

    /// <summary>Why the item can never be linked to an entry, or null when it can.</summary>
    public string? CannotLinkReason => Flag switch
    {
        FeedbackFlag.SafeguardingConcern => $"{Reference} is a safeguarding concern and can never be published or linked to an entry",
        FeedbackFlag.NotForPublication => $"{Reference} is marked not for publication and cannot be linked to an entry",
        _ => null,
    };

    /// <summary>
    /// The one way an item is linked to an entry. The entry's version changes (and the previous entry's, when the item
    /// moves), so a colleague's form opened before the change cannot silently undo it.
    /// </summary>
    public DomainResult LinkTo(ResponseEntry entry, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (CannotLinkReason is { } refusal)
        {
            return DomainResult.Refused(refusal, nameof(ResponseEntry));
        }

        if (ResponseEntry == entry || (entry.Id != 0 && ResponseEntryId == entry.Id))
        {
            return DomainResult.Refused($"This item is already linked to {entry.Reference}", nameof(ResponseEntry));
        }

        UnlinkFromEntry();
        ResponseEntry = entry;
        ResponseEntryId = entry.Id == 0 ? null : entry.Id;
        entry.LinkedItemsChanged();
        MarkLookedAt(at);
        if (entry.IsPublished)
        {
            RecordFirstResponse(at);
        }

        return DomainResult.Ok;
    }

    /// <summary>Takes the item off its entry (whose version changes). Nothing happens when it is not linked.</summary>
    public bool UnlinkFromEntry()
    {
        if (ResponseEntryId is null && ResponseEntry is null)
        {
            return false;
        }

        if (ResponseEntry is null)
        {
            throw new InvalidOperationException($"Load {Reference}'s response entry before changing its link.");
        }

        ResponseEntry.LinkedItemsChanged();
        ResponseEntry = null;
        ResponseEntryId = null;
        return true;
    }

    /// <summary>An internal note for staff; any note means someone is looking at the item.</summary>
    public DomainResult AddNote(string? text, string userId, DateTime at)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return DomainResult.Refused("Enter a note", "Text");
        }

        if (text.Length > FeedbackLimits.NoteMaxLength)
        {
            return DomainResult.Refused($"The note must be {FeedbackLimits.NoteMaxLength:N0} characters or fewer", "Text");
        }

        Notes.Add(new FeedbackNote { FeedbackItemId = Id, AuthorUserId = userId, Text = text.Trim().Replace("\r\n", "\n", StringComparison.Ordinal), CreatedAt = at });
        MarkLookedAt(at);
        return DomainResult.Ok;
    }

    /// <summary>Assigns the item to a colleague (checked by the caller to be staff), or to nobody.</summary>
    public void AssignTo(string? userId, DateTime at)
    {
        AssignedToUserId = string.IsNullOrWhiteSpace(userId) ? null : userId;
        MarkLookedAt(at);
    }

    /// <summary>Sets the priorities the item relates to (already checked against the live priorities).</summary>
    public void RelateToPriorities(IReadOnlyCollection<int> numbers, DateTime at)
    {
        Priorities.RemoveAll(p => !numbers.Contains(p.PriorityNumber));
        foreach (var number in numbers.Distinct().Where(n => Priorities.All(p => p.PriorityNumber != n)))
        {
            Priorities.Add(new FeedbackItemPriority { FeedbackItemId = Id, PriorityNumber = number });
        }

        MarkLookedAt(at);
    }

    /// <summary>Any triage action on a new item means someone is looking at it.</summary>
    public void MarkLookedAt(DateTime at) => FirstLookedAt ??= at;

    /// <summary>
    /// The first response, defined once: the first of the item being linked to a published entry (or the entry it is
    /// linked to being published), or a decision with a reason recorded on it (not for publication, a complaint pointed
    /// to the complaints route, a safeguarding concern escalated). Only the first time counts; later calls change nothing.
    /// The guarded methods record it themselves; publishing records it for every linked item at once.
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

    // Data protection: withdrawal, erasure and retention. The retention job's set-based updates write the same values
    // (ErasedText, nulls), so what "removed" means is defined here once.

    /// <summary>What an erased item's text becomes: the row stays as a stub so an entry's "people who raised this" count stays true.</summary>
    public const string ErasedText = "[Removed]";

    /// <summary>When the text (and notes) were removed, at the person's request or under the retention policy.</summary>
    public DateTime? ContentErasedAt { get; private set; }

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

    private DomainResult? SafeguardingFlagIsFinal(string property) => Flag == FeedbackFlag.SafeguardingConcern
        ? DomainResult.Refused("This item is a safeguarding concern: that flag cannot be changed", property)
        : null;

    private static DomainResult? FlagNoteRefusal(string? note, bool required)
    {
        if (required && string.IsNullOrWhiteSpace(note))
        {
            return DomainResult.Refused("Enter a note explaining the decision", "Note");
        }

        return note?.Length > FeedbackLimits.FlagNoteMaxLength
            ? DomainResult.Refused($"The note must be {FeedbackLimits.FlagNoteMaxLength:N0} characters or fewer", "Note")
            : null;
    }

    private void SetFlag(FeedbackFlag flag, NotForPublicationReason? reason, string? note, string userId, DateTime at)
    {
        Flag = flag;
        NotForPublicationReason = reason;
        FlagNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        FlaggedAt = at;
        FlaggedByUserId = userId;
        MarkLookedAt(at);
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
