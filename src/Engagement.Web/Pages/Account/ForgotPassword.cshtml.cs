using System.ComponentModel.DataAnnotations;
using Engagement.Infrastructure;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Email;
using Engagement.Infrastructure.Identity;
using Engagement.Web.Features.Accounts;
using Engagement.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Engagement.Web.Pages.Account;

[AllowAnonymous]
public sealed class ForgotPasswordModel(
    UserManager<ApplicationUser> users,
    EmailOutbox outbox,
    EngagementDbContext db,
    TimeProvider clock,
    IOptions<ServiceOptions> service) : PageModel
{
    [BindProperty]
    public EmailInput Input { get; set; } = new();

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    /// <summary>
    /// Says the same, and does the same work, whether or not the account exists, so neither the page nor its timing
    /// tells anyone which addresses have accounts: a token and an email are made either way (for a decoy account when
    /// there is none), and one audit record is written either way; only a real, confirmed, enabled account's email is queued.
    /// </summary>
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

        var found = await users.FindByEmailAsync(Input.Email.Trim());
        var real = found is { EmailConfirmed: true, IsDisabled: false, Email: not null };
        var user = real ? found! : new ApplicationUser { Email = Input.Email.Trim(), SecurityStamp = Guid.NewGuid().ToString() };
        var token = WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
        var link = service.Value.Link($"/account/reset-password?userId={Uri.EscapeDataString(user.Id)}&code={token}");
        var email = AccountEmails.PasswordReset(service.Value, user.Email!, link, user.Id);
        if (real)
        {
            outbox.Queue(email);
        }

        db.AuditRecords.Add(new Engagement.Domain.Auditing.AuditRecord
        {
            At = clock.GetUtcNow().UtcDateTime,
            Action = real ? "account.password-reset-sent" : "account.password-reset-no-account",
            EntityType = "User",
            EntityId = real ? user.Id : "",
        });
        await db.SaveChangesAsync();

        Sent = true;
        return Page();
    }

    public sealed class EmailInput
    {
        [Required(ErrorMessage = "Enter your email address")]
        [EmailAddress(ErrorMessage = "Enter an email address in the correct format, like name@example.com")]
        [StringLength(320, ErrorMessage = "Email address must be 320 characters or fewer")]
        public string Email { get; set; } = "";
    }
}
