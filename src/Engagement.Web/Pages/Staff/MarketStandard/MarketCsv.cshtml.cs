using System.Globalization;
using Engagement.Domain.Common;
using Engagement.Domain.Providers;
using Engagement.Infrastructure.Text;
using Engagement.Web.Features.EngagementStandard;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Engagement.Web.Pages.Staff.MarketStandard;

/// <summary>The market view as CSV: one row per provider per quarter, a column per criterion (through <see cref="SpreadsheetCsv"/>, injection-safe).</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class MarketCsvModel(MarketStandardQuery standard) : PageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var market = await standard.MarketAsync(null, cancellationToken);
        IEnumerable<string> header = ["Organisation", "Type of service", "Dedicated commissioner", "Quarter", "Quarter starts", "Position", "Records held", .. market.Criteria.Select(c => c.Name)];
        var rows = market.Providers.SelectMany(p => new[] { p.Last, p.Current }.Select(q => Row(p, q)));
        var bytes = await SpreadsheetCsv.ToBytesAsync(header, rows);
        var name = $"engagement-standard-{market.Current.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.csv";
        return File(bytes, "text/csv; charset=utf-8", name);
    }

    private static IEnumerable<string?> Row(ProviderStanding p, StandardPosition q) =>
    [
        p.Organisation, p.Type.Name(), p.CommissionerName ?? "", q.Quarter.Code, q.Quarter.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        q.Outcome.Name(), q.RecordCount.ToString(CultureInfo.InvariantCulture), .. q.Criteria.Select(c => c.Outcome.Name()),
    ];
}
