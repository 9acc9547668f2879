using System.ComponentModel.DataAnnotations;
using Engagement.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Engagement.Web.Pages.Account;

/// <summary>The second step of signing in with one of the recovery codes, for a lost or broken phone. Each code works once.</summary>
[AllowAnonymous]
public sealed class LoginRecoveryModel(SignInManager<ApplicationUser> signIn, UserManager<ApplicationUser> users) : PageModel
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

    public async Task<IActionResult> OnPostAsync(string? returnUrl)
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

        var failuresBefore = await users.GetAccessFailedCountAsync(user);
        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(Input.RecoveryCode.Replace(" ", "", StringComparison.Ordinal));
        if (result.Succeeded)
        {
            return LocalRedirect(ReturnUrl ?? "/");
        }

        // Wrong recovery codes count towards lockout like wrong passwords (once, whether or not Identity counted it).
        if (!result.IsLockedOut && await users.GetAccessFailedCountAsync(user) == failuresBefore)
        {
            await users.AccessFailedAsync(user);
        }

        ModelState.AddModelError("Input.RecoveryCode", result.IsLockedOut || await users.IsLockedOutAsync(user)
            ? "Your account is locked after too many attempts. Try again in 15 minutes"
            : "The recovery code is not correct, or has been used. Enter one of your unused recovery codes");
        return Page();
    }

    public sealed class RecoveryInput
    {
        [Required(ErrorMessage = "Enter one of your recovery codes")]
        [StringLength(40, ErrorMessage = "A recovery code is 40 characters or fewer")]
        public string RecoveryCode { get; set; } = "";
    }
}
