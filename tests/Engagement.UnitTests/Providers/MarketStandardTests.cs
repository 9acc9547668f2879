using Engagement.Domain.Common;
using Engagement.Domain.Providers;

namespace Engagement.UnitTests.Providers;

/// <summary>
/// The market standard's evaluation against hand-worked fixtures. Quarters are the council's financial quarters:
/// 31 March 2026 is in January to March 2026 (2025-26 Q4), 1 April 2026 in April to June 2026 (2026-27 Q1).
/// </summary>
public sealed class MarketStandardTests
{
    private const EngagementParticipants People = EngagementParticipants.PeopleUsingTheService;
    private const EngagementParticipants Families = EngagementParticipants.Families;

    private static readonly CriterionRule Engaged = new(1, "Engaged with the people using the service", CriterionCheck.EngagedPeopleUsingService, 1);
    private static readonly CriterionRule Told = new(2, "Told them what changed within eight weeks", CriterionCheck.RespondedWithinWeeks, 8);
    private static readonly CriterionRule Published = new(3, "Published a \"You said, we did\"", CriterionCheck.PublishedRecords, 1);
    private static readonly CriterionRule Checked = new(4, "Acted on complaints", CriterionCheck.CheckedByCommissioner, null);

    private static readonly CriterionRule[] Standard = [Engaged, Told, Published, Checked];

    private static readonly StandardQuarter JanToMar2026 = new(2025, 4);
    private static readonly StandardQuarter AprToJun2026 = new(2026, 1);

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    private static CriterionOutcome Of(StandardPosition position, CriterionRule rule) => position.Criteria.Single(c => c.Criterion == rule).Outcome;

