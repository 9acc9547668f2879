using System.Security.Claims;
using Engagement.Domain.Providers;
using Engagement.Infrastructure.Data;
using Engagement.Web.Features.Forms;
using Engagement.Web.Features.ProviderEngagement;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Staff.ProviderEngagement;

/// <summary>One provider record as the commissioner reviews it: approve it for publication, or send it back with a reason.</summary>
public sealed class RecordModel(EngagementDbContext db) : PageModel
{
    [TempData(Key = "Status")]
    public string? Banner { get; set; }

    [BindProperty]
    public ReviewInput Review { get; set; } = new();

    public EngagementRecord Record { get; private set; } = default!;

    public string OrganisationName { get; private set; } = "";

    public string? Slug { get; private set; }

    public IReadOnlyList<string> PriorityTitles { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Review = new ReviewInput { Version = Record.Version };
        return Page();
    }

    public Task<IActionResult> OnPostApproveAsync(int id, [FromServices] ReviewEngagementRecordHandler handler, CancellationToken cancellationToken) =>
        DecideAsync(id, true, handler, cancellationToken);

    public Task<IActionResult> OnPostSendBackAsync(int id, [FromServices] ReviewEngagementRecordHandler handler, CancellationToken cancellationToken) =>
        DecideAsync(id, false, handler, cancellationToken);

    private async Task<IActionResult> DecideAsync(int id, bool approve, ReviewEngagementRecordHandler handler, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var reviewer = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var result = await handler.HandleAsync(new ReviewEngagementRecord(id, Review.Version, approve, Review.Reason, reviewer), cancellationToken);
        if (result.Succeeded)
        {
            Banner = approve ? "Approved. The record is now public" : "Sent back to the provider with your reason";
            return Redirect("/staff/provider-engagement");
        }

        if (this.NotFoundFor(result) is { } notFound)
        {
            return notFound;
        }

        ModelState.AddResult<ReviewInput>(result, nameof(Review));
        var reason = Review.Reason;
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Review = new ReviewInput { Reason = reason, Version = Record.Version };
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var record = await db.EngagementRecords.AsNoTracking()
            .Include(r => r.History).Include(r => r.Priorities).AsSplitQuery()
            .SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (record is null)
        {
            return false;
        }

        Record = record;
        var organisation = await db.Users.AsNoTracking().Where(u => u.Id == record.ProviderUserId)
            .Select(u => new { u.OrganisationName, u.ProviderSlug }).SingleAsync(cancellationToken);
        OrganisationName = organisation.OrganisationName ?? "";
        Slug = organisation.ProviderSlug;
        var numbers = record.Priorities.Select(p => p.PriorityNumber).ToList();
        PriorityTitles = await db.Priorities.AsNoTracking().Where(p => numbers.Contains(p.Number)).OrderBy(p => p.Number)
            .Select(p => p.Number + ". " + p.ShortTitle).ToListAsync(cancellationToken);
        return true;
    }

    public sealed class ReviewInput
    {
        public string? Reason { get; set; }
        public Guid Version { get; set; }
    }
}
