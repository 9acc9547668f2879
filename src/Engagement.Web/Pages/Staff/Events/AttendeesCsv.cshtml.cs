using System.Globalization;
using System.Text;
using Engagement.Domain.Events;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Text;
using Engagement.Web.Features.Events;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Staff.Events;

/// <summary>The attendee list as CSV, safe to open in a spreadsheet.</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class AttendeesCsvModel(EngagementDbContext db) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await db.Events.AnyAsync(e => e.Id == id))
        {
            return NotFound();
        }

        var rows = await db.Registrations.AsNoTracking().Where(r => r.EventId == id)
            .OrderBy(r => r.Status).ThenBy(r => r.CreatedAt).ThenBy(r => r.Id)
            .Select(r => new { r.Name, r.Email, r.Organisation, r.AccessNeeds, r.Status, r.CreatedAt })
            .ToListAsync();
        var csv = await SpreadsheetCsv.ToBytesAsync(
            ["Name", "Email", "Organisation", "Access needs", "Status", "Booked at (UK time)"],
            rows.Select(r => new[]
            {
                r.Name, r.Email, r.Organisation, r.AccessNeeds, r.Status.Name(),
                UkTime.FromUtc(r.CreatedAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            }));
        return File(csv, "text/csv; charset=utf-8", $"event-{id}-attendees.csv");
    }
}
