using Engagement.Infrastructure.Data;
using Engagement.Web.Features.Alerts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Engagement.Web.Pages.Alerts;

/// <summary>
/// The unsubscribe address in every alert (visible link and <c>List-Unsubscribe</c>). GET shows a page with a button
/// (link scanners fetch links; they must not unsubscribe anyone); POST deletes the subscription, which ends every link.
/// POST is exempt from antiforgery, and only here: RFC 8058 one-click (<c>List-Unsubscribe=One-Click</c>) comes from a
/// mail provider that cannot hold a token; the unguessable protected token in the address is the proof instead.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class UnsubscribeModel(EngagementDbContext db, AlertLinks links) : PageModel
{
    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token) =>
        await links.FindAsync(db, token, HttpContext.RequestAborted) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(string token)
    {
        if (await links.FindAsync(db, token, HttpContext.RequestAborted) is not { } subscription)
        {
            return NotFound();
        }

        db.AlertSubscriptions.Remove(subscription);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        Done = true;
        return Page();
    }
}
