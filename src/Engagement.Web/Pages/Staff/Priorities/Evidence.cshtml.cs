using System.Globalization;
using Engagement.Infrastructure.Text;
using Engagement.Web.Features.Priorities;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Engagement.Web.Pages.Staff.Priorities;

/// <summary>
/// A priority's evidence pack for a commissioning decision (<see cref="EvidencePackQuery"/>): a page that prints as it
/// is (the print stylesheet leaves out the header, navigation and the period form; no JavaScript), and the same rows
/// as CSV. The period is a number of quarters back from the current one; anything else is a GOV.UK error and the
/// default period.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class EvidenceModel(EvidencePackQuery query, SafeMarkdown markdown) : PageModel
{
    public EvidencePack Pack { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(int number, string? period, CancellationToken cancellationToken)
    {
        var quarters = ParsePeriod(period, ModelState);
        var pack = await query.LoadAsync(number, quarters, cancellationToken);
        if (pack is null)
        {
            return NotFound();
        }

        Pack = pack;
        return Page();
    }

    public SanitizedHtml Render(string? text) => markdown.Render(text);

    /// <summary>The period asked for, in quarters: one of <see cref="EvidencePackQuery.Periods"/>, else an error and the default.</summary>
    public static int ParsePeriod(string? period, Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState)
    {
        if (string.IsNullOrEmpty(period))
        {
            return EvidencePackQuery.Periods[0];
        }

        if (int.TryParse(period, NumberStyles.None, CultureInfo.InvariantCulture, out var quarters) && EvidencePackQuery.Periods.Contains(quarters))
        {
            return quarters;
        }

        modelState.AddModelError("period", "Select a period from the list");
        return EvidencePackQuery.Periods[0];
    }

    public static string PeriodName(int quarters) => quarters == 4 ? "The last year (4 quarters)" : $"The last {quarters / 4} years ({quarters} quarters)";
}
