using System.Security.Claims;
using Engagement.Infrastructure.Identity;
using Engagement.Web.Features.Admin;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Engagement.Web.Pages.Admin.Staff;

public sealed class InviteModel(InviteStaffHandler handler) : PageModel
{
    [BindProperty]
    public InviteInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        if (string.IsNullOrWhiteSpace(Input.Name))
        {
            ModelState.AddModelError("Input.Name", "Enter their full name");
        }
        else if (Input.Name.Trim().Length > 200)
        {
            ModelState.AddModelError("Input.Name", "Name must be 200 characters or fewer");
        }

        if (string.IsNullOrWhiteSpace(Input.Email))
        {
            ModelState.AddModelError("Input.Email", "Enter their work email address");
        }
        else if (Input.Email.Trim().Length > 320 || !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(Input.Email.Trim()))
        {
            ModelState.AddModelError("Input.Email", "Enter an email address in the correct format, like name@example.gov.uk");
        }
        if (Input.Role is not (Roles.Commissioner or Roles.Admin))
        {
            ModelState.AddModelError("Input.Role", "Select commissioner or administrator");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await handler.HandleAsync(new InviteStaff(Input.Name!, Input.Email!, Input.Role!, User.FindFirstValue(ClaimTypes.NameIdentifier)), cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddModelError("Input." + (result.Field ?? "Email"), result.Error!);
            return Page();
        }

        TempData["Status"] = "Invitation sent";
        return Redirect("/admin/staff");
    }

    public sealed class InviteInput
    {
        public string? Name { get; set; }
        public string? Email { get; set; }
        public string? Role { get; set; }
    }
}
