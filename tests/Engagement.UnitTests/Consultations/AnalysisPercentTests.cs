using Engagement.Domain.Consultations;
using Engagement.Web.Features.Consultations;

namespace Engagement.UnitTests.Consultations;

public sealed class AnalysisPercentTests
{
    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(3, 0, 0)]
    [InlineData(1, 8, 13)] // 12.5: halves away from zero, not to even
    [InlineData(3, 8, 38)] // 37.5
    [InlineData(1, 6, 17)]
    [InlineData(2, 3, 67)]
    [InlineData(1, 3, 33)]
    [InlineData(1, 200, 1)] // 0.5
    [InlineData(1, 201, 0)]
    [InlineData(7, 7, 100)]
    public void A_percentage_is_of_those_who_answered_rounded_half_away_from_zero(int count, int answered, int percent) =>
        Assert.Equal(percent, AnalysisPercent.Of(count, answered));

    [Fact]
    public void The_text_has_a_percent_sign() => Assert.Equal("67%", AnalysisPercent.Text(67));

    [Fact]
    public void A_chart_of_several_choices_says_its_percentages_can_add_up_to_more_than_100()
    {
        var question = new QuestionFigures(1, 2, "What would help?", QuestionKind.SeveralChoices, false, 6,
            [new OptionFigure(10, "A", 4, 67), new OptionFigure(11, "B", 3, 50), new OptionFigure(null, "Other", 1, 17)], []);

        var chart = AnalysisCharts.Overall(question, "outcome");

        Assert.Equal("outcome-q2", chart.Id);
        Assert.Equal(["A", "B", "Other"], chart.Rows.Select(r => r.Label));
        Assert.Equal([67.0, 50.0, 17.0], chart.Rows.Select(r => r.Values[0]));
        Assert.Equal("67%", chart.Value(67));
        Assert.Contains("more than 100", chart.Description);
        Assert.Equal(100, chart.Max);
    }

    [Fact]
    public void A_one_choice_chart_does_not_say_so()
    {
        var question = new QuestionFigures(1, 1, "Who are you?", QuestionKind.OneChoice, true, 2, [new OptionFigure(1, "Carer", 2, 100)], []);
        Assert.DoesNotContain("more than 100", AnalysisCharts.Overall(question, "analysis").Description);
    }

    [Fact]
    public void An_outcome_entry_title_fits_the_log_column()
    {
        Assert.Equal("We asked: Charges", OutcomeText.EntryTitle("Charges"));
        var longest = OutcomeText.EntryTitle(new string('x', ConsultationLimits.TitleMaxLength));
        Assert.Equal(Engagement.Domain.Responses.ResponseLimits.TitleMaxLength, longest.Length);
        Assert.EndsWith("…", longest);
    }
}
