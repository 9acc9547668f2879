using System.Globalization;
using Engagement.Domain.Responses;

namespace Engagement.Domain.Providers;

/// <summary>A provider's position against the whole standard for one quarter.</summary>
public enum StandardOutcome
{
    NoRecords = 0,
    NotMet = 1,
    Partly = 2,
    Met = 3,
}

/// <summary>Where a provider stands on one criterion for one quarter.</summary>
public enum CriterionOutcome
{
    Met = 1,
    Partly = 2,
    NotMet = 3,

    /// <summary>Nothing can be counted yet (no engagement's response window has closed): neither met nor missing.</summary>
    NotYetDue = 4,

    /// <summary>A commissioner-checked criterion nobody has judged for this quarter yet: counts as not met.</summary>
    AwaitingCheck = 5,
}

/// <summary>One engagement record as the standard sees it.</summary>
/// <param name="RespondedOn">The UK date the provider first moved it to a status that tells people what it led to.</param>
public sealed record StandardEvidence(DateOnly HeldOn, EngagementParticipants Participants, bool IsPublished, DateOnly? RespondedOn);

/// <summary>A commissioner's judgement as the evaluation reads it.</summary>
public sealed record JudgementFact(int CriterionId, DateOnly QuarterStart, CriterionOutcome Outcome, DateTime JudgedAt);

public sealed record CriterionResult(CriterionRule Criterion, CriterionOutcome Outcome, string Explanation)
{
    /// <summary>Something the provider still has to do (or a commissioner still has to check).</summary>
    public bool IsMissing => Outcome is CriterionOutcome.Partly or CriterionOutcome.NotMet or CriterionOutcome.AwaitingCheck;
}

public sealed record StandardPosition(StandardQuarter Quarter, StandardOutcome Outcome, int RecordCount, IReadOnlyList<CriterionResult> Criteria)
{
    public IEnumerable<CriterionResult> Missing => Criteria.Where(c => c.IsMissing);
}

/// <summary>
/// The market standard's evaluation: pure, from the records (held in the quarter, not sent back) and the commissioners'
/// judgements, for a quarter as seen on <c>today</c>. A quarter with no records is "no records" whatever the criteria
/// say; otherwise the standard is met when every criterion that can be counted is met, partly met when at least one is
/// met or partly met, and not met when none is.
/// </summary>
public static class MarketStandard
{
    /// <summary>The statuses that tell people what an engagement led to: each needs a note under the council's rules.</summary>
    public static IReadOnlyList<ResponseStatus> RespondingStatuses { get; } =
        [ResponseStatus.ActionPlanned, ResponseStatus.InProgress, ResponseStatus.Completed, ResponseStatus.NotTakenForward];

    public static StandardPosition Evaluate(
        IReadOnlyList<CriterionRule> criteria, IEnumerable<StandardEvidence> records, IEnumerable<JudgementFact> judgements, StandardQuarter quarter, DateOnly today)
    {
        var held = records.Where(r => quarter.Contains(r.HeldOn)).ToList();
        var judged = judgements.Where(j => j.QuarterStart == quarter.Start).ToList();
        var results = criteria.Select(c => Evaluate(c, held, judged, quarter, today)).ToList();
        return new StandardPosition(quarter, Overall(held.Count, results), held.Count, results);
    }

    /// <summary>Lower is worse; "no records" is no better than "not met".</summary>
    public static int Rank(this StandardOutcome outcome) => outcome switch
    {
        StandardOutcome.Met => 2,
        StandardOutcome.Partly => 1,
        _ => 0,
    };

    /// <summary>Whether a provider whose position was <paramref name="before"/> has fallen behind at <paramref name="now"/>.</summary>
    public static bool FellBehind(StandardOutcome before, StandardOutcome now) => now.Rank() < before.Rank();

