using System.Security.Claims;
using Engagement.Infrastructure.Text;
using Engagement.Web.Features.Consultations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Engagement.Web.Pages.Staff.Consultations;

/// <summary>The responses as CSV, one row per response; email addresses only with <c>?personal=true</c>.</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class DownloadCsvModel(AnalysisDownload download) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, bool personal, CancellationToken cancellationToken)
    {
        var table = await download.LoadAsync(id, personal, User.FindFirstValue(ClaimTypes.NameIdentifier)!, "csv", cancellationToken);
        if (table is null)
        {
            return NotFound();
        }

        var csv = await SpreadsheetCsv.ToBytesAsync(AnalysisDownload.Header(table), table.Rows.Select(r => AnalysisDownload.Cells(table, r)));
        return File(csv, "text/csv; charset=utf-8", $"consultation-{id}-responses{(personal ? "-personal" : "")}.csv");
    }
}
