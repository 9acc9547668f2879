using Engagement.Domain.Calendar;
using Engagement.Domain.Feedback;
using Engagement.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Infrastructure.Deadlines;

/// <summary>
/// Which inbox items are waiting for a first response, overdue or due this week. Every filter is a cutoff on the indexed
/// submission time worked out by <see cref="FirstResponsePromise"/> (the due date never moves backwards as the arrival
/// moves forwards), so nothing derived is stored and a change to the number of days applies at once.
/// </summary>
public static class FirstResponseQueue
{
    /// <summary>Items in the inbox (not quarantined) with no first response yet.</summary>
    public static IQueryable<FeedbackItem> Waiting(this IQueryable<FeedbackItem> items) =>
        items.Where(f => f.FirstRespondedAt == null && !f.IsQuarantined);

    public static IQueryable<FeedbackItem> Overdue(this IQueryable<FeedbackItem> items, FirstResponsePromise promise, DateTime nowUtc)
    {
        var cutoff = promise.OverdueCutoffUtc(nowUtc);
        return items.Waiting().Where(f => f.SubmittedAt < cutoff);
    }

    /// <summary>Due from today to the Sunday of this UK week, not yet overdue.</summary>
    public static IQueryable<FeedbackItem> DueThisWeek(this IQueryable<FeedbackItem> items, FirstResponsePromise promise, DateTime nowUtc)
    {
        var overdue = promise.OverdueCutoffUtc(nowUtc);
        var end = DueThisWeekEndUtc(promise, nowUtc);
        return items.Waiting().Where(f => f.SubmittedAt >= overdue && f.SubmittedAt < end);
    }

    /// <summary>Items that arrived before this moment fall due by the end of this UK week.</summary>
    public static DateTime DueThisWeekEndUtc(FirstResponsePromise promise, DateTime nowUtc) =>
        promise.DueByCutoffUtc(EndOfWeek(WorkingDayCalendar.UkDate(nowUtc)));

    /// <summary>The Sunday that ends the UK week (Monday to Sunday) holding the date.</summary>
    public static DateOnly EndOfWeek(DateOnly date) => date.AddDays((7 - (int)date.DayOfWeek) % 7);

    public static async Task<(int Overdue, int DueThisWeek)> CountsAsync(EngagementDbContext db, FirstResponsePromise promise, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var items = db.FeedbackItems.AsNoTracking();
        return (await items.Overdue(promise, nowUtc).CountAsync(cancellationToken),
            await items.DueThisWeek(promise, nowUtc).CountAsync(cancellationToken));
    }
}
