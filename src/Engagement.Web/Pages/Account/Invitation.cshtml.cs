using Engagement.Web.Features.Accounts;
using Engagement.Web.Features.Admin;
using Engagement.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Engagement.Web.Pages.Account;

/// <summary>
/// An invited member of staff follows the emailed link, chooses a password and is signed in with it alone, which
/// reaches no staff page: they are sent straight on to set up two-factor authentication.
/// </summary>
[AllowAnonymous]
public sealed class InvitationModel(AcceptInvitationHandler handler, EngagementSignInManager signIn, SignInRecorder recorder) : PageModel
{
    [BindProperty]
    public InvitationInput Input { get; set; } = new();

    public bool LinkValid { get; private set; } = true;

    public async Task<IActionResult> OnGetAsync(string? userId, string? code)
    {
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(code))
        {
            return NotFound();
        }

        Input = new InvitationInput { UserId = userId, Code = code };
        LinkValid = await handler.FindAsync(userId, code) is not null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(Input.UserId) || string.IsNullOrEmpty(Input.Code) || Input.UserId.Length > 450 || Input.Code.Length > 2000)
        {
            return NotFound();
        }

        if (string.IsNullOrEmpty(Input.Password))
        {
            ModelState.AddModelError("Input.Password", "Enter a password");
            return Page();
        }

        if (Input.Password.Length > 200)
        {
            ModelState.AddModelError("Input.Password", "Password must be 200 characters or fewer");
            return Page();
        }

        var result = await handler.HandleAsync(new AcceptInvitation(Input.UserId, Input.Code, Input.Password), cancellationToken);
        if (!result.Succeeded)
        {
            LinkValid = result.Error != AcceptInvitationHandler.InvalidLink;
            ModelState.AddModelError("Input.Password", result.Error!);
            return Page();
        }

        await signIn.SignInAsync(result.Value!, isPersistent: false);
        await recorder.SucceededAsync(HttpContext, result.Value!, "invitation", cancellationToken);
        return Redirect("/account/setup-2fa?returnUrl=%2Fstaff");
    }

    public sealed class InvitationInput
    {
        public string UserId { get; set; } = "";
        public string Code { get; set; } = "";
        public string? Password { get; set; }
    }
}
