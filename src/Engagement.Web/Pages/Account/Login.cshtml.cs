using System.ComponentModel.DataAnnotations;
using Engagement.Infrastructure.Identity;
using Engagement.Web.Features.Accounts;
using Engagement.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Engagement.Web.Pages.Account;

[AllowAnonymous]
public sealed class LoginModel(SignInWithPasswordHandler handler) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    public string? ReturnUrl { get; private set; }

    public void OnGet(string? returnUrl) => ReturnUrl = SafeReturnUrl(returnUrl);

    public async Task<IActionResult> OnPostAsync(string? returnUrl, CancellationToken cancellationToken)
    {
        if (this.OverSubmissionLimit() is { } limited)
        {
            return limited;
        }

        ReturnUrl = SafeReturnUrl(returnUrl);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await handler.HandleAsync(HttpContext, Input.Email, Input.Password, cancellationToken);
        switch (outcome.Kind)
        {
            case SignInOutcomeKind.SignedIn:
                return LocalRedirect(ReturnUrl ?? "/");
            case SignInOutcomeKind.TwoFactorRequired:
                return RedirectToPage("/Account/LoginTwoFactor", new { returnUrl = ReturnUrl });
            case SignInOutcomeKind.Wait:
                ModelState.AddModelError("Input.Email", SignInOutcome.WaitMessage(outcome.Wait));
                return Page();
            default:
                ModelState.AddModelError("Input.Email", SignInOutcome.RefusedMessage);
                return Page();
        }
    }

    /// <summary>Only a path on this site: anything else (another host, a scheme, //host, \\host) is dropped.</summary>
    private string? SafeReturnUrl(string? returnUrl) =>
        ReturnUrls.Safe(Url, returnUrl);

    public sealed class LoginInput
    {
        [Required(ErrorMessage = "Enter your email address")]
        [EmailAddress(ErrorMessage = "Enter an email address in the correct format, like name@example.com")]
        [StringLength(320, ErrorMessage = "Email address must be 320 characters or fewer")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password")]
        [StringLength(200, ErrorMessage = "Password must be 200 characters or fewer")]
        public string Password { get; set; } = "";
    }
}
