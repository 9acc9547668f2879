using Engagement.Domain.Accounts;
using Engagement.Domain.Common;
using Engagement.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Admin.Providers;

/// <summary>Every provider organisation, with its standing and dedicated commissioner.</summary>
public sealed class IndexModel(EngagementDbContext db) : PageModel
{
    public sealed record Row(string Id, string? Organisation, string Kinds, ProviderStanding Standing, string? Commissioner, DateTime CreatedAt);

    public List<Row> Organisations { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var rows = await db.Users.AsNoTracking()
            .Where(u => u.ProviderType != null)
            .OrderBy(u => u.OrganisationName)
            .Select(u => new
            {
                u.Id,
                u.OrganisationName,
                u.ProviderType,
                u.OtherProviderTypes,
                u.IsApproved,
                u.RejectedAt,
                u.SuspendedAt,
                Commissioner = db.Users.Where(c => c.Id == u.DedicatedCommissionerId).Select(c => c.DisplayName).FirstOrDefault(),
                u.CreatedAt,
            })
            .ToListAsync();
        Organisations = rows.Select(r => new Row(r.Id, r.OrganisationName, ProviderTypeSet.Describe(r.ProviderType, r.OtherProviderTypes), ProviderReview.StandingOf(r.IsApproved, r.RejectedAt, r.SuspendedAt), r.Commissioner, r.CreatedAt)).ToList();
    }
}
