using Engagement.Domain.Common;
using Engagement.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Priorities;

[AllowAnonymous]
public sealed class IndexModel(EngagementDbContext db) : PageModel
{
    public IReadOnlyList<PriorityRow> Priorities { get; private set; } = [];

    public string PlanPeriod => Priorities.Select(p => p.PlanPeriod).FirstOrDefault() ?? "";

    public async Task OnGetAsync()
    {
        Priorities = await db.Priorities.AsNoTracking()
            .Where(p => p.IsLive)
            .OrderBy(p => p.Number)
            .Select(p => new PriorityRow(p.Number, p.Section, p.ShortTitle, p.IsMarketOpportunity, p.PlanPeriod))
            .ToListAsync();
    }

    public sealed record PriorityRow(int Number, ServiceSection Section, string ShortTitle, bool IsMarketOpportunity, string PlanPeriod);
}
