using System.Net;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.Web.Features.Consultations;
using Microsoft.EntityFrameworkCore;
using static Engagement.IntegrationTests.Consultations.AnalysisTestSupport;

namespace Engagement.IntegrationTests.Consultations;

/// <summary>The analysis figures, overall and split by the "about you" question, against the hand-counted fixture.</summary>
public sealed class AnalysisFiguresTests(EngagementFactory factory) : IClassFixture<EngagementFactory>
{
    private static int[] Counts(QuestionFigures q) => q.Options.Select(o => o.Count).ToArray();

    private static int[] Percents(QuestionFigures q) => q.Options.Select(o => o.Percent).ToArray();

    [Fact]
    public async Task Counts_and_percentages_match_the_hand_counted_fixture()
    {
        var c = await HandCountedAsync(factory);
        var figures = (await factory.GetService<ConsultationAnalysis>().FiguresAsync(c.Id))!;

        Assert.Equal(7, figures.Counted);
        Assert.Equal(1, figures.LateLeftOut);
        var (role, rating, choices, text) = (figures.Questions[0], figures.Questions[1], figures.Questions[2], figures.Questions[3]);

        Assert.Equal(7, role.Answered);
        Assert.Equal([3, 2, 2], Counts(role));
        Assert.Equal([43, 29, 29], Percents(role)); // 3/7 = 42.9, 2/7 = 28.6

        Assert.Equal(6, rating.Answered); // R6 gave no rating
        Assert.Equal([0, 1, 1, 3, 1], Counts(rating));
        Assert.Equal([0, 17, 17, 50, 17], Percents(rating));

        Assert.Equal(6, choices.Answered); // R7 chose nothing
        Assert.Equal(["Lower charges", "Clearer letters", "More time to pay", "Other"], choices.Options.Select(o => o.Label));
        Assert.Equal([4, 3, 2, 1], Counts(choices));
        Assert.Equal([67, 50, 33, 17], Percents(choices)); // several choices: adds up to more than 100

        Assert.Equal(2, text.Answered);
        Assert.Empty(text.Options);
        Assert.Empty(text.Splits);
        Assert.Empty(role.Splits); // not split by itself
    }

    [Fact]
    public async Task Splits_by_the_about_you_question_match_the_hand_counted_fixture()
    {
        var c = await HandCountedAsync(factory);
        var figures = (await factory.GetService<ConsultationAnalysis>().FiguresAsync(c.Id))!;

        var rating = Assert.Single(figures.Questions[1].Splits);
        Assert.Equal(c.RoleQuestion, rating.ByQuestionId);
        Assert.Equal(["Resident", "Carer", "Provider"], rating.Groups.Select(g => g.Label));
        Assert.Equal([3, 2, 1], rating.Groups.Select(g => g.Answered));
        Assert.Equal([0, 0, 0, 2, 1], rating.Groups[0].Options.Select(o => o.Count));
        Assert.Equal([0, 0, 0, 67, 33], rating.Groups[0].Options.Select(o => o.Percent));
        Assert.Equal([0, 1, 0, 1, 0], rating.Groups[1].Options.Select(o => o.Count));
        Assert.Equal([0, 0, 1, 0, 0], rating.Groups[2].Options.Select(o => o.Count));
        Assert.Equal(100, rating.Groups[2].Options[2].Percent);

        var choices = Assert.Single(figures.Questions[2].Splits);
        Assert.Equal([2, 2, 2], choices.Groups.Select(g => g.Answered));
        Assert.Equal([2, 1, 0, 0], choices.Groups[0].Options.Select(o => o.Count));
        Assert.Equal([1, 2, 1, 1], choices.Groups[1].Options.Select(o => o.Count));
        Assert.Equal([50, 100, 50, 50], choices.Groups[1].Options.Select(o => o.Percent));
        Assert.Equal([1, 0, 1, 0], choices.Groups[2].Options.Select(o => o.Count));
    }

    [Fact]
    public async Task The_page_shows_the_figures_their_charts_and_tables_and_the_late_responses_left_out()
    {
        var c = await HandCountedAsync(factory);
        var client = await CommissionerAsync(factory);
        var (response, page) = await Html.GetAsync(client, $"/staff/consultations/{c.Id}/analysis");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("7", page.QuerySelector("#counted").Text());
        Assert.StartsWith("1 late response", page.QuerySelector("#late-left-out").Text());
        var rows = page.QuerySelectorAll("#figures-3 tbody tr")
            .Select(r => string.Join("|", r.Children.Select(cell => cell.Text()))).ToList();
        Assert.Equal(["Lower charges|4|67%", "Clearer letters|3|50%", "More time to pay|2|33%", "Other|1|17%"], rows);
        Assert.Contains("more than 100%", page.QuerySelector("#figures-3 caption").Text());
        Assert.NotNull(page.QuerySelector("#chart-analysis-q2 svg[role=img]"));
        Assert.NotNull(page.QuerySelector("#table-analysis-q2"));
        var split = page.QuerySelectorAll($"#split-2-by-{c.RoleQuestion} tbody tr")
            .Select(r => string.Join("|", r.Children.Select(cell => cell.Text()))).ToList();
        Assert.Equal("Good|2 (67%)|1 (50%)|0 (0%)", split[3]);
        Assert.Equal("6 answered", page.QuerySelector("#answered-2").Text());
    }

