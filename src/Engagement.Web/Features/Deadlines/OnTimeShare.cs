using Engagement.Domain.Calendar;
using Engagement.Domain.Feedback;
using Engagement.Infrastructure.Data;
using Engagement.Web.Features.PublicLog;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Features.Deadlines;

/// <summary>
/// The share of feedback that had its first response within the promised working days, by the UK quarter it arrived in.
/// Counted: every item in the inbox (not quarantined) whose outcome is known, that is, it has had a first response, or
/// its due date has passed without one (late). Items still inside their window with no response yet are not counted
/// (they may still be on time). On time: the UK date of the first response is on or before the due date.
/// </summary>
public sealed class OnTimeShare(EngagementDbContext db, FirstResponsePromise promise, TimeProvider clock)
{
    public int WorkingDays => promise.WorkingDays;

    /// <summary>By quarter, oldest first, for all feedback or (with <paramref name="priority"/>) feedback linked to one priority.</summary>
    public Task<IReadOnlyList<OnTimeQuarter>> ByQuarterAsync(int? priority, CancellationToken cancellationToken) =>
        ByQuarterAsync(priority, promise.OverdueCutoffUtc(clock.GetUtcNow().UtcDateTime), cancellationToken);

    /// <summary>As above, with items submitted at or after <paramref name="undecidedFrom"/> (the overdue cutoff) not yet judged unless answered.</summary>
    public async Task<IReadOnlyList<OnTimeQuarter>> ByQuarterAsync(int? priority, DateTime undecidedFrom, CancellationToken cancellationToken)
    {
        // For a priority, start from its index and join each item by key, rather than scan every item.
        var items = (priority is { } number
                ? db.FeedbackItemPriorities.AsNoTracking().Where(p => p.PriorityNumber == number)
                    .Join(db.FeedbackItems.AsNoTracking(), p => p.FeedbackItemId, f => f.Id, (_, f) => f)
                : db.FeedbackItems.AsNoTracking())
            .Where(f => !f.IsQuarantined);

        // Items not yet due and not answered cannot be judged yet: leave them in the database.
        var rows = items.Where(f => f.FirstRespondedAt != null || f.SubmittedAt < undecidedFrom)
            .Select(f => new { f.SubmittedAt, f.FirstRespondedAt })
            .AsAsyncEnumerable();
        var counts = new Dictionary<Quarter, (int OnTime, int Counted)>();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            var arrived = WorkingDayCalendar.UkDate(row.SubmittedAt);
            var quarter = Quarter.Of(arrived.Year, arrived.Month);
            var onTime = row.FirstRespondedAt is { } responded && promise.WasOnTime(row.SubmittedAt, responded);
            var (good, all) = counts.GetValueOrDefault(quarter);
            counts[quarter] = (good + (onTime ? 1 : 0), all + 1);
        }

        return counts.OrderBy(c => c.Key).Select(c => new OnTimeQuarter(c.Key, c.Value.OnTime, c.Value.Counted)).ToList();
    }
}

/// <summary>What the on-time partial draws: a chart of the share by quarter and a table with the counts.</summary>
public sealed record OnTimeShareView(string Id, int WorkingDays, IReadOnlyList<OnTimeQuarter> Quarters, string Scope)
{
    public Pages.Insights.BarChart Chart => new(
        Id,
        $"First response within {WorkingDays} working days, by quarter",
        $"Bar chart of the share of {Scope} that had a first response within {WorkingDays} working days, by the quarter it arrived in. The counts are in the table below.",
        ["On time"],
        Quarters.Select(q => new Pages.Insights.BarChartRow(q.Quarter.ToString(), [q.Percent])).ToList(),
        "0",
        "%",
        100);
}

public sealed record OnTimeQuarter(Quarter Quarter, int OnTime, int Counted)
{
    public double Share => Counted == 0 ? 0 : (double)OnTime / Counted;

    /// <summary>A whole percentage, as shown in the chart and the table (rounded half away from zero).</summary>
    public int Percent => (int)Math.Round(Share * 100, MidpointRounding.AwayFromZero);
}
