using Engagement.Domain.Privacy;
using Engagement.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Staff.DataRequests;

/// <summary>Open data protection requests, soonest due first, with those due soon or overdue marked in words.</summary>
public sealed class IndexModel(EngagementDbContext db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<DataRequest> Open { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        Open = await db.DataRequests.AsNoTracking().Where(r => r.CompletedAt == null).OrderBy(r => r.DueOn).ThenBy(r => r.Id).Take(500).ToListAsync(cancellationToken);
    }
}
