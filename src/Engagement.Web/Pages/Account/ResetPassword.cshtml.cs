using System.ComponentModel.DataAnnotations;
using System.Text;
using Engagement.Infrastructure.Identity;
using Engagement.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace Engagement.Web.Pages.Account;

[AllowAnonymous]
public sealed class ResetPasswordModel(UserManager<ApplicationUser> users, Features.Accounts.SignInThrottle throttle) : PageModel
{
    [BindProperty]
    public ResetInput Input { get; set; } = new();

    public IActionResult OnGet(string? userId, string? code)
    {
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(code))
        {
            return NotFound();
        }

        Input = new ResetInput { UserId = userId, Code = code };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (this.OverSubmissionLimit() is { } limited)
        {
            return limited;
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByIdAsync(Input.UserId);
        string token;
        try
        {
            token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(Input.Code));
        }
        catch (FormatException)
        {
            token = "";
        }

        var result = user is null
            ? IdentityResult.Failed(new IdentityError { Code = "InvalidToken" })
            : await users.ResetPasswordAsync(user, token, Input.Password);
        if (result.Succeeded)
        {
            // Only the owner of the mailbox gets here: the account's sign-in delay is lifted (the address's stays).
            await throttle.ResetAccountAsync(Features.Accounts.SignInThrottle.AccountKey(user!.Email ?? ""));
            TempData["Status"] = "Your password has been changed. You can now sign in";
            return Redirect("/account/login");
        }

        foreach (var error in result.Errors)
        {
            ModelState.AddModelError("Input.Password", error.Code == "InvalidToken"
                ? "This reset link has expired or has already been used. Ask for a new one"
                : error.Description);
        }

        return Page();
    }

    public sealed class ResetInput
    {
        [Required]
        [StringLength(450)]
        public string UserId { get; set; } = "";

        [Required]
        [StringLength(2000)]
        public string Code { get; set; } = "";

        [Required(ErrorMessage = "Enter a new password")]
        [StringLength(200, MinimumLength = 12, ErrorMessage = "Password must be at least 12 characters")]
        public string Password { get; set; } = "";
    }
}