    [Theory]
    [InlineData(2026, 3, 31, 2025, 4, "2026-01-01", "2026-03-31", "January to March 2026", "2025-26 Q4")]
    [InlineData(2026, 4, 1, 2026, 1, "2026-04-01", "2026-06-30", "April to June 2026", "2026-27 Q1")]
    [InlineData(2026, 6, 30, 2026, 1, "2026-04-01", "2026-06-30", "April to June 2026", "2026-27 Q1")]
    [InlineData(2026, 7, 1, 2026, 2, "2026-07-01", "2026-09-30", "July to September 2026", "2026-27 Q2")]
    [InlineData(2026, 12, 31, 2026, 3, "2026-10-01", "2026-12-31", "October to December 2026", "2026-27 Q3")]
    [InlineData(2027, 1, 1, 2026, 4, "2027-01-01", "2027-03-31", "January to March 2027", "2026-27 Q4")]
    [InlineData(2099, 12, 31, 2099, 3, "2099-10-01", "2099-12-31", "October to December 2099", "2099-00 Q3")]
    public void Quarters_are_financial_quarters_starting_in_April(int y, int m, int d, int startYear, int number, string start, string end, string name, string code)
    {
        var quarter = StandardQuarter.Containing(D(y, m, d));

        Assert.Equal(new StandardQuarter(startYear, number), quarter);
        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), quarter.Start);
        Assert.Equal(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), quarter.End);
        Assert.Equal(name, quarter.Name);
        Assert.Equal(code, quarter.Code);
        Assert.Equal(quarter, quarter.Next.Previous);
        Assert.Equal(quarter.Start, quarter.Previous.End.AddDays(1));
        Assert.Equal(quarter, StandardQuarter.StartingOn(quarter.Start));
        Assert.Null(StandardQuarter.StartingOn(quarter.Start.AddDays(1)));
    }

    [Fact]
    public void Records_either_side_of_31_March_count_in_their_own_quarter_and_a_judgement_only_in_the_quarter_judged()
    {
        StandardEvidence[] records =
        [
            new(D(2026, 3, 31), People, IsPublished: true, RespondedOn: D(2026, 4, 20)),
            new(D(2026, 4, 1), People | Families, IsPublished: true, RespondedOn: D(2026, 5, 20)),
        ];
        JudgementFact[] judgements = [new(Checked.Id, AprToJun2026.Start, CriterionOutcome.Met, new DateTime(2026, 6, 1, 9, 0, 0, DateTimeKind.Utc))];
        var today = D(2026, 6, 15);

        var last = MarketStandard.Evaluate(Standard, records, judgements, JanToMar2026, today);
        var current = MarketStandard.Evaluate(Standard, records, judgements, AprToJun2026, today);

        Assert.Equal(1, last.RecordCount);
        Assert.Equal(CriterionOutcome.Met, Of(last, Engaged));
        Assert.Equal(CriterionOutcome.Met, Of(last, Told));
        Assert.Equal(CriterionOutcome.Met, Of(last, Published));
        Assert.Equal(CriterionOutcome.AwaitingCheck, Of(last, Checked));
        Assert.Equal(StandardOutcome.Partly, last.Outcome);
        Assert.Equal([Checked], last.Missing.Select(m => m.Criterion));

        Assert.Equal(1, current.RecordCount);
        Assert.All(current.Criteria, c => Assert.Equal(CriterionOutcome.Met, c.Outcome));
        Assert.Equal(StandardOutcome.Met, current.Outcome);
        Assert.Empty(current.Missing);
        Assert.Equal("Met, checked by a commissioner on 1 June 2026", current.Criteria.Single(c => c.Criterion == Checked).Explanation);
    }

    [Theory]
    // Held 1 April 2026: eight weeks is 27 May 2026.
    [InlineData("2026-05-27", "2026-05-27", CriterionOutcome.Met)] // told on the last day
    [InlineData("2026-05-28", "2026-06-15", CriterionOutcome.NotMet)] // told a day late
    [InlineData(null, "2026-05-27", CriterionOutcome.NotYetDue)] // not told, but the window is still open
    [InlineData(null, "2026-05-28", CriterionOutcome.NotMet)] // not told, and the window closed yesterday
    public void Telling_people_within_eight_weeks_counts_to_the_day(string? respondedOn, string today, CriterionOutcome expected)
    {
        var responded = respondedOn is null ? (DateOnly?)null : DateOnly.Parse(respondedOn, System.Globalization.CultureInfo.InvariantCulture);
        StandardEvidence[] records = [new(D(2026, 4, 1), People, true, responded)];

        var position = MarketStandard.Evaluate([Told], records, [], AprToJun2026, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected, Of(position, Told));
    }

    [Fact]
    public void An_engagement_still_inside_its_window_is_left_out_of_the_count_not_held_against_the_provider()
    {
        StandardEvidence[] records =
        [
            new(D(2026, 4, 2), People, true, D(2026, 4, 30)), // on time
            new(D(2026, 4, 3), People, true, null), // window closed 29 May: missing
            new(D(2026, 6, 10), People, true, null), // window open until 5 August
        ];

        var position = MarketStandard.Evaluate([Told], records, [], AprToJun2026, D(2026, 6, 30));

        var told = Assert.Single(position.Criteria);
        Assert.Equal(CriterionOutcome.Partly, told.Outcome);
        Assert.Equal("1 of 2 engagements told people what they led to within 8 weeks; 1 engagement did not tell people what it led to within 8 weeks", told.Explanation);
        Assert.Equal(StandardOutcome.Partly, position.Outcome);
    }

    [Fact]
    public void A_quarter_whose_only_criterion_is_not_due_yet_is_met_so_far()
    {
        var position = MarketStandard.Evaluate([Told], [new(D(2026, 6, 10), People, false, null)], [], AprToJun2026, D(2026, 6, 20));

        Assert.Equal(CriterionOutcome.NotYetDue, Of(position, Told));
        Assert.Equal(StandardOutcome.Met, position.Outcome);
        Assert.Empty(position.Missing);
    }

    [Fact]
    public void Fewer_engagements_than_the_number_needed_is_partly_met_and_says_what_is_missing()
    {
        var twice = Engaged with { Parameter = 2 };
        StandardEvidence[] records =
        [
            new(D(2026, 4, 10), People, false, null),
            new(D(2026, 5, 10), Families, false, null), // families only: not an engagement with people using the service
        ];

        var position = MarketStandard.Evaluate([twice, Published], records, [], AprToJun2026, D(2026, 6, 15));

        var engaged = position.Criteria.Single(c => c.Criterion == twice);
        Assert.Equal(CriterionOutcome.Partly, engaged.Outcome);
        Assert.Equal("1 of the 2 engagements with people using the service needed in April to June 2026", engaged.Explanation);
        Assert.Equal(CriterionOutcome.NotMet, Of(position, Published));
        Assert.Equal(StandardOutcome.Partly, position.Outcome);
        Assert.Equal(2, position.Missing.Count());
    }

    [Fact]
    public void Records_that_meet_nothing_are_not_met()
    {
        StandardEvidence[] records = [new(D(2026, 4, 10), Families, false, D(2026, 7, 1))];

        var position = MarketStandard.Evaluate([Engaged, Told, Published], records, [], AprToJun2026, D(2026, 7, 2));

        Assert.All(position.Criteria, c => Assert.Equal(CriterionOutcome.NotMet, c.Outcome));
        Assert.Equal(StandardOutcome.NotMet, position.Outcome);
    }

    [Fact]
    public void A_quarter_with_no_records_is_no_records_even_when_a_commissioner_judged_it_met()
    {
        StandardEvidence[] records = [new(D(2026, 3, 31), People, true, D(2026, 4, 1))];
        JudgementFact[] judgements = [new(Checked.Id, AprToJun2026.Start, CriterionOutcome.Met, new DateTime(2026, 5, 1, 9, 0, 0, DateTimeKind.Utc))];

        var position = MarketStandard.Evaluate(Standard, records, judgements, AprToJun2026, D(2026, 6, 1));

        Assert.Equal(StandardOutcome.NoRecords, position.Outcome);
        Assert.Equal(0, position.RecordCount);
        Assert.Equal(CriterionOutcome.NotMet, Of(position, Engaged));
        Assert.Equal(CriterionOutcome.Met, Of(position, Checked));
    }

    [Fact]
    public void The_latest_judgement_of_a_quarter_wins_whatever_order_they_come_in()
    {
        JudgementFact[] judgements =
        [
            new(Checked.Id, AprToJun2026.Start, CriterionOutcome.NotMet, new DateTime(2026, 6, 2, 9, 0, 0, DateTimeKind.Utc)),
            new(Checked.Id, AprToJun2026.Start, CriterionOutcome.Met, new DateTime(2026, 5, 2, 9, 0, 0, DateTimeKind.Utc)),
            new(Checked.Id, JanToMar2026.Start, CriterionOutcome.Partly, new DateTime(2026, 7, 2, 9, 0, 0, DateTimeKind.Utc)),
        ];

        var position = MarketStandard.Evaluate([Checked], [new(D(2026, 4, 10), People, false, null)], judgements, AprToJun2026, D(2026, 6, 15));

        Assert.Equal(CriterionOutcome.NotMet, Of(position, Checked));
        Assert.Equal(StandardOutcome.NotMet, position.Outcome);
    }

    [Theory]
    [InlineData(StandardOutcome.Met, StandardOutcome.Partly, true)]
    [InlineData(StandardOutcome.Met, StandardOutcome.NoRecords, true)]
    [InlineData(StandardOutcome.Partly, StandardOutcome.NotMet, true)]
    [InlineData(StandardOutcome.Partly, StandardOutcome.NoRecords, true)]
    [InlineData(StandardOutcome.NotMet, StandardOutcome.NoRecords, false)]
    [InlineData(StandardOutcome.NoRecords, StandardOutcome.NotMet, false)]
    [InlineData(StandardOutcome.Partly, StandardOutcome.Met, false)]
    [InlineData(StandardOutcome.Met, StandardOutcome.Met, false)]
    public void Falling_behind_is_a_worse_position_than_before(StandardOutcome before, StandardOutcome now, bool fell) =>
        Assert.Equal(fell, MarketStandard.FellBehind(before, now));

    [Fact]
    public void A_criterion_needs_a_name_a_description_a_check_and_for_an_automatic_check_a_number_in_range()
    {
        var empty = StandardCriterion.Validate(new CriterionDefinition(" ", null, null, null));
        Assert.Equal(ResultKind.Invalid, empty.Kind);
        Assert.Equal(["Name", "Description", "Check"], empty.Errors.Select(e => e.Property));

        var noNumber = StandardCriterion.Validate(new CriterionDefinition("Engaged", "At least once a quarter", CriterionCheck.EngagedPeopleUsingService, null));
        Assert.Equal("Parameter", Assert.Single(noNumber.Errors).Property);

        var tooMany = StandardCriterion.Validate(new CriterionDefinition("Told", "Within weeks", CriterionCheck.RespondedWithinWeeks, 27));
        Assert.Equal("How many weeks must be between 1 and 26", Assert.Single(tooMany.Errors).Message);

        var unknown = StandardCriterion.Validate(new CriterionDefinition("X", "Y", (CriterionCheck)42, 1));
        Assert.Equal("Check", Assert.Single(unknown.Errors).Property);

        var tooLong = StandardCriterion.Validate(new CriterionDefinition(new string('n', 121), new string('d', 601), CriterionCheck.CheckedByCommissioner, null));
        Assert.Equal(["Name", "Description"], tooLong.Errors.Select(e => e.Property));
    }

    [Fact]
    public void A_commissioners_check_keeps_no_number_and_a_retired_criterion_cannot_change_or_be_judged()
    {
        var at = new DateTime(2026, 6, 1, 9, 0, 0, DateTimeKind.Utc);
        var criterion = StandardCriterion.Create(new CriterionDefinition(" Complaints ", " Acted on complaints ", CriterionCheck.CheckedByCommissioner, 5), 1, at).Value!;
        Assert.Equal("Complaints", criterion.Name);
        Assert.Null(criterion.Parameter);

        var judged = StandardJudgement.Record("p1", criterion, AprToJun2026, CriterionOutcome.Partly, D(2026, 6, 1), "c1", at);
        Assert.True(judged.Succeeded);
        Assert.Equal(AprToJun2026.Start, judged.Value!.QuarterStart);

        var version = criterion.Version;
        Assert.True(criterion.Retire(at).Succeeded);
        Assert.NotEqual(version, criterion.Version);
        Assert.False(criterion.Retire(at).Succeeded);
        Assert.False(criterion.Edit(new CriterionDefinition("New", "New", CriterionCheck.CheckedByCommissioner, null), at).Succeeded);
        Assert.False(StandardJudgement.Record("p1", criterion, AprToJun2026, CriterionOutcome.Met, D(2026, 6, 1), "c1", at).Succeeded);
    }

    [Fact]
    public void Only_a_commissioners_check_of_a_started_quarter_takes_a_judgement_of_met_partly_or_not_met()
    {
        var at = new DateTime(2026, 6, 1, 9, 0, 0, DateTimeKind.Utc);
        var automatic = StandardCriterion.Create(new CriterionDefinition("Engaged", "Once a quarter", CriterionCheck.EngagedPeopleUsingService, 1), 1, at).Value!;
        var byHand = StandardCriterion.Create(new CriterionDefinition("Complaints", "Acted on complaints", CriterionCheck.CheckedByCommissioner, null), 2, at).Value!;

        Assert.False(StandardJudgement.Record("p1", automatic, AprToJun2026, CriterionOutcome.Met, D(2026, 6, 1), "c1", at).Succeeded);
        Assert.False(StandardJudgement.Record("p1", byHand, AprToJun2026.Next, CriterionOutcome.Met, D(2026, 6, 30), "c1", at).Succeeded);
        Assert.True(StandardJudgement.Record("p1", byHand, AprToJun2026.Next, CriterionOutcome.Met, D(2026, 7, 1), "c1", at).Succeeded);
        foreach (var refused in new CriterionOutcome?[] { null, CriterionOutcome.NotYetDue, CriterionOutcome.AwaitingCheck, (CriterionOutcome)9 })
        {
            var result = StandardJudgement.Record("p1", byHand, AprToJun2026, refused, D(2026, 6, 1), "c1", at);
            Assert.Equal("Outcome", Assert.Single(result.Errors).Property);
        }
    }

    [Fact]
    public void Standard_types_have_no_public_setters()
    {
        foreach (var type in new[] { typeof(StandardCriterion), typeof(StandardJudgement), typeof(MarketStandardWatch) })
        {
            Assert.All(type.GetProperties(), p => Assert.False(p.SetMethod?.IsPublic == true, $"{type.Name}.{p.Name} has a public setter"));
        }
    }
}
