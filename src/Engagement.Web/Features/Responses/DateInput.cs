using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Engagement.Web.Features.Responses;

/// <summary>
/// The GOV.UK date input: day, month and year as typed. <see cref="TryRead"/> turns it into a date or adds the GOV.UK
/// error message for what is wrong.
/// </summary>
public sealed class DateInput
{
    public string? Day { get; set; }
    public string? Month { get; set; }
    public string? Year { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Day) && string.IsNullOrWhiteSpace(Month) && string.IsNullOrWhiteSpace(Year);

    public static DateInput From(DateOnly? date) => date is { } d
        ? new DateInput
        {
            Day = d.Day.ToString(CultureInfo.InvariantCulture),
            Month = d.Month.ToString(CultureInfo.InvariantCulture),
            Year = d.Year.ToString(CultureInfo.InvariantCulture),
        }
        : new DateInput();

    /// <summary>An optional date: empty is null; a partly filled or impossible date adds an error under <paramref name="key"/>.</summary>
    public DateOnly? TryRead(ModelStateDictionary modelState, string key, string label)
    {
        if (IsEmpty)
        {
            return null;
        }

        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(Day))
        {
            missing.Add("day");
        }

        if (string.IsNullOrWhiteSpace(Month))
        {
            missing.Add("month");
        }

        if (string.IsNullOrWhiteSpace(Year))
        {
            missing.Add("year");
        }

        if (missing.Count > 0)
        {
            modelState.AddModelError(key, $"{label} must include a {string.Join(" and ", missing)}");
            return null;
        }

        if (!int.TryParse(Day!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var day) ||
            !int.TryParse(Month!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var month) ||
            !int.TryParse(Year!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            modelState.AddModelError(key, $"{label} must be a real date, using numbers only");
            return null;
        }

        if (Year.Trim().Length != 4)
        {
            modelState.AddModelError(key, "Year must include 4 numbers");
            return null;
        }

        if (month is < 1 or > 12 || day < 1 || year < 2000 || year > 2100 || day > DateTime.DaysInMonth(year, month))
        {
            modelState.AddModelError(key, $"{label} must be a real date");
            return null;
        }

        return new DateOnly(year, month, day);
    }
}

/// <summary>What the date input partial needs: the field name (for example Input.TargetDate), its legend, hint and value.</summary>
public sealed record DateInputField(string Name, string Legend, string Hint, DateInput Value);
