using System.Globalization;
using System.Security.Claims;
using Engagement.Domain.Common;
using Engagement.Domain.Providers;
using Engagement.Web.Features.EngagementStandard;
using Engagement.Web.Features.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Engagement.Web.Pages.Staff.MarketStandard;

/// <summary>What the add and change pages of a criterion share: the form (<c>_CriterionForm</c>) and its one raw check (the number as typed).</summary>
public abstract class CriterionFormPage : PageModel
{
    [TempData(Key = "Status")]
    public string? Banner { get; set; }

    [BindProperty]
    public CriterionInput Input { get; set; } = new();

    public abstract string SaveLabel { get; }

    protected string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    /// <summary>The definition for the handler, or null with every error shown.</summary>
    protected CriterionDefinition? Read()
    {
        ModelState.Clear();
        int? number = null;
        if (!string.IsNullOrWhiteSpace(Input.Parameter) && Input.Check is { } how && how.Range() is not null)
        {
            if (int.TryParse(Input.Parameter.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                number = n;
            }
            else
            {
                ModelState.AddModelError("Input.Parameter", $"Enter {how.ParameterQuestion()} as a number, like 2");
            }
        }

        var definition = new CriterionDefinition(Input.Name, Input.Description, Input.Check, number);
        foreach (var error in StandardCriterion.Validate(definition).Errors.Where(e => e.Property is not null && !ModelState.ContainsKey("Input." + e.Property)))
        {
            ModelState.AddModelError("Input." + error.Property, error.Message);
        }

        return ModelState.IsValid ? definition : null;
    }

    /// <summary>A refused save: errors beside their fields, the rest at the top; the 404 page when not found.</summary>
    protected IActionResult Refused(IDomainResult result)
    {
        if (this.NotFoundFor(result) is { } notFound)
        {
            return notFound;
        }

        ModelState.AddResult<CriterionInput>(result, nameof(Input));
        return Page();
    }

    public sealed class CriterionInput
    {
        public string? Name { get; set; }
        public string? Description { get; set; }
        public CriterionCheck? Check { get; set; }

        /// <summary>As typed, so "two" gets its own message.</summary>
        public string? Parameter { get; set; }

        public Guid Version { get; set; }
    }
}
