using Engagement.Domain.Providers;
using Engagement.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Staff.ProviderEngagement;

/// <summary>The review queue: providers' records waiting for a commissioner, oldest change first; then recent decisions.</summary>
public sealed class IndexModel(EngagementDbContext db) : PageModel
{
    [Microsoft.AspNetCore.Mvc.TempData(Key = "Status")]
    public string? Banner { get; set; }

    public IReadOnlyList<Row> Waiting { get; private set; } = [];

    public IReadOnlyList<Row> Reviewed { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var rows = db.EngagementRecords.AsNoTracking()
            .Join(db.Users, r => r.ProviderUserId, u => u.Id, (r, u) => new { r, u.OrganisationName });
        Waiting = await rows.Where(x => x.r.Moderation == ModerationState.WaitingForReview)
            .OrderBy(x => x.r.LastUpdatedAt).ThenBy(x => x.r.Id)
            .Select(x => new Row(x.r.Id, x.OrganisationName ?? "", x.r.ServiceName, x.r.ServiceType, x.r.HeldOn, x.r.Moderation, x.r.LastUpdatedAt))
            .Take(500)
            .ToListAsync(cancellationToken);
        Reviewed = await rows.Where(x => x.r.Moderation != ModerationState.WaitingForReview)
            .OrderByDescending(x => x.r.ReviewedAt).ThenByDescending(x => x.r.Id)
            .Select(x => new Row(x.r.Id, x.OrganisationName ?? "", x.r.ServiceName, x.r.ServiceType, x.r.HeldOn, x.r.Moderation, x.r.LastUpdatedAt))
            .Take(50)
            .ToListAsync(cancellationToken);
    }

    public sealed record Row(int Id, string Organisation, string ServiceName, ProviderServiceType ServiceType, DateOnly HeldOn, ModerationState Moderation, DateTime LastUpdatedAt);
}
