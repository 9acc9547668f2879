using System.Globalization;
using Engagement.Domain.Auditing;
using Engagement.Domain.Common;
using Engagement.Domain.Feedback;
using Engagement.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Features.Triage;

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

/// <summary>Loading the feedback item aggregate for a change: with its priorities and the entry it is linked to.</summary>
public static class FeedbackItemStore
{
    public static DomainResult NotFound { get; } = DomainResult.NotFound("The feedback item was not found");

    public static Task<FeedbackItem?> LoadAsync(this EngagementDbContext db, int id, CancellationToken cancellationToken) =>
        db.FeedbackItems.Include(f => f.Priorities).Include(f => f.ResponseEntry).SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
}
