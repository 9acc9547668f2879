using System.Security.Claims;
using Engagement.Domain.Events;
using Engagement.Domain.Forums;
using Engagement.Infrastructure.Data;
using Engagement.Web.Features.Forms;
using Engagement.Web.Features.Forums;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Provider.Forums;

/// <summary>One of the organisation's own agenda suggestions (another organisation's is a 404): its state, and withdraw while undecided.</summary>
public sealed class ItemModel(EngagementDbContext db, TimeProvider clock) : PageModel
{
    [TempData(Key = "Status")]
    public string? Banner { get; set; }

    public AgendaItem Item { get; private set; } = null!;

    public Event Forum { get; private set; } = new();

    public List<(int Number, string Title)> Priorities { get; private set; } = [];

    public bool CanWithdraw { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostWithdrawAsync(int id, [FromServices] ManageForumAgendaHandler handler, CancellationToken cancellationToken)
    {
        var result = await handler.WithdrawAsync(id, OrganisationId, cancellationToken);
        if (this.NotFoundFor(result) is { } notFound)
        {
            return notFound;
        }

        if (!result.Succeeded)
        {
            await LoadAsync(id, cancellationToken);
            ModelState.AddModelError("", result.Error!);
            return Page();
        }

        Banner = "Your suggestion has been withdrawn";
        return Redirect("/provider/forums");
    }

    private string OrganisationId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var item = await db.AgendaItems.AsNoTracking().Include(i => i.Priorities)
            .SingleOrDefaultAsync(i => i.Id == id && i.ProviderUserId == OrganisationId, cancellationToken);
        if (item is null)
        {
            return false;
        }

        Item = item;
        Forum = await db.Events.AsNoTracking().SingleAsync(e => e.Id == item.EventId, cancellationToken);
        var numbers = item.Priorities.Select(p => p.PriorityNumber).ToList();
        Priorities = (await db.Priorities.AsNoTracking().Where(p => numbers.Contains(p.Number)).OrderBy(p => p.Number)
            .Select(p => new { p.Number, p.ShortTitle }).ToListAsync(cancellationToken)).Select(p => (p.Number, p.ShortTitle)).ToList();
        CanWithdraw = item.CheckWithdraw(Forum, await ManageForumAgendaHandler.IsAgendaPublishedAsync(db, Forum.Id, cancellationToken), clock.GetUtcNow().UtcDateTime).Succeeded;
        return true;
    }
}
