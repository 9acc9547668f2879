using System.Text;
using Engagement.Infrastructure;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Events;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Engagement.Web.Pages.Events;

/// <summary>The public calendar file for an event (never with the joining link).</summary>
[AllowAnonymous]
public sealed class CalendarModel(EngagementDbContext db, TimeProvider clock, IOptions<ServiceOptions> service) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id) is not { } ev)
        {
            return NotFound();
        }

        var ics = EventCalendar.Create(ev, service.Value, clock.GetUtcNow().UtcDateTime);
        return File(Encoding.UTF8.GetBytes(ics), EventCalendar.ContentType + "; charset=utf-8", $"event-{id}.ics");
    }
}
