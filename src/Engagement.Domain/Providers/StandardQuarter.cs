using System.Globalization;

namespace Engagement.Domain.Providers;

/// <summary>
/// A quarter of the council's financial year, the period the market standard is measured over: April to June is the
/// first quarter of the year that starts in April (<see cref="StartYear"/>), January to March the fourth.
/// </summary>
public readonly record struct StandardQuarter
{
    public StandardQuarter(int startYear, int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, 4);
        StartYear = startYear;
        Number = number;
    }

    /// <summary>The calendar year the financial year starts in (2026 for April 2026 to March 2027).</summary>
    public int StartYear { get; }

    /// <summary>1 (April to June) to 4 (January to March).</summary>
    public int Number { get; }

    public static StandardQuarter Containing(DateOnly date) => date.Month >= 4
        ? new StandardQuarter(date.Year, ((date.Month - 4) / 3) + 1)
        : new StandardQuarter(date.Year - 1, 4);

    /// <summary>The quarter that starts on <paramref name="start"/>, or null when no quarter starts that day.</summary>
    public static StandardQuarter? StartingOn(DateOnly start)
    {
        var quarter = Containing(start);
        return quarter.Start == start ? quarter : null;
    }

    public DateOnly Start => Number == 4 ? new DateOnly(StartYear + 1, 1, 1) : new DateOnly(StartYear, (3 * Number) + 1, 1);

    /// <summary>The last day of the quarter (inclusive).</summary>
    public DateOnly End => Next.Start.AddDays(-1);

    public StandardQuarter Previous => Number == 1 ? new StandardQuarter(StartYear - 1, 4) : new StandardQuarter(StartYear, Number - 1);

    public StandardQuarter Next => Number == 4 ? new StandardQuarter(StartYear + 1, 1) : new StandardQuarter(StartYear, Number + 1);

    public bool Contains(DateOnly date) => date >= Start && date <= End;

    /// <summary>"April to June 2026": words, not "Q1", which readers take for January to March.</summary>
    public string Name => $"{Start.ToString("MMMM", CultureInfo.InvariantCulture)} to {End.ToString("MMMM yyyy", CultureInfo.InvariantCulture)}";

    /// <summary>"2026-27 Q1", for CSV files and audit detail.</summary>
    public string Code => string.Create(CultureInfo.InvariantCulture, $"{StartYear}-{(StartYear + 1) % 100:D2} Q{Number}");

    public override string ToString() => Code;
}