    [Fact]
    public async Task Each_split_has_a_chart_per_group_whose_bars_and_data_table_match_the_split_table()
    {
        var c = await HandCountedAsync(factory);
        var client = await CommissionerAsync(factory);
        var (_, page) = await Html.GetAsync(client, $"/staff/consultations/{c.Id}/analysis");

        var checkedCharts = 0;
        foreach (var number in new[] { 2, 3 })
        {
            var table = page.QuerySelector($"#split-{number}-by-{c.RoleQuestion}")!;
            var groups = table.QuerySelectorAll("thead th").Skip(1).Select(th => th.Text()).ToList();
            Assert.Equal(Roles, groups.Select(g => g.Split(' ')[0]));
            var rows = table.QuerySelectorAll("tbody tr").Select(r => r.Children.Select(cell => cell.Text()).ToList()).ToList();
            var charts = page.QuerySelectorAll($"#split-charts-{number}-by-{c.RoleQuestion} figure");
            Assert.Equal(Roles.Length, charts.Length);
            for (var g = 0; g < Roles.Length; g++)
            {
                var chartId = $"analysis-q{number}-by-{c.RoleQuestion}-{c.Option(c.RoleQuestion, Roles[g])}";
                var svg = page.QuerySelector($"#chart-{chartId} svg[role=img]")!;
                Assert.Contains($"\u201c{Roles[g]}\u201d", svg.QuerySelector("title")!.TextContent);
                Assert.NotNull(page.QuerySelector($"#{chartId}-desc"));

                // From the split table: each answer and this group's percentage, e.g. "2 (67%)" -> "67%".
                var expected = rows.Select(r => (Label: r[0], Percent: r[g + 1][(r[g + 1].IndexOf('(') + 1)..^1])).ToList();

                // The bars: one group per answer after the legend, its label, its value and a width in proportion (100% = 320).
                var bars = svg.Children.Where(e => e.LocalName == "g").Skip(1).Select(row =>
                {
                    var bar = row.Children.Single(e => e.LocalName == "g");
                    return (
                        Label: row.Children.First(e => e.LocalName == "text").TextContent,
                        Value: bar.Children.Single(e => e.LocalName == "text").TextContent,
                        Width: int.Parse(bar.Children.Single(e => e.LocalName == "rect").GetAttribute("width")!, System.Globalization.CultureInfo.InvariantCulture));
                }).ToList();
                Assert.Equal(expected, bars.Select(b => (b.Label, b.Value)));
                Assert.All(bars, b => Assert.Equal((int)Math.Round(int.Parse(b.Value.TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture) / 100.0 * 320), b.Width));

                // The chart's own data table says the same.
                var data = page.QuerySelectorAll($"#table-{chartId} tbody tr").Select(r => (r.Children[0].Text(), r.Children[1].Text())).ToList();
                Assert.Equal(expected, data);
                checkedCharts++;
            }
        }

        Assert.Equal(6, checkedCharts);

        // Hand-counted: of the three residents who rated, two said "Good".
        var resident = $"analysis-q2-by-{c.RoleQuestion}-{c.Option(c.RoleQuestion, "Resident")}";
        var good = page.QuerySelectorAll($"#table-{resident} tbody tr").Single(r => r.Children[0].Text() == "Good");
        Assert.Equal("67%", good.Children[1].Text());
    }

    [Fact]
    public async Task Including_a_late_response_changes_the_figures_at_once()
    {
        var c = await HandCountedAsync(factory);
        var analysis = factory.GetService<ConsultationAnalysis>();
        Assert.Equal(7, (await analysis.FiguresAsync(c.Id))!.Counted);

        await using (var db = factory.CreateDbContext())
        {
            var late = await db.ConsultationResponses.SingleAsync(r => r.ConsultationId == c.Id && r.IsLate);
            Assert.True(late.CountInAnalysis(true).Succeeded);
            await db.SaveChangesAsync();
        }

        var figures = (await factory.GetService<ConsultationAnalysis>().FiguresAsync(c.Id))!;
        Assert.Equal(8, figures.Counted);
        Assert.Equal(0, figures.LateLeftOut);
        Assert.Equal([1, 1, 1, 3, 1], figures.Questions[1].Options.Select(o => o.Count));
        Assert.Equal([5, 3, 2, 1], figures.Questions[2].Options.Select(o => o.Count));
    }

    [Fact]
    public async Task A_consultation_that_does_not_exist_is_a_404()
    {
        var client = await CommissionerAsync(factory);
        var (response, _) = await Html.GetAsync(client, "/staff/consultations/999999/analysis");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
