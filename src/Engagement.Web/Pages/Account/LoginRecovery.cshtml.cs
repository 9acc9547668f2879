using System.ComponentModel.DataAnnotations;
using Engagement.Infrastructure.Identity;
using Engagement.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Engagement.Web.Pages.Account;

/// <summary>The second step of signing in with one of the recovery codes, for a lost or broken phone. Each code works once.</summary>
[AllowAnonymous]
public sealed class LoginRecoveryModel(SignInManager<ApplicationUser> signIn, UserManager<ApplicationUser> users, SignInRecorder recorder) : PageModel
{
    [BindProperty]
    public RecoveryInput Input { get; set; } = new();

    public string? ReturnUrl { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? returnUrl)
    {
        ReturnUrl = TwoFactorCodes.SafeReturnUrl(Url, returnUrl);
        return await signIn.GetTwoFactorAuthenticationUserAsync() is null
            ? RedirectToPage("/Account/Login", new { returnUrl = ReturnUrl })
            : Page();
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl, CancellationToken cancellationToken)
    {
        ReturnUrl = TwoFactorCodes.SafeReturnUrl(Url, returnUrl);
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("/Account/Login", new { returnUrl = ReturnUrl });
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var wait = await recorder.WaitAsync(HttpContext, user, cancellationToken);
        if (wait > TimeSpan.Zero)
        {
            ModelState.AddModelError("Input.RecoveryCode", SignInOutcome.WaitMessage(wait));
            return Page();
        }

        var failuresBefore = await users.GetAccessFailedCountAsync(user);
        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(Input.RecoveryCode.Replace(" ", "", StringComparison.Ordinal));
        if (result.Succeeded)
        {
            await recorder.SucceededAsync(HttpContext, user, "recovery-code", cancellationToken);
            return LocalRedirect(ReturnUrl ?? "/");
        }

        // Wrong recovery codes count like wrong passwords (once, whether or not Identity counted it).
        if (await users.GetAccessFailedCountAsync(user) == failuresBefore)
        {
            await users.AccessFailedAsync(user);
        }

        await recorder.FailedAsync(HttpContext, user, "recovery-code", cancellationToken);
        ModelState.AddModelError("Input.RecoveryCode", "The recovery code is not correct, or has been used. Enter one of your unused recovery codes");
        return Page();
    }

    public sealed class RecoveryInput
    {
        [Required(ErrorMessage = "Enter one of your recovery codes")]
        [StringLength(40, ErrorMessage = "A recovery code is 40 characters or fewer")]
        public string RecoveryCode { get; set; } = "";
    }
}