    private static StandardOutcome Overall(int recordCount, IReadOnlyList<CriterionResult> results)
    {
        if (recordCount == 0)
        {
            return StandardOutcome.NoRecords;
        }

        var counted = results.Where(r => r.Outcome != CriterionOutcome.NotYetDue).ToList();
        if (counted.All(r => r.Outcome == CriterionOutcome.Met))
        {
            return StandardOutcome.Met;
        }

        return counted.Any(r => r.Outcome is CriterionOutcome.Met or CriterionOutcome.Partly) ? StandardOutcome.Partly : StandardOutcome.NotMet;
    }

    private static CriterionResult Evaluate(CriterionRule c, List<StandardEvidence> held, List<JudgementFact> judged, StandardQuarter quarter, DateOnly today)
    {
        var n = c.Parameter ?? 1;
        switch (c.Check)
        {
            case CriterionCheck.EngagedPeopleUsingService:
                {
                    var count = held.Count(r => r.Participants.HasFlag(EngagementParticipants.PeopleUsingTheService));
                    return AtLeast(c, count, n, "engagement with people using the service", "engagements with people using the service", quarter);
                }

            case CriterionCheck.PublishedRecords:
                {
                    var count = held.Count(r => r.IsPublished);
                    return AtLeast(c, count, n, "engagement published on your \"You said, we did\" page", "engagements published on your \"You said, we did\" page", quarter);
                }

            case CriterionCheck.RespondedWithinWeeks:
                return RespondedWithin(c, held, n, today, quarter);

            case CriterionCheck.CheckedByCommissioner:
                {
                    var latest = judged.Where(j => j.CriterionId == c.Id).OrderByDescending(j => j.JudgedAt).FirstOrDefault();
                    return latest is null
                        ? new CriterionResult(c, CriterionOutcome.AwaitingCheck, "Not checked by a commissioner yet")
                        : new CriterionResult(c, latest.Outcome, $"{latest.Outcome.Name()}, checked by a commissioner on {Day(Calendar.WorkingDayCalendar.UkDate(latest.JudgedAt))}");
                }

            default:
                return new CriterionResult(c, CriterionOutcome.NotMet, "This criterion cannot be checked");
        }
    }

    private static CriterionResult AtLeast(CriterionRule c, int count, int needed, string one, string many, StandardQuarter quarter)
    {
        var words = needed == 1 ? one : many;
        if (count >= needed)
        {
            return new CriterionResult(c, CriterionOutcome.Met, $"{Count(count, one, many)} in {quarter.Name} (at least {needed} needed)");
        }

        return count == 0
            ? new CriterionResult(c, CriterionOutcome.NotMet, $"No {many} in {quarter.Name}: at least {needed} needed")
            : new CriterionResult(c, CriterionOutcome.Partly, $"{count} of the {needed} {words} needed in {quarter.Name}");
    }

    private static CriterionResult RespondedWithin(CriterionRule c, List<StandardEvidence> held, int weeks, DateOnly today, StandardQuarter quarter)
    {
        var window = $"{weeks} {(weeks == 1 ? "week" : "weeks")}";
        if (held.Count == 0)
        {
            return new CriterionResult(c, CriterionOutcome.NotMet, $"No engagement recorded in {quarter.Name}");
        }

        // An engagement counts once it has a response or its window has closed; one still inside its window with no
        // response yet is neither met nor missing.
        var due = held.Where(r => r.RespondedOn is not null || today > r.HeldOn.AddDays(7 * weeks)).ToList();
        var onTime = due.Count(r => r.RespondedOn is { } on && on <= r.HeldOn.AddDays(7 * weeks));
        if (due.Count == 0)
        {
            return new CriterionResult(c, CriterionOutcome.NotYetDue, $"No engagement's {window} have passed yet");
        }

        if (onTime == due.Count)
        {
            return new CriterionResult(c, CriterionOutcome.Met, $"{Count(onTime, "engagement", "engagements")} told people what it led to within {window}" + (onTime == 1 ? "" : ", all of them"));
        }

        var late = due.Count - onTime;
        var lateWords = $"{Count(late, "engagement", "engagements")} did not tell people what it led to within {window}";
        return onTime == 0
            ? new CriterionResult(c, CriterionOutcome.NotMet, lateWords)
            : new CriterionResult(c, CriterionOutcome.Partly, $"{onTime} of {due.Count} engagements told people what they led to within {window}; {lateWords}");
    }

