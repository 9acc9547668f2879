using Engagement.Domain.Providers;
using Engagement.Infrastructure.Data;
using Engagement.Web.Features.EngagementStandard;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Staff.MarketStandard;

/// <summary>A commissioner changes a criterion, or removes it from the standard (its judgements stay).</summary>
public sealed class EditModel(EngagementDbContext db, SaveCriterionHandler handler) : CriterionFormPage
{
    public override string SaveLabel => "Save the criterion";

    public string CurrentName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not { } criterion)
        {
            return NotFound();
        }

        Input = new CriterionInput
        {
            Name = criterion.Name,
            Description = criterion.Description,
            Check = criterion.Check,
            Parameter = criterion.Parameter?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Version = criterion.Version,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is null)
        {
            return NotFound();
        }

        if (Read() is not { } definition)
        {
            return Page();
        }

        var result = await handler.HandleAsync(new SaveCriterion(id, Input.Version, definition, UserId), cancellationToken);
        if (!result.Succeeded)
        {
            return Refused(result);
        }

        Banner = "Criterion saved";
        return Redirect("/staff/market-standard");
    }

    public async Task<IActionResult> OnPostRetireAsync(int id, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is null)
        {
            return NotFound();
        }

        var result = await handler.RetireAsync(new RetireCriterion(id, Input.Version, UserId), cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.Clear();
            return Refused(result);
        }

        Banner = "Criterion removed from the standard";
        return Redirect("/staff/market-standard");
    }

    private async Task<StandardCriterion?> FindAsync(int id, CancellationToken cancellationToken)
    {
        var criterion = await db.StandardCriteria.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id && c.RetiredAt == null, cancellationToken);
        CurrentName = criterion?.Name ?? "";
        return criterion;
    }
}
