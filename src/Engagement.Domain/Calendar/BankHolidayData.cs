using System.Globalization;
using System.Text.Json;

namespace Engagement.Domain.Calendar;

/// <summary>
/// Reads seeds/bank-holidays-england.json (the shape of gov.uk/bank-holidays.json for England and Wales: events with a
/// title and a yyyy-MM-dd date) into a <see cref="WorkingDayCalendar"/>. Updating the dates needs no code.
/// </summary>
public static class BankHolidayData
{
    public const string FileName = "bank-holidays-england.json";

    public static WorkingDayCalendar Load(string path, int currentYear)
    {
        using var stream = File.OpenRead(path);
        return Parse(stream, currentYear, path);
    }

    public static WorkingDayCalendar Parse(Stream json, int currentYear, string source = FileName)
    {
        using var document = JsonDocument.Parse(json);
        var dates = new List<DateOnly>();
        foreach (var item in document.RootElement.GetProperty("events").EnumerateArray())
        {
            var text = item.GetProperty("date").GetString();
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw new InvalidOperationException($"{source}: \"{text}\" is not a date like 2026-12-25.");
            }

            dates.Add(date);
        }

        var calendar = new WorkingDayCalendar(dates);
        if (!calendar.Covers(currentYear))
        {
            throw new InvalidOperationException(
                $"{source} has no bank holidays for {currentYear}, so working days (and first-response due dates) cannot be worked out. " +
                $"Add {currentYear}'s dates from https://www.gov.uk/bank-holidays.json (England and Wales) and restart.");
        }

        return calendar;
    }
}
