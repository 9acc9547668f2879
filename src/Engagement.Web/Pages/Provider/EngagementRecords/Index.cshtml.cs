using System.Security.Claims;
using Engagement.Domain.Providers;
using Engagement.Domain.Responses;
using Engagement.Infrastructure.Data;
using Engagement.Web.Features.ProviderEngagement;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Provider.EngagementRecords;

/// <summary>The signed-in provider organisation's own engagement records, and nobody else's.</summary>
public sealed class IndexModel(EngagementDbContext db) : PageModel
{
    [TempData(Key = "Status")]
    public string? Banner { get; set; }

    public bool IsApproved { get; private set; }

    public string OrganisationName { get; private set; } = "";

    public string? Slug { get; private set; }

    public bool HasPublicPage { get; private set; }

    public IReadOnlyList<Row> Records { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var id = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var organisation = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new { u.OrganisationName, u.ProviderSlug }).SingleAsync(cancellationToken);
        OrganisationName = organisation.OrganisationName ?? "";
        Slug = organisation.ProviderSlug;
        IsApproved = await ProviderOrganisations.IsApprovedAsync(db, id, cancellationToken);
        Records = await db.EngagementRecords.AsNoTracking().Where(r => r.ProviderUserId == id)
            .OrderByDescending(r => r.HeldOn).ThenByDescending(r => r.Id)
            .Select(r => new Row(r.Id, r.ServiceName, r.HeldOn, r.Kind, r.Status, r.Moderation))
            .ToListAsync(cancellationToken);
        HasPublicPage = IsApproved && Slug is not null && Records.Any(r => r.Moderation == ModerationState.Approved);
        return Page();
    }

    public sealed record Row(int Id, string ServiceName, DateOnly HeldOn, EngagementKind Kind, ResponseStatus Status, ModerationState Moderation);
}
