using Engagement.Domain.Common;

namespace Engagement.Domain.Privacy;

/// <summary>
/// A safeguarding hold on one feedback item: while it is active (not released) neither the retention job nor an
/// erasure removes anything from the item. Placing and releasing are recorded decisions (who and when); the reason is
/// kept in the safeguarding team's own records, never here, so the hold holds no personal data.
/// </summary>
public sealed class RetentionHold
{
    public int Id { get; private set; }
    public int FeedbackItemId { get; private set; }
    public DateTime PlacedAt { get; private set; }
    public string PlacedByUserId { get; private set; } = "";
    public DateTime? ReleasedAt { get; private set; }
    public string? ReleasedByUserId { get; private set; }

    public bool IsActive => ReleasedAt is null;

    public static RetentionHold Place(int feedbackItemId, string userId, DateTime at) =>
        new() { FeedbackItemId = feedbackItemId, PlacedByUserId = userId, PlacedAt = at };

    public DomainResult Release(string userId, DateTime at)
    {
        if (!IsActive)
        {
            return DomainResult.Refused("This hold has already been released.");
        }

        ReleasedAt = at;
        ReleasedByUserId = userId;
        return DomainResult.Ok;
    }
}
