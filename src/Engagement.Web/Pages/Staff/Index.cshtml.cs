using System.Security.Claims;
using Engagement.Domain.Feedback;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Deadlines;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Staff;

/// <summary>The commissioners' workspace: what is due in the inbox, and the opt-in for the overdue email.</summary>
public sealed class IndexModel(EngagementDbContext db, FirstResponsePromise promise, TimeProvider clock) : PageModel
{
    public int Overdue { get; private set; }

    public int DueThisWeek { get; private set; }

    public bool WantsOverdueEmail { get; private set; }

    public int WorkingDays => promise.WorkingDays;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        (Overdue, DueThisWeek) = await FirstResponseQueue.CountsAsync(db, promise, clock.GetUtcNow().UtcDateTime, cancellationToken);
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        WantsOverdueEmail = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.WantsOverdueEmail).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Turns the working-day overdue email on (<paramref name="wanted"/> "yes") or off for the signed-in account.</summary>
    public async Task<IActionResult> OnPostOverdueEmailAsync(string? wanted, CancellationToken cancellationToken)
    {
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        var on = wanted == "yes";
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.WantsOverdueEmail, on), cancellationToken);
        TempData["Status"] = on ? "You will get an email each working day when feedback is overdue" : "You will not get the overdue email";
        return Redirect("/staff");
    }
}
