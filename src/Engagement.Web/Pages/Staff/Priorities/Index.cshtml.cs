using Engagement.Domain.Priorities;
using Engagement.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Staff.Priorities;

/// <summary>The 18 commissioning priorities, each linking to its evidence pack.</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class IndexModel(EngagementDbContext db) : PageModel
{
    public IReadOnlyList<Priority> Priorities { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Priorities = await db.Priorities.AsNoTracking().OrderBy(p => p.Number).ToListAsync(cancellationToken);
}
