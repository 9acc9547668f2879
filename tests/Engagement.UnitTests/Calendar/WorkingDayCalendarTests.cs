using System.Text;
using Engagement.Domain.Calendar;
using Engagement.Domain.Feedback;

namespace Engagement.UnitTests.Calendar;

public sealed class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar England =
        BankHolidayData.Load(Path.Combine(AppContext.BaseDirectory, "seeds", BankHolidayData.FileName), 2026);

    private static readonly FirstResponsePromise TwentyDays = new(England, 20);

    private static DateOnly D(string date) => DateOnly.ParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static DateTime Utc(string instant) =>
        DateTime.SpecifyKind(DateTime.Parse(instant, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal), DateTimeKind.Utc);

    [Theory]
    [InlineData("2026-03-06", 1, "2026-03-09")] // Friday to Monday
    [InlineData("2026-03-07", 1, "2026-03-09")] // Saturday: the next working day is day one
    [InlineData("2026-03-08", 5, "2026-03-13")] // Sunday
    [InlineData("2026-03-02", 5, "2026-03-09")] // a whole week
    [InlineData("2026-03-02", 20, "2026-03-30")] // four weeks, no bank holiday
    [InlineData("2026-04-02", 1, "2026-04-07")] // Good Friday and Easter Monday 2026
    [InlineData("2026-03-23", 20, "2026-04-22")] // four weeks across Easter: two days later
    [InlineData("2026-05-22", 1, "2026-05-26")] // Spring bank holiday 25 May 2026
    [InlineData("2026-12-24", 1, "2026-12-29")] // Christmas 2026: Friday 25th and Monday 28th (Boxing Day substitute)
    [InlineData("2026-12-24", 4, "2027-01-04")] // New Year's Day 2027 is a Friday
    [InlineData("2026-12-24", 20, "2027-01-26")]
    [InlineData("2027-12-24", 1, "2027-12-29")] // Christmas 2027 falls at a weekend: substitutes on 27th and 28th
    [InlineData("2027-12-31", 1, "2028-01-04")] // New Year's Day 2028 is a Saturday: substitute Monday 3 January
    [InlineData("2026-03-06", 0, "2026-03-06")]
    public void Adds_working_days_skipping_weekends_and_bank_holidays(string start, int days, string expected) =>
        Assert.Equal(D(expected), England.AddWorkingDays(D(start), days));

    [Theory]
    [InlineData("2026-03-06", "2026-03-09", 1)]
    [InlineData("2026-03-09", "2026-03-06", -1)]
    [InlineData("2026-03-07", "2026-03-08", 0)]
    [InlineData("2026-12-24", "2027-01-04", 4)]
    [InlineData("2026-03-06", "2026-03-06", 0)]
    public void Counts_working_days_between_dates(string from, string to, int expected) =>
        Assert.Equal(expected, England.WorkingDaysBetween(D(from), D(to)));

    [Theory]
    // Thursday 11 June 2026, British Summer Time: 22:59 UTC is 23:59 Thursday in the UK, 23:30 UTC is 00:30 Friday.
    [InlineData("2026-06-11T22:59:00Z", "2026-07-09")]
    [InlineData("2026-06-11T23:30:00Z", "2026-07-10")]
    // Late on a Friday in summer: 23:30 UTC Friday is Saturday in the UK, due the same day as anything on the Friday.
    [InlineData("2026-06-12T22:30:00Z", "2026-07-10")]
    [InlineData("2026-06-12T23:30:00Z", "2026-07-10")]
    // Thursday 5 November 2026, Greenwich Mean Time: 23:30 UTC is still Thursday.
    [InlineData("2026-11-05T23:30:00Z", "2026-12-03")]
    // The clocks go forward at 01:00 UTC on Sunday 29 March 2026 and back at 01:00 UTC on Sunday 25 October 2026.
    [InlineData("2026-03-27T23:30:00Z", "2026-04-28")] // Friday evening (GMT): Friday, then Easter
    [InlineData("2026-10-23T23:30:00Z", "2026-11-20")] // Friday 23:30 UTC in BST is Saturday in the UK
    [InlineData("2026-10-23T22:59:00Z", "2026-11-20")] // still Friday in the UK: same due date as the Saturday
    [InlineData("2026-10-22T22:59:00Z", "2026-11-19")] // Thursday 23:59 in the UK
    [InlineData("2026-10-22T23:30:00Z", "2026-11-20")] // Thursday 23:30 UTC in BST is Friday in the UK: a day later
    public void Due_date_counts_from_the_UK_date_it_arrived(string submittedAt, string due) =>
        Assert.Equal(D(due), TwentyDays.DueDate(Utc(submittedAt)));

    [Fact]
    public void Deadline_counts_working_days_left_and_overdue_in_UK_time()
    {
        var submitted = Utc("2026-06-11T22:59:00Z"); // due Thursday 9 July 2026
        Assert.Equal(new FirstResponseDeadline(D("2026-07-09"), 20, 0), TwentyDays.Deadline(submitted, submitted));
        Assert.Equal("1 working day left", TwentyDays.Deadline(submitted, Utc("2026-07-08T12:00:00Z")).Describe());
        Assert.Equal("Due today", TwentyDays.Deadline(submitted, Utc("2026-07-09T22:59:00Z")).Describe());

        // 23:30 UTC on the Thursday is already Friday in the UK: overdue.
        var friday = TwentyDays.Deadline(submitted, Utc("2026-07-09T23:30:00Z"));
        Assert.True(friday.IsOverdue);
        Assert.Equal("Overdue by 1 working day", friday.Describe());

        // The weekend after the due date is overdue too, and Tuesday is three working days late.
        Assert.True(TwentyDays.Deadline(submitted, Utc("2026-07-11T12:00:00Z")).IsOverdue);
        Assert.Equal(3, TwentyDays.Deadline(submitted, Utc("2026-07-14T12:00:00Z")).WorkingDaysOverdue);
    }

    [Fact]
    public void On_time_means_a_first_response_on_or_before_the_UK_due_date()
    {
        var submitted = Utc("2026-06-11T22:59:00Z"); // due 9 July 2026
        Assert.True(TwentyDays.WasOnTime(submitted, Utc("2026-07-09T22:59:00Z")));
        Assert.False(TwentyDays.WasOnTime(submitted, Utc("2026-07-09T23:00:00Z"))); // midnight in the UK
    }

    [Fact]
    public void Due_by_cutoff_agrees_with_the_due_date_of_every_day_from_2024_to_2028()
    {
        foreach (var days in new[] { 1, 5, 20 })
        {
            var promise = new FirstResponsePromise(England, days);
            for (var date = D("2024-01-01"); date <= D("2028-10-31"); date = date.AddDays(1))
            {
                var latest = England.LatestStartDueBy(date, days);
                Assert.True(England.AddWorkingDays(latest, days) <= date, $"{days} days from {latest} is after {date}");
                Assert.True(England.AddWorkingDays(latest.AddDays(1), days) > date, $"{days} days from {latest.AddDays(1)} is not after {date}");

                // The instant version: items submitted just before the cutoff are due by the date, at it are not.
                var cutoff = promise.DueByCutoffUtc(date);
                Assert.True(promise.DueDate(cutoff.AddSeconds(-1)) <= date);
                Assert.True(promise.DueDate(cutoff) > date);
            }
        }
    }

    [Fact]
    public void Overdue_cutoff_is_the_first_instant_not_yet_overdue()
    {
        var now = Utc("2026-07-09T23:30:00Z"); // Friday 10 July in the UK
        var cutoff = TwentyDays.OverdueCutoffUtc(now);
        Assert.True(TwentyDays.Deadline(cutoff.AddSeconds(-1), now).IsOverdue);
        Assert.False(TwentyDays.Deadline(cutoff, now).IsOverdue);
    }

    [Fact]
    public void The_bank_holiday_data_agrees_with_the_rules_for_every_year_it_covers()
    {
        foreach (var year in new[] { 2024, 2025, 2026, 2027, 2028 })
        {
            Assert.True(England.Covers(year));
            var easter = EasterSunday(year);
            Assert.True(England.IsBankHoliday(easter.AddDays(-2)), $"Good Friday {year}");
            Assert.True(England.IsBankHoliday(easter.AddDays(1)), $"Easter Monday {year}");
            Assert.True(England.IsBankHoliday(FirstMonday(year, 5)), $"Early May {year}");
            Assert.True(England.IsBankHoliday(LastMonday(year, 5)), $"Spring {year}");
            Assert.True(England.IsBankHoliday(LastMonday(year, 8)), $"Summer {year}");
            Assert.True(England.IsBankHoliday(OnOrNextWeekday(new DateOnly(year, 1, 1))), $"New Year {year}");
            var christmas = OnOrNextWeekday(new DateOnly(year, 12, 25));
            Assert.True(England.IsBankHoliday(christmas), $"Christmas {year}");
            Assert.True(England.IsBankHoliday(OnOrNextWeekday(christmas.AddDays(1))), $"Boxing Day {year}");
        }

        // Every bank holiday in the data is a weekday (substitute days move off weekends).
        for (var date = D("2023-01-01"); date <= D("2028-12-31"); date = date.AddDays(1))
        {
            if (England.IsBankHoliday(date))
            {
                Assert.False(date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday, $"{date} is at a weekend");
            }
        }
    }

    [Fact]
    public void Start_up_refuses_bank_holiday_data_without_the_current_year()
    {
        var json = """{"division":"england-and-wales","events":[{"title":"Christmas Day","date":"2026-12-25"}]}""";
        var error = Assert.Throws<InvalidOperationException>(() => BankHolidayData.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json)), 2027));
        Assert.Contains("no bank holidays for 2027", error.Message, StringComparison.Ordinal);
        Assert.Contains("gov.uk/bank-holidays", error.Message, StringComparison.Ordinal);
        Assert.True(BankHolidayData.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json)), 2026).IsBankHoliday(D("2026-12-25")));
    }

    [Fact]
    public void A_promise_of_no_working_days_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new FirstResponsePromise(England, 0));

    /// <summary>Anonymous Gregorian algorithm (Meeus/Jones/Butcher): an independent check of the Easter dates.</summary>
    private static DateOnly EasterSunday(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
        int h = ((19 * a) + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        int m = (a + (11 * h) + (22 * l)) / 451, month = (h + l - (7 * m) + 114) / 31, day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    private static DateOnly FirstMonday(int year, int month)
    {
        var date = new DateOnly(year, month, 1);
        while (date.DayOfWeek != DayOfWeek.Monday)
        {
            date = date.AddDays(1);
        }

        return date;
    }

    private static DateOnly LastMonday(int year, int month)
    {
        var date = new DateOnly(year, month, 1).AddMonths(1).AddDays(-1);
        while (date.DayOfWeek != DayOfWeek.Monday)
        {
            date = date.AddDays(-1);
        }

        return date;
    }

    private static DateOnly OnOrNextWeekday(DateOnly date)
    {
        while (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            date = date.AddDays(1);
        }

        return date;
    }
}
