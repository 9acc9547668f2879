using Engagement.Domain.Feedback;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Engagement.Infrastructure.Data;

/// <summary>
/// The inbox's first sort key as a stored column: 1 for an item with a possible safeguarding signal or flagged as a
/// safeguarding concern (always at the top), 0 otherwise. The inbox orders by (InboxRank desc, SubmittedAt desc, Id desc)
/// over the (IsQuarantined, InboxRank, SubmittedAt) index and pages by that key, where the expression it replaces could
/// be served by no index. Derived from the item, by <see cref="EngagementDbContext"/> on every save that adds or changes one.
/// </summary>
public static class InboxRank
{
    /// <summary>The shadow property (and column) on FeedbackItems.</summary>
    public const string Property = "InboxRank";

    /// <summary>Waiting items (no first response) in the inbox's order: the "Overdue" list (partial index).</summary>
    public const string WaitingInOrderIndex = "IX_FeedbackItems_Waiting_InOrder";

    /// <summary>Waiting items by arrival: "Due this week", the overdue and due counts, the due-date order (partial index).</summary>
    public const string WaitingByArrivalIndex = "IX_FeedbackItems_Waiting_ByArrival";

    /// <summary>Answered items by arrival: the due-date order after every waiting item (partial index).</summary>
    public const string AnsweredByArrivalIndex = "IX_FeedbackItems_Answered_ByArrival";

    public static int Of(bool possibleSafeguarding, FeedbackFlag flag) =>
        possibleSafeguarding || flag == FeedbackFlag.SafeguardingConcern ? 1 : 0;

    internal static void Update(ChangeTracker tracker)
    {
        foreach (var entry in tracker.Entries<FeedbackItem>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                var rank = entry.Property<int>(Property);
                var value = Of(entry.Entity.PossibleSafeguarding, entry.Entity.Flag);
                if (rank.CurrentValue != value)
                {
                    rank.CurrentValue = value;
                }
            }
        }
    }
}
