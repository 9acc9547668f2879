using Engagement.Web.Features.EngagementStandard;
using Microsoft.AspNetCore.Mvc;

namespace Engagement.Web.Pages.Staff.MarketStandard;

/// <summary>A commissioner adds a criterion to the market standard.</summary>
public sealed class NewModel(SaveCriterionHandler handler) : CriterionFormPage
{
    public override string SaveLabel => "Add the criterion";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Read() is not { } definition)
        {
            return Page();
        }

        var result = await handler.HandleAsync(new SaveCriterion(null, null, definition, UserId), cancellationToken);
        if (!result.Succeeded)
        {
            return Refused(result);
        }

        Banner = "Criterion added to the standard";
        return Redirect("/staff/market-standard");
    }
}
