using System.Collections.Concurrent;
using Engagement.Domain.Feedback;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Deadlines;
using Engagement.Web.Features.Publishing;

namespace Engagement.Web.Features.Triage;

/// <summary>
/// The inbox's quick-filter counts, held per instance for each combination of the other filters (section, channel,
/// priority, dates, search) and counted again only after a change (decision 0030, as decision 0026 does for the public
/// figures). They are exactly what a count from scratch gives while the <see cref="ChangeStamp"/> (a new value in the
/// same transaction as every save that touches a feedback item) and the due-date cutoffs (which move with the UK day and
/// week) are what they were counted at. "Assigned to me" is held per person under the same key. The stamp is read
/// before counting, so held counts are never older than their key. At most <see cref="MaximumFilters"/> combinations
/// are held between changes; others are counted every time.
/// </summary>
public sealed class InboxCounts(FirstResponsePromise promise)
{
    public const string Mine = "mine";

    /// <summary>How many filter combinations are held at once (a few numbers each); a change empties them all.</summary>
    public const int MaximumFilters = 200;

    private readonly HeldPerChange<Counts> held = new(MaximumFilters);

    /// <param name="filter">The other filters, in a canonical form: each combination has its own counts.</param>
    /// <param name="count">Counts one quick filter (by its key) from scratch, under those filters.</param>
    public async Task<IReadOnlyDictionary<string, int>> GetAsync(
        EngagementDbContext db, string filter, IEnumerable<string> keys, DateTime nowUtc, string userId, Func<string, Task<int>> count, CancellationToken cancellationToken)
    {
        var key = new Key(
            await ChangeStamp.ReadAsync(db, cancellationToken),
            promise.OverdueCutoffUtc(nowUtc),
            FirstResponseQueue.DueThisWeekEndUtc(promise, nowUtc));
        var counts = await held.GetAsync(key, filter, async () =>
        {
            var shared = new Dictionary<string, int>();
            foreach (var k in keys.Where(k => k != Mine))
            {
                shared[k] = await count(k);
            }

            return new Counts(shared, new());
        });

        if (!counts.Mine.TryGetValue(userId, out var mine))
        {
            mine = await count(Mine);
            counts.Mine[userId] = mine;
        }

        return new Dictionary<string, int>(counts.Shared) { [Mine] = mine };
    }

    private sealed record Key(Guid Stamp, DateTime OverdueCutoff, DateTime DueThisWeekEnd);

    private sealed record Counts(Dictionary<string, int> Shared, ConcurrentDictionary<string, int> Mine);
}