    private static string Count(int n, string one, string many) => n == 1 ? $"1 {one}" : $"{n.ToString(CultureInfo.InvariantCulture)} {many}";

    private static string Day(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}

public static class MarketStandardText
{
    public static string Name(this StandardOutcome outcome) => outcome switch
    {
        StandardOutcome.Met => "Met",
        StandardOutcome.Partly => "Partly met",
        StandardOutcome.NotMet => "Not met",
        StandardOutcome.NoRecords => "No records",
        _ => outcome.ToString(),
    };

    public static string TagColour(this StandardOutcome outcome) => outcome switch
    {
        StandardOutcome.Met => "govuk-tag--green",
        StandardOutcome.Partly => "govuk-tag--yellow",
        StandardOutcome.NotMet => "govuk-tag--red",
        _ => "govuk-tag--grey",
    };

    public static string Name(this CriterionOutcome outcome) => outcome switch
    {
        CriterionOutcome.Met => "Met",
        CriterionOutcome.Partly => "Partly met",
        CriterionOutcome.NotMet => "Not met",
        CriterionOutcome.NotYetDue => "Not due yet",
        CriterionOutcome.AwaitingCheck => "Not checked yet",
        _ => outcome.ToString(),
    };

    public static string TagColour(this CriterionOutcome outcome) => outcome switch
    {
        CriterionOutcome.Met => "govuk-tag--green",
        CriterionOutcome.Partly => "govuk-tag--yellow",
        CriterionOutcome.NotMet => "govuk-tag--red",
        _ => "govuk-tag--grey",
    };

    public static string Name(this CriterionCheck check) => check switch
    {
        CriterionCheck.EngagedPeopleUsingService => "Engagements with people using the service in the quarter (at least)",
        CriterionCheck.RespondedWithinWeeks => "Told people what each engagement led to within (weeks)",
        CriterionCheck.PublishedRecords => "Engagements published on the provider's \"You said, we did\" page in the quarter (at least)",
        CriterionCheck.CheckedByCommissioner => "Checked by a commissioner",
        _ => check.ToString(),
    };

    /// <summary>What the check does with its number, in a sentence ("At least 1 a quarter").</summary>
    public static string Describe(this CriterionRule rule) => rule.Check switch
    {
        CriterionCheck.EngagedPeopleUsingService => $"Checked from the records: at least {rule.Parameter} {(rule.Parameter == 1 ? "engagement" : "engagements")} with people using the service a quarter",
        CriterionCheck.RespondedWithinWeeks => $"Checked from the records: each engagement moved to action planned, in progress, completed or not taken forward within {rule.Parameter} {(rule.Parameter == 1 ? "week" : "weeks")}",
        CriterionCheck.PublishedRecords => $"Checked from the records: at least {rule.Parameter} {(rule.Parameter == 1 ? "engagement" : "engagements")} a quarter approved and published",
        CriterionCheck.CheckedByCommissioner => "Checked by a commissioner each quarter",
        _ => "",
    };

    /// <summary>The allowed numbers for an automatic check; null for a commissioner's check (it has none).</summary>
    public static (int Min, int Max)? Range(this CriterionCheck check) => check switch
    {
        CriterionCheck.EngagedPeopleUsingService or CriterionCheck.PublishedRecords => (1, 13),
        CriterionCheck.RespondedWithinWeeks => (1, 26),
        _ => null,
    };

    public static string ParameterQuestion(this CriterionCheck check) => check switch
    {
        CriterionCheck.RespondedWithinWeeks => "how many weeks",
        _ => "how many engagements a quarter",
    };
}
