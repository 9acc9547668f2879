using Engagement.Domain.Common;
using Engagement.Domain.Priorities;
using Engagement.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Features.Feedback;

public sealed record PriorityChoice(int Number, ServiceSection Section, string ShortTitle);

public sealed record EventChoice(int Id, string Title, DateTime StartsAt, Engagement.Domain.Events.EventKind Kind);

/// <summary>The live priorities and recent events a person can pick from (reads only).</summary>
public sealed class FeedbackChoices(EngagementDbContext db, TimeProvider clock)
{
    public Task<List<PriorityChoice>> PrioritiesAsync(CancellationToken cancellationToken = default) =>
        db.Priorities.AsNoTracking()
            .Where(p => p.IsLive)
            .OrderBy(p => p.Number)
            .Select(p => new PriorityChoice(p.Number, p.Section, p.ShortTitle))
            .ToListAsync(cancellationToken);

    /// <summary>Events in the last six months and the next week, newest first.</summary>
    public async Task<List<EventChoice>> RecentEventsAsync(int? include = null, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var from = now.AddMonths(-6);
        var to = now.AddDays(7);
        var events = await db.Events.AsNoTracking()
            .Where(e => (!e.IsCancelled && e.StartsAt >= from && e.StartsAt <= to) || e.Id == include)
            .Select(e => new EventChoice(e.Id, e.Title, e.StartsAt, e.Kind))
            .ToListAsync(cancellationToken);
        return events.OrderByDescending(e => e.StartsAt).ToList();
    }

    public static bool AreLive(IEnumerable<int> numbers, IEnumerable<PriorityChoice> live) =>
        PrioritySelection.Create(numbers, live.Select(p => p.Number).ToHashSet()).Succeeded;
}
