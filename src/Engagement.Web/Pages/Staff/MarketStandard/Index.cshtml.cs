using Engagement.Domain.Providers;
using Engagement.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Staff.MarketStandard;

/// <summary>The engagement standard commissioners set for the whole market: its criteria, in order.</summary>
public sealed class IndexModel(EngagementDbContext db) : PageModel
{
    [TempData(Key = "Status")]
    public string? Banner { get; set; }

    public IReadOnlyList<Row> Criteria { get; private set; } = [];

    public bool IsFull => Criteria.Count >= StandardLimits.MaxCriteria;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Criteria = await db.StandardCriteria.AsNoTracking().Where(c => c.RetiredAt == null).OrderBy(c => c.Position).ThenBy(c => c.Id)
            .Select(c => new Row(new CriterionRule(c.Id, c.Name, c.Check, c.Parameter), c.Description))
            .ToListAsync(cancellationToken);

    public sealed record Row(CriterionRule Rule, string Description);
}
