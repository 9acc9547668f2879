using System.Globalization;
using Engagement.Domain.Common;
using Engagement.Domain.Responses;
using Engagement.Infrastructure.Data;
using Engagement.Web.Features.PublicLog;
using Engagement.Web.Features.Publishing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Insights;

/// <summary>A horizontal bar chart drawn on the server as inline SVG, with its data as a table.</summary>
public sealed record BarChart(string Id, string Title, string Description, IReadOnlyList<string> Series, IReadOnlyList<BarChartRow> Rows, string Format = "N0", string Unit = "", double? Scale = null)
{
    public const int Width = 640;
    public const int LabelWidth = 240;
    public const int BarHeight = 16;
    public const int LegendHeight = 28;

    public int GroupHeight => Series.Count * (BarHeight + 2) + 10;

    public int Height => LegendHeight + Math.Max(1, Rows.Count) * GroupHeight;

    public double Max => Scale ?? Math.Max(1, Rows.SelectMany(r => r.Values).DefaultIfEmpty(0).Max());

    public int BarWidth(double value) => (int)Math.Round(value / Max * (Width - LabelWidth - 80));

    public string Value(double value) => value.ToString(Format, CultureInfo.InvariantCulture) + Unit;
}

public sealed record BarChartRow(string Label, IReadOnlyList<double> Values);

[AllowAnonymous]
[OutputCache(PolicyName = PublicPagesCache.PolicyName)]
public sealed class IndexModel(InsightsAggregate aggregate, EngagementDbContext db, Features.Deadlines.OnTimeShare onTime) : PageModel
{
    public Features.Deadlines.OnTimeShareView OnTime { get; private set; } = default!;

    public IReadOnlyList<BarChart> Charts { get; private set; } = [];
    public InsightFigures Figures { get; private set; } = default!;

    public double? ShareCompleted { get; private set; }
    public double? ShareLedToAction { get; private set; }

    public async Task OnGetAsync()
    {
        var snapshot = await aggregate.InsightsAsync(HttpContext.RequestAborted);
        var f = Figures = snapshot.Figures;
        OnTime = new Features.Deadlines.OnTimeShareView("on-time", onTime.WorkingDays, snapshot.OnTime, "feedback");
        var priorities = await db.Priorities.AsNoTracking().Where(p => p.IsLive).OrderBy(p => p.Number)
            .Select(p => p.Number).ToListAsync(HttpContext.RequestAborted);
        string[] both = ["Feedback items", "Published entries"];
        var totalEntries = f.EntriesByStatus.Values.Sum();
        ShareCompleted = totalEntries == 0 ? null : (double)f.EntriesByStatus.GetValueOrDefault(ResponseStatus.Completed) / totalEntries;
        ShareLedToAction = f.Concerns == 0 ? null : (double)f.ConcernsLedToAction / f.Concerns;
        var sections = ServiceSectionText.PrioritySections.Append(ServiceSection.SomethingElse).ToList();

        Charts =
        [
            new BarChart("by-priority", "Feedback and entries by priority",
                "Bar chart of feedback items received and published entries for each commissioning priority. The same figures are in the table below.",
                both, priorities.Select(n => new BarChartRow($"Priority {n}", [f.FeedbackByPriority.GetValueOrDefault(n), f.EntriesByPriority.GetValueOrDefault(n)])).ToList()),
            new BarChart("by-section", "Feedback and entries by section",
                "Bar chart of feedback items received and published entries for each section of the Market Position Statement.",
                both, sections.Select(s => new BarChartRow(s.Name(), [f.FeedbackBySection.GetValueOrDefault(s), f.EntriesBySection.GetValueOrDefault(s)])).ToList()),
            new BarChart("by-quarter", "Feedback and entries by quarter",
                "Bar chart of feedback items received and entries first published in each calendar quarter.",
                ["Feedback items", "Entries first published"],
                f.Quarters.Select(q => new BarChartRow(q.ToString(), [f.FeedbackByQuarter.GetValueOrDefault(q), f.EntriesByQuarter.GetValueOrDefault(q)])).ToList()),
            new BarChart("median-days", "Median days to first response, by quarter",
                "Bar chart of the median number of days from the first feedback linked to an entry to the entry's first publication, by the quarter it was first published.",
                ["Median days"],
                f.Quarters.Where(f.MedianDaysByQuarter.ContainsKey).Select(q => new BarChartRow(q.ToString(), [f.MedianDaysByQuarter[q]])).ToList(), "0.#", " days"),
            new BarChart("by-status", "Published entries by status",
                $"Bar chart of published entries by status. {(ShareCompleted is { } c ? c.ToString("0%", CultureInfo.InvariantCulture) : "None")} of entries are completed.",
                ["Entries"],
                Enum.GetValues<ResponseStatus>().Select(s => new BarChartRow(s.Name(), [f.EntriesByStatus.GetValueOrDefault(s)])).ToList()),
            new BarChart("led-to-action", "Concerns that led to an action",
                $"Bar chart of feedback items by outcome. {(ShareLedToAction is { } a ? a.ToString("0%", CultureInfo.InvariantCulture) : "None")} led to an action that is planned, in progress or completed.",
                ["Feedback items"],
                [
                    new BarChartRow("Action planned, in progress or completed", [f.ConcernsLedToAction]),
                    new BarChartRow("No action yet", [f.Concerns - f.ConcernsLedToAction]),
                ]),
        ];
    }
}
