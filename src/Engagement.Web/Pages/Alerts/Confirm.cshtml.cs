using Engagement.Web.Features.Alerts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Engagement.Web.Pages.Alerts;

/// <summary>The single-use confirmation link. A used, expired or unknown link gets the same 404 page.</summary>
[AllowAnonymous]
public sealed class ConfirmModel(ConfirmAlertSubscriptionHandler confirm, AlertLinks links) : PageModel
{
    public string ManageLink { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string token)
    {
        var subscription = await confirm.HandleAsync(token, HttpContext.RequestAborted);
        if (subscription is null)
        {
            return NotFound();
        }

        ManageLink = links.Manage(subscription);
        return Page();
    }
}
