using System.Globalization;
using Engagement.Domain.Auditing;
using Engagement.Domain.Common;
using Engagement.Domain.Feedback;
using Engagement.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Features.Triage;

/// <summary>The "Safeguarding" configuration section: where safeguarding escalations are emailed.</summary>
public sealed class SafeguardingOptions
{
    public const string Section = "Safeguarding";

    public string NotifyEmail { get; set; } = "safeguarding@example.gov.uk";
}

/// <summary>Audit records for triage: who, when, what. Never the feedback text or contact details.</summary>
public static class TriageAudit
{
    public const string ViewedSafeguarding = "feedback.safeguarding-viewed";
    public const string SafeguardingFlagged = "feedback.safeguarding-flagged";
    public const string ComplaintFlagged = "feedback.complaint-flagged";
    public const string NotForPublication = "feedback.not-for-publication";
    public const string PrioritiesLinked = "feedback.priorities-linked";
    public const string LinkedToEntry = "feedback.linked-to-entry";
    public const string Assigned = "feedback.assigned";
    public const string NoteAdded = "feedback.note-added";

    public static AuditRecord Record(int feedbackItemId, string action, string userId, DateTime at, string? detail = null) => new()
    {
        At = at,
        ActorUserId = userId,
        Action = action,
        EntityType = nameof(FeedbackItem),
        EntityId = feedbackItemId.ToString(CultureInfo.InvariantCulture),
        Detail = detail,
    };
}

/// <summary>Loading a feedback item for a triage action, and the rules every action shares.</summary>
public static class TriageRules
{
    public static readonly DomainResult NotFound = DomainResult.Refused("The feedback item was not found", "Item");

    public static Task<FeedbackItem?> LoadAsync(EngagementDbContext db, int id, CancellationToken cancellationToken) =>
        db.FeedbackItems.Include(f => f.Priorities).SingleOrDefaultAsync(f => f.Id == id, cancellationToken);

    /// <summary>Any triage action on a new item means someone is looking at it.</summary>
    public static void MarkLookedAt(FeedbackItem item)
    {
        if (item.State == FeedbackState.Received)
        {
            item.State = FeedbackState.BeingLookedAt;
        }
    }

    /// <summary>
    /// The tracking page state that matches an item's link: linked to a published entry, or still being looked at while
    /// the entry is a draft (or when it has been unlinked).
    /// </summary>
    public static FeedbackState LinkedState(bool entryIsPublished) =>
        entryIsPublished ? FeedbackState.LinkedToEntry : FeedbackState.BeingLookedAt;

    /// <summary>Why an item cannot be linked to an entry, or null when it can.</summary>
    public static string? CannotLinkReason(FeedbackItem item) => item switch
    {
        { CanBePublished: false } => $"{item.Reference} is a safeguarding concern and can never be published or linked to an entry",
        { Flag: FeedbackFlag.NotForPublication } => $"{item.Reference} is marked not for publication and cannot be linked to an entry",
        _ => null,
    };
}
