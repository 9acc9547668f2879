using System.Security.Claims;
using System.Text.Json;
using Engagement.Domain.Privacy;
using Engagement.Infrastructure.Data;
using Engagement.Web.Features.Privacy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Staff.DataRequests;

/// <summary>
/// One request: search by email address, feedback reference or consultation response reference (posted, so the
/// address is never in a URL or a log),
/// the readable record of what is held, a JSON download, erasure with a recorded reason and a decision for safeguarding
/// feedback, and completion. Every search, export and erasure is audited with counts only.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class RequestModel(EngagementDbContext db, PersonalDataSearch search, DataRequestHandler handler, TimeProvider clock) : PageModel
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public DataRequest DataRequest { get; private set; } = default!;

    public DateOnly Today { get; private set; }

    public HeldData? Found { get; private set; }

    public ErasureCounts? Erased { get; private set; }

    [BindProperty]
    public string? Query { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public string? Decision { get; set; }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSearchAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        await FindAsync(DataRequestAudit.Searched, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostExportAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (await FindAsync(DataRequestAudit.Exported, cancellationToken) is not { } found)
        {
            return Page();
        }

        var document = new
        {
            request = new { DataRequest.Id, kind = DataRequest.Kind.ToString(), receivedOn = DataRequest.ReceivedOn, dueOn = DataRequest.DueOn, exportedAt = clock.GetUtcNow().UtcDateTime },
            found.Query,
            found.Feedback,
            found.Bookings,
            found.Emails,
            found.Accounts,
            found.Alerts,
            found.ConsultationResponses,
        };
        return File(JsonSerializer.SerializeToUtf8Bytes(document, Json), "application/json", $"data-request-{DataRequest.Id}.json");
    }

    public async Task<IActionResult> OnPostEraseAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var (query, error) = PersonalDataSearch.Normalise(Query);
        if (query is null)
        {
            ModelState.AddModelError(nameof(Query), error!);
            return Page();
        }

        SafeguardingDecision? decision = Enum.TryParse<SafeguardingDecision>(Decision, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;
        var result = await handler.EraseAsync(new EraseHeldData(id, query, Reason, decision, UserId), cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddModelError(result.Field ?? nameof(Reason), result.Error!);
            Found = await search.FindAsync(query, cancellationToken);
            return Page();
        }

        await SqliteMaintenance.CheckpointAsync(db, cancellationToken);
        Erased = result.Value;
        await LoadAsync(id, cancellationToken);
        Found = await search.FindAsync(query, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostCompleteAsync(int id, CancellationToken cancellationToken)
    {
        var result = await handler.CompleteAsync(id, UserId, cancellationToken);
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            ModelState.AddModelError("complete", result.Error!);
            return Page();
        }

        TempData["Status"] = $"Request {id} completed";
        return Redirect("/staff/data-requests");
    }

    private async Task<HeldData?> FindAsync(string action, CancellationToken cancellationToken)
    {
        var (query, error) = PersonalDataSearch.Normalise(Query);
        if (query is null)
        {
            ModelState.AddModelError(nameof(Query), error!);
            return null;
        }

        Query = query;
        Found = await search.FindAsync(query, cancellationToken);
        await handler.AuditAsync(DataRequest.Id, action, Found, UserId, cancellationToken);
        return Found;
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        Today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var request = await db.DataRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
        {
            return false;
        }

        DataRequest = request;
        return true;
    }
}
