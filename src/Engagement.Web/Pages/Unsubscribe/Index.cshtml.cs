using Engagement.Infrastructure.Privacy;
using Engagement.Web.Features.Privacy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Engagement.Web.Pages.Unsubscribe;

/// <summary>
/// One-click unsubscribe (RFC 8058). GET shows a confirmation page whose button posts; a mail client posts the same
/// address with the body <c>List-Unsubscribe=One-Click</c> and no antiforgery token (it cannot have one), so this handler
/// is exempt from antiforgery and accepts only that body, for an address only this app can issue (<see cref="UnsubscribeLinks"/>).
/// Anything else is 404 (unknown address) or 400 (another body). Stopping twice is harmless.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class IndexModel(UnsubscribeLinks links, UnsubscribeHandler unsubscribe) : PageModel
{
    public const string OneClickField = "List-Unsubscribe";
    public const string OneClickValue = "One-Click";

    public UnsubscribeKind Kind { get; private set; }

    public bool Done { get; private set; }

    public IActionResult OnGet(string token)
    {
        if (links.Read(token) is not { } what)
        {
            return NotFound();
        }

        Kind = what.Kind;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        if (links.Read(token) is not { } what)
        {
            return NotFound();
        }

        if (!Request.HasFormContentType || Request.Form[OneClickField] != OneClickValue)
        {
            return BadRequest();
        }

        await unsubscribe.HandleAsync(what, cancellationToken);
        Kind = what.Kind;
        Done = true;
        return Page();
    }
}
