using Engagement.Domain.Calendar;

namespace Engagement.Domain.Feedback;

/// <summary>
/// "We aim to give a first response within N working days": the one place that turns the number of days (configuration)
/// and England's working days into due dates, days left and whether a first response was on time. What counts as a first
/// response is <see cref="FeedbackItem.RecordFirstResponse"/>.
/// </summary>
public sealed class FirstResponsePromise
{
    public FirstResponsePromise(WorkingDayCalendar calendar, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workingDays, 1);
        Calendar = calendar;
        WorkingDays = workingDays;
    }

    public WorkingDayCalendar Calendar { get; }

    public int WorkingDays { get; }

    /// <summary>The UK date by the end of which the first response is due: N working days after the UK date it arrived.</summary>
    public DateOnly DueDate(DateTime submittedAtUtc) =>
        Calendar.AddWorkingDays(WorkingDayCalendar.UkDate(submittedAtUtc), WorkingDays);

    /// <summary>Where an item without a first response stands today.</summary>
    public FirstResponseDeadline Deadline(DateTime submittedAtUtc, DateTime nowUtc)
    {
        var due = DueDate(submittedAtUtc);
        var today = WorkingDayCalendar.UkDate(nowUtc);
        return today <= due
            ? new FirstResponseDeadline(due, Calendar.WorkingDaysBetween(today, due), 0)
            : new FirstResponseDeadline(due, 0, Math.Max(1, Calendar.WorkingDaysBetween(due, today)));
    }

    /// <summary>A first response on or before the due date (UK dates) was on time.</summary>
    public bool WasOnTime(DateTime submittedAtUtc, DateTime firstRespondedAtUtc) =>
        WorkingDayCalendar.UkDate(firstRespondedAtUtc) <= DueDate(submittedAtUtc);

    /// <summary>
    /// Items submitted before this instant are due on or before <paramref name="date"/>; those at or after it are due later.
    /// Lets a query filter and sort by due date from the indexed submission time.
    /// </summary>
    public DateTime DueByCutoffUtc(DateOnly date) =>
        WorkingDayCalendar.UkStartOfDayUtc(Calendar.LatestStartDueBy(date, WorkingDays).AddDays(1));

    /// <summary>Items without a first response submitted before this instant are overdue now.</summary>
    public DateTime OverdueCutoffUtc(DateTime nowUtc) => DueByCutoffUtc(WorkingDayCalendar.UkDate(nowUtc).AddDays(-1));
}

/// <summary>The due date and either the working days left (zero: due today) or the working days overdue.</summary>
public sealed record FirstResponseDeadline(DateOnly Due, int WorkingDaysLeft, int WorkingDaysOverdue)
{
    public bool IsOverdue => WorkingDaysOverdue > 0;

    public string Describe() => IsOverdue
        ? $"Overdue by {WorkingDaysOverdue} working {(WorkingDaysOverdue == 1 ? "day" : "days")}"
        : WorkingDaysLeft == 0 ? "Due today" : $"{WorkingDaysLeft} working {(WorkingDaysLeft == 1 ? "day" : "days")} left";
}
