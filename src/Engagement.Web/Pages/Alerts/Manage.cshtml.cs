using Engagement.Domain.Alerts;
using Engagement.Infrastructure.Data;
using Engagement.Web.Features.Alerts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Engagement.Web.Pages.Alerts;

/// <summary>"Manage your email alerts" with no account: what is followed, how often, and a button to stop.</summary>
[AllowAnonymous]
public sealed class ManageModel(EngagementDbContext db, AlertLinks links, Engagement.Infrastructure.Privacy.UnsubscribeLinks unsubscribe) : PageModel
{
    public AlertSubscription Subscription { get; private set; } = default!;

    public string UnsubscribeLink { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string token)
    {
        if (await links.FindAsync(db, token, HttpContext.RequestAborted) is not { ConfirmedAt: not null } subscription)
        {
            return NotFound();
        }

        Subscription = subscription;
        UnsubscribeLink = unsubscribe.Path(Engagement.Infrastructure.Privacy.UnsubscribeKind.EmailAlerts, [subscription.Id]);
        return Page();
    }
}
