using System.Security.Claims;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Identity;
using Engagement.Web.Features.Accounts;
using Engagement.Web.Features.Admin;
using Engagement.Web.Features.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Admin.Staff;

/// <summary>One staff account and what an administrator can do to it.</summary>
public sealed class PersonModel(EngagementDbContext db, StaffAccountChanges staff, ChangeStaffAccountHandler handler, InviteStaffHandler invitations) : PageModel
{
    public ApplicationUser Person { get; private set; } = default!;

    public string Role { get; private set; } = "";

    public int FailedAttempts { get; private set; }

    [BindProperty]
    public RoleInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string id) => await LoadAsync(id) ? Page() : NotFound();

    public Task<IActionResult> OnPostRoleAsync(string id, CancellationToken cancellationToken) =>
        Input.Role switch
        {
            Roles.Admin => ChangeAsync(id, StaffAccountChange.MakeAdministrator, "Role changed to administrator", cancellationToken),
            Roles.Commissioner => ChangeAsync(id, StaffAccountChange.MakeCommissioner, "Role changed to commissioner", cancellationToken),
            _ => RefuseAsync(id, "Input.Role", "Select commissioner or administrator"),
        };

    public Task<IActionResult> OnPostDisableAsync(string id, CancellationToken cancellationToken) =>
        ChangeAsync(id, StaffAccountChange.Disable, "Account disabled: every session has ended", cancellationToken);

    public Task<IActionResult> OnPostEnableAsync(string id, CancellationToken cancellationToken) =>
        ChangeAsync(id, StaffAccountChange.Enable, "Account enabled", cancellationToken);

    public Task<IActionResult> OnPostUnlockAsync(string id, CancellationToken cancellationToken) =>
        ChangeAsync(id, StaffAccountChange.Unlock, "Sign-in wait lifted", cancellationToken);

    public Task<IActionResult> OnPostResetTwoFactorAsync(string id, CancellationToken cancellationToken) =>
        ChangeAsync(id, StaffAccountChange.ResetTwoFactor, "Two-factor authentication reset: they set it up again at their next sign-in", cancellationToken);

    public async Task<IActionResult> OnPostResendAsync(string id, CancellationToken cancellationToken)
    {
        var result = await invitations.ResendAsync(id, User.FindFirstValue(ClaimTypes.NameIdentifier), cancellationToken);
        if (this.NotFoundFor(result) is { } notFound)
        {
            return notFound;
        }

        if (!result.Succeeded)
        {
            return await RefuseAsync(id, "", result.Error!);
        }

        TempData["Status"] = "Invitation sent again: the earlier link no longer works";
        return Redirect("/admin/staff/" + Uri.EscapeDataString(id));
    }

    private async Task<IActionResult> ChangeAsync(string id, StaffAccountChange change, string done, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(new ChangeStaffAccount(id, change, User.FindFirstValue(ClaimTypes.NameIdentifier)), cancellationToken);
        if (result.Succeeded)
        {
            TempData["Status"] = done;
            return Redirect("/admin/staff/" + Uri.EscapeDataString(id));
        }

        if (this.NotFoundFor(result) is { } notFound)
        {
            return notFound;
        }

        return await RefuseAsync(id, result.Field == "Role" ? "Input.Role" : "", result.Error!);
    }

    private async Task<IActionResult> RefuseAsync(string id, string field, string message)
    {
        ModelState.Clear();
        ModelState.AddModelError(field, message);
        return await LoadAsync(id) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(string id)
    {
        if (await staff.FindStaffAsync(id ?? "") is not { } found)
        {
            return false;
        }

        (Person, Role) = found;
        var key = SignInThrottle.AccountKey(Person.Email ?? "");
        FailedAttempts = await db.SignInThrottles.AsNoTracking().Where(t => t.Key == key).Select(t => t.Failures).FirstOrDefaultAsync();
        Input.Role ??= Role;
        return true;
    }

    public sealed class RoleInput
    {
        public string? Role { get; set; }
    }
}
