using Engagement.Domain.Feedback;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Deadlines;

namespace Engagement.Web.Features.Triage;

/// <summary>
/// The inbox's quick-filter counts without other filters, held per instance and counted again only after a change
/// (decision 0030, as decision 0026 does for the public figures). They are exactly what a count from scratch gives
/// while the <see cref="ChangeStamp"/> (a new value in the same transaction as every save that touches a feedback item)
/// and the due-date cutoffs (which move with the UK day and week) are what they were counted at. "Assigned to me" is
/// held per person under the same key. The stamp is read before counting, so held counts are never older than their
/// key. With a section, channel, priority, date or search filter the page counts every time.
/// </summary>
public sealed class InboxCounts(FirstResponsePromise promise)
{
    public const string Mine = "mine";

    private Held? held;

    /// <param name="count">Counts one quick filter (by its key) from scratch.</param>
    public async Task<IReadOnlyDictionary<string, int>> GetAsync(
        EngagementDbContext db, IEnumerable<string> keys, DateTime nowUtc, string userId, Func<string, Task<int>> count, CancellationToken cancellationToken)
    {
        var key = new Key(
            await ChangeStamp.ReadAsync(db, cancellationToken),
            promise.OverdueCutoffUtc(nowUtc),
            FirstResponseQueue.DueThisWeekEndUtc(promise, nowUtc));
        var current = held;
        if (current is null || current.Key != key)
        {
            var shared = new Dictionary<string, int>();
            foreach (var k in keys.Where(k => k != Mine))
            {
                shared[k] = await count(k);
            }

            current = new Held(key, shared, new());
            held = current;
        }

        if (!current.Mine.TryGetValue(userId, out var mine))
        {
            mine = await count(Mine);
            current.Mine[userId] = mine;
        }

        return new Dictionary<string, int>(current.Shared) { [Mine] = mine };
    }

    private sealed record Key(Guid Stamp, DateTime OverdueCutoff, DateTime DueThisWeekEnd);

    private sealed record Held(Key Key, Dictionary<string, int> Shared, System.Collections.Concurrent.ConcurrentDictionary<string, int> Mine);
}
