using Engagement.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Staff.Consultations;

/// <summary>Confirms a staff-entered response: its reference to give the person, and whether it was late.</summary>
public sealed class EnteredModel(EngagementDbContext db) : PageModel
{
    public int Id { get; private set; }

    public int ResponseId { get; private set; }

    public string Reference { get; private set; } = "";

    public bool Late { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, string? reference, CancellationToken cancellationToken)
    {
        var found = await db.ConsultationResponses.AsNoTracking()
            .Where(r => r.ConsultationId == id && r.Reference == reference)
            .Select(r => new { r.Id, r.Reference, r.IsLate })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        (Id, ResponseId, Reference, Late) = (id, found.Id, found.Reference, found.IsLate);
        return Page();
    }
}
