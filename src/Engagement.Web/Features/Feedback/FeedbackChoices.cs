using Engagement.Domain.Common;
using Engagement.Domain.Priorities;
using Engagement.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Features.Feedback;

public sealed record PriorityChoice(int Number, ServiceSection Section, string ShortTitle);

public sealed record EventChoice(int Id, string Title, DateTime StartsAt, Engagement.Domain.Events.EventKind Kind);

/// <summary>
/// The live priorities and recent events a person can pick from (reads only), from the copy
/// <see cref="FeedbackChoicesStore"/> holds: each call reads one row, the <see cref="ChangeStamp.FeedbackChoices"/> stamp,
/// instead of both lists (decision 0029).
/// </summary>
public sealed class FeedbackChoices(EngagementDbContext db, TimeProvider clock, FeedbackChoicesStore store)
{
    private FeedbackChoicesStore.Held? _held;

    /// <summary>How far back events are offered.</summary>
    public const int MonthsBack = 6;

    /// <summary>How far ahead events are offered.</summary>
    public static readonly TimeSpan Ahead = TimeSpan.FromDays(7);

    public async Task<List<PriorityChoice>> PrioritiesAsync(CancellationToken cancellationToken = default) =>
        [.. (await HeldAsync(cancellationToken)).Priorities];

    /// <summary>Events in the last six months and the next week, newest first (and <paramref name="include"/>, whatever its date or state).</summary>
    public async Task<List<EventChoice>> RecentEventsAsync(int? include = null, CancellationToken cancellationToken = default)
    {
        var held = await HeldAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var from = now.AddMonths(-MonthsBack);
        var to = now + Ahead;
        var events = held.Events.Where(e => e.StartsAt >= from && e.StartsAt <= to).ToList();
        if (include is { } id && events.All(e => e.Id != id) &&
            await db.Events.AsNoTracking().Where(e => e.Id == id).Select(e => new EventChoice(e.Id, e.Title, e.StartsAt, e.Kind)).FirstOrDefaultAsync(cancellationToken) is { } chosen)
        {
            events.Add(chosen);
        }

        return [.. events.OrderByDescending(e => e.StartsAt).ThenBy(e => e.Id)];
    }

    public static bool AreLive(IEnumerable<int> numbers, IEnumerable<PriorityChoice> live) =>
        PrioritySelection.Create(numbers, live.Select(p => p.Number).ToHashSet()).Succeeded;

    /// <summary>The copy this request uses: the stamp is read once per request (this class is scoped), both lists agree.</summary>
    private async Task<FeedbackChoicesStore.Held> HeldAsync(CancellationToken cancellationToken)
    {
        if (_held is { } held)
        {
            return held;
        }

        // The stamp first: lists read after it are at least as new as it.
        var stamp = await ChangeStamp.ReadAsync(db, cancellationToken, ChangeStamp.FeedbackChoices);
        var now = clock.GetUtcNow().UtcDateTime;
        return _held = store.Get(stamp, now) ?? store.Keep(await LoadAsync(stamp, now, cancellationToken));
    }

    private async Task<FeedbackChoicesStore.Held> LoadAsync(Guid stamp, DateTime now, CancellationToken cancellationToken)
    {
        var priorities = await db.Priorities.AsNoTracking()
            .Where(p => p.IsLive)
            .OrderBy(p => p.Number)
            .Select(p => new PriorityChoice(p.Number, p.Section, p.ShortTitle))
            .ToListAsync(cancellationToken);

        // Every event that can fall in the window while this copy is held: from six months before now to a week after
        // the copy's last moment.
        var from = now.AddMonths(-MonthsBack);
        var to = now + Ahead + FeedbackChoicesStore.HoldFor;
        var events = await db.Events.AsNoTracking()
            .Where(e => !e.IsCancelled && e.StartsAt >= from && e.StartsAt <= to)
            .Select(e => new EventChoice(e.Id, e.Title, e.StartsAt, e.Kind))
            .ToListAsync(cancellationToken);
        return new FeedbackChoicesStore.Held(stamp, now, priorities, events);
    }
}

/// <summary>
/// The feedback form's priorities and events, held in this process between changes. A held copy is served while the
/// <see cref="ChangeStamp.FeedbackChoices"/> stamp (in the database, so every instance sees every change) still reads what
/// it read before loading, and for at most <see cref="HoldFor"/> (its events reach that far past the week ahead).
/// </summary>
public sealed class FeedbackChoicesStore
{
    public static readonly TimeSpan HoldFor = TimeSpan.FromHours(1);

    private Held? _held;
    private int _loads;

    /// <summary>How many times the lists were read from the database (for tests).</summary>
    public int Loads => Volatile.Read(ref _loads);

    public sealed record Held(Guid Stamp, DateTime LoadedAt, IReadOnlyList<PriorityChoice> Priorities, IReadOnlyList<EventChoice> Events);

    public Held? Get(Guid stamp, DateTime now) =>
        Volatile.Read(ref _held) is { } held && held.Stamp == stamp && now >= held.LoadedAt && now < held.LoadedAt + HoldFor ? held : null;

    public Held Keep(Held held)
    {
        Volatile.Write(ref _held, held);
        Interlocked.Increment(ref _loads);
        return held;
    }
}
