using Engagement.Domain.Feedback;
using Engagement.Infrastructure.Data;
using Engagement.Web.Features.Deadlines;

namespace Engagement.Web.Features.PublicLog;

/// <summary>The figures of <c>/insights</c>, and the on-time share of a priority page.</summary>
public sealed record InsightsSnapshot(InsightFigures Figures, IReadOnlyList<OnTimeQuarter> OnTime);

internal sealed record PriorityOnTime(IReadOnlyList<OnTimeQuarter> OnTime);

/// <summary>The keys of what <see cref="InsightsAggregateStore"/> holds, in one place so that no two collide.</summary>
public static class HeldKey
{
    /// <summary>The figures of <c>/insights</c>.</summary>
    public const int Insights = 0;

    /// <summary>The on-time share of the feedback linked to one priority.</summary>
    public static int PriorityOnTime(int number) => -number;

    /// <summary>The public log's facet cells for one kind of entry, without date or word filters.</summary>
    public static int LogCells(int kind) => 1_000_000 + kind;

    /// <summary>The figures at the top of a priority's page.</summary>
    public static int PriorityFigures(int number) => 2_000_000 + number;
}

/// <summary>
/// The public figures, counted from scratch at most once per change (decision 0026). Each request reads one row, the
/// <see cref="ChangeStamp"/>, and the overdue cutoff (which moves once a UK day): while both are what the last count saw,
/// nothing counted has changed and the held figures are exactly what a new count would give. Otherwise one request per
/// instance counts again (the others wait for it). Held in this process only; the stamp it is keyed by is in the database,
/// so every instance sees every change.
/// </summary>
public sealed class InsightsAggregateStore
{
    private readonly SemaphoreSlim _counting = new(1, 1);
    private readonly Dictionary<int, (Guid Stamp, DateTime Cutoff, object Value)> _held = [];
    private readonly Lock _lock = new();

    /// <summary>How many times the figures were counted from scratch (for tests and logs).</summary>
    public int Counts { get; private set; }

    public async Task<T> GetAsync<T>(int key, Guid stamp, DateTime cutoff, Func<CancellationToken, Task<T>> count, CancellationToken cancellationToken)
        where T : class
    {
        if (TryGet<T>(key, stamp, cutoff) is { } held)
        {
            return held;
        }

        await _counting.WaitAsync(cancellationToken);
        try
        {
            if (TryGet<T>(key, stamp, cutoff) is { } counted)
            {
                return counted;
            }

            var value = await count(cancellationToken);
            lock (_lock)
            {
                _held[key] = (stamp, cutoff, value);
                Counts++;
            }

            return value;
        }
        finally
        {
            _counting.Release();
        }
    }

    private T? TryGet<T>(int key, Guid stamp, DateTime cutoff)
        where T : class
    {
        lock (_lock)
        {
            return _held.TryGetValue(key, out var held) && held.Stamp == stamp && held.Cutoff == cutoff ? held.Value as T : null;
        }
    }
}

/// <summary>Reads the public figures through <see cref="InsightsAggregateStore"/>.</summary>
public sealed class InsightsAggregate(EngagementDbContext db, PublicLogQuery query, OnTimeShare onTime, FirstResponsePromise promise, TimeProvider clock, InsightsAggregateStore store)
{
    /// <summary>Everything <c>/insights</c> draws.</summary>
    public async Task<InsightsSnapshot> InsightsAsync(CancellationToken cancellationToken)
    {
        // The stamp first: figures counted after reading it are at least as new as it.
        var stamp = await ChangeStamp.ReadAsync(db, cancellationToken);
        var cutoff = promise.OverdueCutoffUtc(clock.GetUtcNow().UtcDateTime);
        return await store.GetAsync(HeldKey.Insights, stamp, cutoff, async token =>
            new InsightsSnapshot(await query.InsightsAsync(token), await onTime.ByQuarterAsync(null, cutoff, token)), cancellationToken);
    }

    /// <summary>The on-time share of the feedback linked to one priority.</summary>
    public async Task<IReadOnlyList<OnTimeQuarter>> OnTimeForPriorityAsync(int priority, CancellationToken cancellationToken)
    {
        var stamp = await ChangeStamp.ReadAsync(db, cancellationToken);
        var cutoff = promise.OverdueCutoffUtc(clock.GetUtcNow().UtcDateTime);
        var held = await store.GetAsync(HeldKey.PriorityOnTime(priority), stamp, cutoff, async token =>
            new PriorityOnTime(await onTime.ByQuarterAsync(priority, cutoff, token)), cancellationToken);
        return held.OnTime;
    }
}
