using Engagement.Domain.Responses;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Engagement.Infrastructure.Data;

/// <summary>
/// A published entry's priorities as bits of one integer column (bit n for priority n), stored beside the status and
/// section so that the public log's counts by status, section and priority come from one pass over one covering index
/// instead of a join over every priority link. The link rows stay the record (and the filter); this is derived from
/// them, by <see cref="EngagementDbContext"/> on every save that touches an entry's priorities.
/// </summary>
public static class PriorityMask
{
    /// <summary>The shadow property (and column) on ResponseEntries.</summary>
    public const string Property = "PriorityMask";

    /// <summary>Priorities numbered above this are not in the mask; the counts then fall back to the links.</summary>
    public const int MaxNumber = 62;

    public static long Of(IEnumerable<int> numbers) =>
        numbers.Where(n => n is >= 1 and <= MaxNumber).Aggregate(0L, (mask, n) => mask | (1L << n));

    public static bool Has(long mask, int number) => number is >= 1 and <= MaxNumber && (mask & (1L << number)) != 0;

    /// <summary>Sets the mask of every tracked entry whose priorities are known and may have changed.</summary>
    internal static void Update(ChangeTracker tracker)
    {
        var touched = tracker.Entries<ResponseEntryPriority>()
            .Where(l => l.State is EntityState.Added or EntityState.Deleted or EntityState.Modified)
            .Select(l => l.Entity.ResponseEntryId)
            .ToHashSet();
        foreach (var entry in tracker.Entries<ResponseEntry>())
        {
            var priorities = entry.Collection(e => e.Priorities);
            if (entry.State == EntityState.Added || priorities.IsLoaded || touched.Contains(entry.Entity.Id))
            {
                var mask = entry.Property<long>(Property);
                var value = Of(entry.Entity.Priorities.Select(p => p.PriorityNumber));
                if (mask.CurrentValue != value)
                {
                    mask.CurrentValue = value;
                }
            }
        }
    }
}
