using System.Security.Claims;
using System.Text.Json;
using Engagement.Web.Features.Consultations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Engagement.Web.Pages.Staff.Consultations;

/// <summary>The responses as JSON, one object per response; email addresses only with <c>?personal=true</c>.</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class DownloadJsonModel(AnalysisDownload download) : PageModel
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task<IActionResult> OnGetAsync(int id, bool personal, CancellationToken cancellationToken)
    {
        var table = await download.LoadAsync(id, personal, User.FindFirstValue(ClaimTypes.NameIdentifier)!, "json", cancellationToken);
        if (table is null)
        {
            return NotFound();
        }

        var body = new
        {
            consultation = new { id, title = table.Title },
            questions = table.Questions,
            responses = table.Rows.Select(r => new Dictionary<string, object?>
            {
                ["reference"] = r.Reference,
                ["receivedAtUk"] = r.ReceivedAtUk,
                ["channel"] = r.Channel.ToString(),
                ["late"] = r.IsLate,
                ["sentTooQuickly"] = r.SentTooQuickly,
                ["counted"] = r.Counted,
                ["answers"] = r.Answers,
                ["personal"] = table.Personal ? new { email = r.Email, wantsOutcome = r.WantsOutcome } : null,
            }.Where(p => p.Key != "personal" || table.Personal).ToDictionary(p => p.Key, p => p.Value)),
        };
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, Options);
        Response.Headers.ContentDisposition = $"attachment; filename=\"consultation-{id}-responses{(personal ? "-personal" : "")}.json\"";
        return File(bytes, "application/json; charset=utf-8");
    }
}
