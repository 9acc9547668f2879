using System.ComponentModel.DataAnnotations;
using Engagement.Infrastructure.Identity;
using Engagement.Web.Features.Accounts;
using Engagement.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Engagement.Web.Pages.Account;

/// <summary>The second step of signing in for accounts with two-factor authentication: the authenticator app's code.</summary>
[AllowAnonymous]
public sealed class LoginTwoFactorModel(SignInManager<ApplicationUser> signIn, SignInRecorder recorder) : PageModel
{
    [BindProperty]
    public CodeInput Input { get; set; } = new();

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

        var code = TwoFactorCodes.Normalise(Input.Code);
        if (ModelState.IsValid && !TwoFactorCodes.IsSixDigits(code))
        {
            ModelState.AddModelError("Input.Code", TwoFactorCodes.FormatError);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var wait = await recorder.WaitAsync(HttpContext, user, cancellationToken);
        if (wait > TimeSpan.Zero)
        {
            ModelState.AddModelError("Input.Code", SignInOutcome.WaitMessage(wait));
            return Page();
        }

        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            await recorder.SucceededAsync(HttpContext, user, "authenticator", cancellationToken);
            return LocalRedirect(ReturnUrl ?? "/");
        }

        await recorder.FailedAsync(HttpContext, user, "authenticator", cancellationToken);
        ModelState.AddModelError("Input.Code", "The code is not correct. Enter the 6-digit code your authenticator app shows now");
        return Page();
    }

    public sealed class CodeInput
    {
        [Required(ErrorMessage = "Enter the 6-digit code from your authenticator app")]
        [StringLength(20, ErrorMessage = "The code must be 6 digits")]
        public string Code { get; set; } = "";
    }
}

/// <summary>What the two-factor pages share: reading a typed code and keeping the return address on this site.</summary>
public static class TwoFactorCodes
{
    public const string FormatError = "The code must be 6 digits, like 123456";

    public static string Normalise(string? code) =>
        new((code ?? "").Where(c => c is not (' ' or '-')).ToArray());

    public static bool IsSixDigits(string code) => code.Length == 6 && code.All(char.IsAsciiDigit);

    /// <summary>Only a path on this site: anything else (another host, a scheme, //host, \\host) is dropped.</summary>
    public static string? SafeReturnUrl(IUrlHelper url, string? returnUrl) =>
        ReturnUrls.Safe(url, returnUrl);
}
