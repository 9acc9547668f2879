using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Engagement.Infrastructure.Identity;
using Engagement.Web.Features.Accounts;
using Engagement.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Engagement.Web.Pages.Account;

/// <summary>
/// Turns on two-factor authentication with an authenticator app: shows a QR code and the shared key, checks a code from
/// the app, then shows 10 recovery codes once and signs in again as a two-factor sign-in (amr=mfa).
/// </summary>
public sealed class SetupTwoFactorModel(SignInManager<ApplicationUser> signIn, UserManager<ApplicationUser> users, SignInRecorder recorder) : PageModel
{
    public const string Issuer = "Engagement";

    [BindProperty]
    public LoginTwoFactorModel.CodeInput Input { get; set; } = new();

    public string? ReturnUrl { get; private set; }

    public bool AlreadyOn { get; private set; }

    public string SharedKey { get; private set; } = "";

    public string AuthenticatorUri { get; private set; } = "";

    public QrCodeSvg? QrCode { get; private set; }

    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public string ContinueUrl => ReturnUrl ?? (User.IsInRole(Roles.Commissioner) || User.IsInRole(Roles.Admin) ? "/staff" : "/");

    public async Task<IActionResult> OnGetAsync(string? returnUrl)
    {
        ReturnUrl = TwoFactorCodes.SafeReturnUrl(Url, returnUrl);
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (user.TwoFactorEnabled)
        {
            AlreadyOn = true;
            return Page();
        }

        await LoadKeyAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl, CancellationToken cancellationToken)
    {
        ReturnUrl = TwoFactorCodes.SafeReturnUrl(Url, returnUrl);
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (user.TwoFactorEnabled)
        {
            return RedirectToPage(new { returnUrl = ReturnUrl });
        }

        var code = TwoFactorCodes.Normalise(Input.Code);
        if (ModelState.IsValid && !TwoFactorCodes.IsSixDigits(code))
        {
            ModelState.AddModelError("Input.Code", TwoFactorCodes.FormatError);
        }

        if (ModelState.IsValid && !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError("Input.Code", "The code is not correct. Enter the 6-digit code your authenticator app shows now");
        }

        if (!ModelState.IsValid)
        {
            await LoadKeyAsync(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10) ?? []).ToList();

        // A fresh sign-in that records the second factor: the staff policies look for amr=mfa.
        await signIn.SignOutAsync();
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(TwoFactorSignInRequirement.ClaimType, TwoFactorSignInRequirement.ClaimValue)]);
        await recorder.SucceededAsync(HttpContext, user, "two-factor-set-up", cancellationToken);
        return Page();
    }

    private async Task LoadKeyAsync(ApplicationUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // Resetting the key changes the security stamp, so the session cookie is renewed to match.
            await users.ResetAuthenticatorKeyAsync(user);
            await signIn.RefreshSignInAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? "";
        }

        SharedKey = FormatKey(key);
        var account = user.Email ?? user.UserName ?? "";
        AuthenticatorUri = $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(account)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6";
        QrCode = QrCodeSvg.For(AuthenticatorUri, "QR code to scan with your authenticator app", "authenticator-qr");
    }

    /// <summary>Lower case in groups of 4, easier to type: "abcd efgh ...".</summary>
    public static string FormatKey(string key) =>
        string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(chunk => new string(chunk)));
}
