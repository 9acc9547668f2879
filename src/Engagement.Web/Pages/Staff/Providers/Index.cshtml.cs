using System.Security.Claims;
using Engagement.Domain.Common;
using Engagement.Infrastructure.Data;
using Engagement.Web.Features.Providers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Staff.Providers;

/// <summary>Provider accounts waiting for a commissioner's approval.</summary>
public sealed class IndexModel(EngagementDbContext db, ReviewProviderHandler review) : PageModel
{
    public sealed record Pending(string Id, string Name, string? Email, string? Organisation, ProviderType? Type, int OtherTypes, string? CqcLocationId, bool EmailConfirmed, DateTime CreatedAt);

    public List<Pending> Accounts { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync() =>
        Accounts = await db.Users.AsNoTracking().Where(u => u.ProviderType != null && !u.IsApproved && u.RejectedAt == null && u.SuspendedAt == null)
            .OrderBy(u => u.CreatedAt)
            .Select(u => new Pending(u.Id, u.DisplayName, u.Email, u.OrganisationName, u.ProviderType, u.OtherProviderTypes, u.CqcLocationId, u.EmailConfirmed, u.CreatedAt))
            .ToListAsync();

    public async Task<IActionResult> OnPostApproveAsync(string userId, CancellationToken cancellationToken)
    {
        var approved = await review.HandleAsync(new ReviewProvider(userId ?? "", Domain.Accounts.ProviderDecision.Approve, null, User.FindFirstValue(ClaimTypes.NameIdentifier)), cancellationToken);
        StatusMessage = approved.Succeeded ? "Provider account approved" : approved.Error;
        return Redirect("/staff/providers");
    }
}
