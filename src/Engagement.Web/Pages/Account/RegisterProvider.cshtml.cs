using Engagement.Domain.Common;
using Engagement.Domain.Events;
using Engagement.Web.Features.Events;
using Engagement.Web.Features.Feedback;
using Engagement.Web.Features.Forms;
using Engagement.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Engagement.Web.Pages.Account;

/// <summary>A care provider registers an account; a commissioner approves it before it can book forums.</summary>
[AllowAnonymous]
public sealed class RegisterProviderModel(ProviderAccounts providers) : PageModel
{
    [BindProperty]
    public ProviderInput Input { get; set; } = new();

    public bool Registered { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (this.OverSubmissionLimit() is { } limited)
        {
            return limited;
        }

        var otherTypesUnreadable = ModelState.GetFieldValidationState("Input.OtherProviderTypes") == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid;
        ModelState.Clear();
        PersonDetails.RequireNameAndEmail(ModelState, "Input", Input.Name, Input.Email);

        if (string.IsNullOrEmpty(Input.Password))
        {
            ModelState.AddModelError("Input.Password", "Enter a password");
        }
        else if (Input.Password.Length > 200)
        {
            ModelState.AddModelError("Input.Password", "Password must be 200 characters or fewer");
        }

        if (string.IsNullOrWhiteSpace(Input.OrganisationName))
        {
            ModelState.AddModelError("Input.OrganisationName", "Enter the name of your organisation");
        }
        else if (Input.OrganisationName.Trim().Length > EventLimits.OrganisationMaxLength)
        {
            ModelState.AddModelError("Input.OrganisationName", "Organisation name must be 200 characters or fewer");
        }

        if (Input.ProviderType is null || !Enum.IsDefined(Input.ProviderType.Value))
        {
            ModelState.AddModelError("Input.ProviderType", "Select what kind of care you provide");
        }

        if (otherTypesUnreadable)
        {
            ModelState.AddModelError("Input.OtherProviderTypes", "Select only the kinds of care listed");
        }

        if (!string.IsNullOrWhiteSpace(Input.CqcLocationId) && !System.Text.RegularExpressions.Regex.IsMatch(Input.CqcLocationId.Trim(), "^1-[0-9]{6,12}$"))
        {
            ModelState.AddModelError("Input.CqcLocationId", "Enter a CQC location ID in the correct format, like 1-123456789");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var errors = await providers.RegisterAsync(
            new RegisterProvider(Input.Name!, Input.Email!.Trim(), Input.Password!, Input.OrganisationName!, Input.ProviderType!.Value, Input.CqcLocationId, Input.OtherProviderTypes),
            cancellationToken);
        if (errors.Count > 0)
        {
            foreach (var (field, message) in errors)
            {
                ModelState.AddModelError("Input." + field, message);
            }

            return Page();
        }

        Registered = true;
        return Page();
    }

    public sealed class ProviderInput
    {
        public string? Name { get; set; }
        public string? Email { get; set; }
        public string? Password { get; set; }
        public string? OrganisationName { get; set; }
        public ProviderType? ProviderType { get; set; }
        public List<ProviderType>? OtherProviderTypes { get; set; }
        public string? CqcLocationId { get; set; }
    }
}
