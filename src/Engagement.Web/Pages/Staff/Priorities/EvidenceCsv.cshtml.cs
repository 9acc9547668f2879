using System.Globalization;
using Engagement.Domain.Common;
using Engagement.Domain.Feedback;
using Engagement.Domain.Providers;
using Engagement.Domain.Responses;
using Engagement.Infrastructure.Text;
using Engagement.Web.Features.Priorities;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Engagement.Web.Pages.Staff.Priorities;

/// <summary>
/// The evidence pack as one CSV, safe to open in a spreadsheet: one row per figure or item, its part of the pack first,
/// so it can be filtered. Feedback rows are counts (quarter, service area or who sent it); never anyone's words.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class EvidenceCsvModel(EvidencePackQuery query) : PageModel
{
    public static readonly string[] Header = ["Part", "Quarter", "Theme or who", "Count", "Reference", "Title or organisation", "Status", "Date", "What was said or heard", "What was done"];

    public async Task<IActionResult> OnGetAsync(int number, string? period, CancellationToken cancellationToken)
    {
        var quarters = EvidenceModel.ParsePeriod(period, ModelState);
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        var pack = await query.LoadAsync(number, quarters, cancellationToken);
        if (pack is null)
        {
            return NotFound();
        }

        var csv = await SpreadsheetCsv.ToBytesAsync(Header, Rows(pack));
        return File(csv, "text/csv; charset=utf-8", $"priority-{number}-evidence-{pack.From}-to-{pack.To}.csv".Replace(' ', '-'));
    }

    public static IEnumerable<string?[]> Rows(EvidencePack pack)
    {
        static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
        static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        static string U(DateTime utc) => D(Domain.Calendar.WorkingDayCalendar.UkDate(utc));

        foreach (var q in pack.Feedback)
        {
            foreach (var (section, count) in q.BySection.OrderBy(s => s.Key))
            {
                yield return ["Feedback by service area", q.Quarter.ToString(), section.Name(), N(count), null, null, null, null, null, null];
            }

            foreach (var (role, count) in q.ByRole.OrderBy(r => r.Key))
            {
                yield return ["Feedback by who sent it", q.Quarter.ToString(), role.Name(), N(count), null, null, null, null, null, null];
            }
        }

        foreach (var r in pack.ProviderRecords)
        {
            yield return ["Provider's engagement record", null, r.Kind.Name(), N(r.ParticipantCount), null, $"{r.OrganisationName}: {r.ServiceName}", r.Status.Name(), D(r.HeldOn), r.WhatWeHeard, r.WhatWeDid];
        }

        foreach (var c in pack.Consultations)
        {
            yield return ["Consultation", null, null, N(c.ResponsesCounted), null, c.Title, c.OutcomePublishedAt is null ? "Outcome to follow" : "Outcome published", U(c.ClosesAt), c.YouSaid, c.WeDidMarkdown];
        }

        foreach (var e in pack.Entries)
        {
            yield return ["You said, we did", null, e.Section.Name(), N(e.LinkedFeedback), e.Reference, e.Title, e.Status.Name(), U(e.LastUpdatedAt), e.YouSaid, e.WeDidMarkdown];
        }
    }
}
