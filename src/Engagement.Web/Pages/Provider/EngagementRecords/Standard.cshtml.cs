using System.Security.Claims;
using Engagement.Domain.Providers;
using Engagement.Infrastructure.Data;
using Engagement.Web.Features.EngagementStandard;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Provider.EngagementRecords;

/// <summary>The signed-in organisation's own position against the engagement standard, and nobody else's: what is met and what is missing.</summary>
public sealed class StandardModel(MarketStandardQuery standard, EngagementDbContext db) : PageModel
{
    public string OrganisationName { get; private set; } = "";

    public bool IsApproved { get; private set; }

    public MarketPicture Market { get; private set; } = default!;

    public ProviderStanding? Standing { get; private set; }

    public IReadOnlyList<(CriterionRule Rule, string Description)> Criteria { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var id = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        OrganisationName = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.OrganisationName ?? u.DisplayName).SingleAsync(cancellationToken);
        Market = await standard.MarketAsync(id, cancellationToken);
        Standing = Market.Providers.SingleOrDefault();
        IsApproved = Standing is not null;
        var descriptions = await db.StandardCriteria.AsNoTracking().Where(c => c.RetiredAt == null).ToDictionaryAsync(c => c.Id, c => c.Description, cancellationToken);
        Criteria = Market.Criteria.Select(c => (c, descriptions.GetValueOrDefault(c.Id, ""))).ToList();
    }
}
