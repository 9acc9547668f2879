using System.Security.Claims;
using Engagement.Web.Features.EngagementStandard;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Engagement.Web.Pages.Staff.MarketStandard;

/// <summary>
/// Every approved provider against the standard for the last and the current quarter, by type of service; the
/// providers the signed-in commissioner is dedicated to come first.
/// </summary>
public sealed class MarketModel(MarketStandardQuery standard) : PageModel
{
    public MarketPicture Market { get; private set; } = default!;

    public IReadOnlyList<ProviderStanding> Yours { get; private set; } = [];

    public IReadOnlyList<IGrouping<Domain.Common.ProviderType, ProviderStanding>> Others { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier);
        Market = await standard.MarketAsync(null, cancellationToken);
        Yours = Market.Providers.Where(p => p.CommissionerId == me).ToList();
        Others = Market.Providers.Where(p => p.CommissionerId != me).GroupBy(p => p.Type).ToList();
    }
}
