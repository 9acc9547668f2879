using Engagement.Domain.Priorities;
using Engagement.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Priorities;

[AllowAnonymous]
public sealed class DetailModel(EngagementDbContext db) : PageModel
{
    public Priority Priority { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(int number)
    {
        var priority = await db.Priorities.AsNoTracking().SingleOrDefaultAsync(p => p.Number == number);
        if (priority is null)
        {
            return NotFound();
        }

        Priority = priority;
        return Page();
    }
}
