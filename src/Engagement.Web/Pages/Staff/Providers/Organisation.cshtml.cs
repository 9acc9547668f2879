using System.Security.Claims;
using Engagement.Domain.Accounts;
using Engagement.Domain.Common;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Identity;
using Engagement.Web.Features.Providers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Staff.Providers;

/// <summary>
/// One provider organisation: commissioners approve or reject it; administrators also suspend or reinstate it and set
/// its kinds of care and dedicated commissioner.
/// </summary>
public sealed class OrganisationModel(EngagementDbContext db, ReviewProviderHandler review, UpdateProviderOrganisationHandler update) : PageModel
{
    public sealed record Commissioner(string Id, string Name);

    public ApplicationUser Organisation { get; private set; } = default!;

    public ProviderStanding Standing { get; private set; }

    public string? DedicatedCommissionerName { get; private set; }

    public List<Commissioner> Commissioners { get; private set; } = [];

    public bool IsAdmin => User.IsInRole(Roles.Admin);

    [BindProperty]
    public OrganisationInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string id) => await LoadAsync(id, fillInput: true) ? Page() : NotFound();

    public Task<IActionResult> OnPostApproveAsync(string id, CancellationToken cancellationToken) => DecideAsync(id, ProviderDecision.Approve, cancellationToken);

    public Task<IActionResult> OnPostRejectAsync(string id, CancellationToken cancellationToken) => DecideAsync(id, ProviderDecision.Reject, cancellationToken);

    public Task<IActionResult> OnPostSuspendAsync(string id, CancellationToken cancellationToken) => DecideAsync(id, ProviderDecision.Suspend, cancellationToken);

    public Task<IActionResult> OnPostReinstateAsync(string id, CancellationToken cancellationToken) => DecideAsync(id, ProviderDecision.Reinstate, cancellationToken);

    public async Task<IActionResult> OnPostUpdateAsync(string id, CancellationToken cancellationToken)
    {
        if (!IsAdmin)
        {
            return Forbid();
        }

        if (Input.ProviderType is null)
        {
            return await RefuseAsync(id, "Input.ProviderType", "Select what kind of care they provide");
        }

        if (ModelState.GetFieldValidationState("Input.OtherProviderTypes") == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
        {
            return await RefuseAsync(id, "Input.OtherProviderTypes", "Select only the kinds of care listed");
        }

        var result = await update.HandleAsync(new UpdateProviderOrganisation(id, Input.ProviderType.Value, Input.DedicatedCommissionerId, User.FindFirstValue(ClaimTypes.NameIdentifier), Input.OtherProviderTypes), cancellationToken);
        return await AfterAsync(id, result, "Organisation details saved");
    }

    private async Task<IActionResult> DecideAsync(string id, ProviderDecision decision, CancellationToken cancellationToken)
    {
        if (decision is ProviderDecision.Suspend or ProviderDecision.Reinstate && !IsAdmin)
        {
            return Forbid();
        }

        var reason = decision == ProviderDecision.Suspend ? Input.SuspendReason : Input.RejectReason;
        var result = await review.HandleAsync(new ReviewProvider(id, decision, reason, User.FindFirstValue(ClaimTypes.NameIdentifier)), cancellationToken);
        var field = result.Field == "Reason" ? (decision == ProviderDecision.Suspend ? "Input.SuspendReason" : "Input.RejectReason") : "";
        return await AfterAsync(id, result.ForProperty(field), "Organisation " + ProviderReview.Past(decision));
    }

    private async Task<IActionResult> AfterAsync(string id, DomainResult result, string done)
    {
        if (result.Succeeded)
        {
            TempData["Status"] = done;
            return Redirect("/staff/providers/" + Uri.EscapeDataString(id));
        }

        return await RefuseAsync(id, result.Field is { Length: > 0 } f ? (f.StartsWith("Input.", StringComparison.Ordinal) ? f : "Input." + f) : "", result.Error!);
    }

    private async Task<IActionResult> RefuseAsync(string id, string field, string message)
    {
        var posted = Input;
        ModelState.Clear();
        ModelState.AddModelError(field, message);
        if (!await LoadAsync(id, fillInput: false))
        {
            return NotFound();
        }

        Input = posted;
        return Page();
    }

    private async Task<bool> LoadAsync(string id, bool fillInput)
    {
        var organisation = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id && u.ProviderType != null);
        if (organisation is null)
        {
            return false;
        }

        Organisation = organisation;
        Standing = ProviderReview.StandingOf(organisation.IsApproved, organisation.RejectedAt, organisation.SuspendedAt);
        var staffRoles = await db.Roles.AsNoTracking().Where(r => r.Name == Roles.Commissioner || r.Name == Roles.Admin).Select(r => r.Id).ToListAsync();
        Commissioners = await db.Users.AsNoTracking()
            .Where(u => !u.IsDisabled && db.UserRoles.Any(r => r.UserId == u.Id && staffRoles.Contains(r.RoleId)))
            .OrderBy(u => u.DisplayName)
            .Select(u => new Commissioner(u.Id, u.DisplayName))
            .ToListAsync();
        DedicatedCommissionerName = organisation.DedicatedCommissionerId is null
            ? null
            : await db.Users.AsNoTracking().Where(u => u.Id == organisation.DedicatedCommissionerId).Select(u => u.DisplayName).FirstOrDefaultAsync();
        if (fillInput)
        {
            Input = new OrganisationInput
            {
                ProviderType = organisation.ProviderType,
                OtherProviderTypes = ProviderTypeSet.FromMask(organisation.OtherProviderTypes).ToList(),
                DedicatedCommissionerId = organisation.DedicatedCommissionerId,
            };
        }

        return true;
    }

    public sealed class OrganisationInput
    {
        public string? RejectReason { get; set; }
        public string? SuspendReason { get; set; }
        public ProviderType? ProviderType { get; set; }
        public List<ProviderType>? OtherProviderTypes { get; set; }
        public string? DedicatedCommissionerId { get; set; }
    }
}
