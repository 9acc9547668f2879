using System.ComponentModel.DataAnnotations;
using Engagement.Infrastructure.Identity;
using Engagement.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Engagement.Web.Pages.Account;

[AllowAnonymous]
public sealed class LoginModel(SignInManager<ApplicationUser> signIn, UserManager<ApplicationUser> users) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    public string? ReturnUrl { get; private set; }

    public void OnGet(string? returnUrl) => ReturnUrl = SafeReturnUrl(returnUrl);

    public async Task<IActionResult> OnPostAsync(string? returnUrl)
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

        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (user is { IsDisabled: true })
        {
            ModelState.AddModelError("Input.Email", "This account has been disabled. Contact an administrator");
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(user?.UserName ?? Input.Email.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(ReturnUrl ?? "/");
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/LoginTwoFactor", new { returnUrl = ReturnUrl });
        }

        if (result.IsLockedOut)
        {
            ModelState.AddModelError("Input.Email", "Your account is locked after too many attempts. Try again in 15 minutes, or reset your password");
        }
        else if (result.IsNotAllowed)
        {
            ModelState.AddModelError("Input.Email", "Confirm your email address before signing in: follow the link in the email we sent you");
        }
        else
        {
            ModelState.AddModelError("Input.Email", "Enter a correct email address and password");
        }

        return Page();
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
