using Engagement.Domain.Events;

namespace Engagement.Domain.Calendar;

/// <summary>
/// Working days in England: Monday to Friday except the bank holidays of England and Wales (seeds/bank-holidays-england.json).
/// Dates are UK calendar dates (Europe/London), so an item that arrives at 23:30 UTC on a summer Thursday arrived on Friday.
/// </summary>
public sealed class WorkingDayCalendar
{
    private readonly HashSet<DateOnly> _holidays;

    public WorkingDayCalendar(IEnumerable<DateOnly> bankHolidays)
    {
        _holidays = [.. bankHolidays];
        CoveredYears = _holidays.Select(d => d.Year).Distinct().Order().ToList();
    }

    /// <summary>The years that have bank holidays in the data (every year in England has at least one).</summary>
    public IReadOnlyList<int> CoveredYears { get; }

    public bool Covers(int year) => CoveredYears.Contains(year);

    public bool IsBankHoliday(DateOnly date) => _holidays.Contains(date);

    public bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(date);

    /// <summary>The UK calendar date of a UTC instant.</summary>
    public static DateOnly UkDate(DateTime utc) => DateOnly.FromDateTime(UkTime.FromUtc(utc));

    /// <summary>The UTC instant at which a UK calendar date begins (midnight local time).</summary>
    public static DateTime UkStartOfDayUtc(DateOnly date) =>
        TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), UkTime.Zone);

    /// <summary>
    /// The <paramref name="days"/>th working day after <paramref name="start"/> (the start date itself never counts, whether
    /// or not it is a working day). Zero days is the start date.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var date = start;
        while (days > 0)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date))
            {
                days--;
            }
        }

        return date;
    }

    /// <summary>
    /// Working days after <paramref name="from"/> up to and including <paramref name="to"/>; negative when
    /// <paramref name="to"/> is earlier (the working days after <paramref name="to"/> up to and including <paramref name="from"/>).
    /// </summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return -WorkingDaysBetween(to, from);
        }

        var count = 0;
        for (var date = from.AddDays(1); date <= to; date = date.AddDays(1))
        {
            if (IsWorkingDay(date))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// The latest start date whose <see cref="AddWorkingDays"/> of <paramref name="days"/> falls on or before
    /// <paramref name="date"/>. Because the due date never moves backwards as the start moves forwards, "due on or before
    /// a date" is "started on or before this date", which a database can answer from an index.
    /// </summary>
    public DateOnly LatestStartDueBy(DateOnly date, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        if (days == 0)
        {
            return date;
        }

        // Walk back to the days-th working day on or before the date; anything started before it is due by the date.
        var day = date;
        var remaining = days;
        while (true)
        {
            if (IsWorkingDay(day) && --remaining == 0)
            {
                return day.AddDays(-1);
            }

            day = day.AddDays(-1);
        }
    }
}
