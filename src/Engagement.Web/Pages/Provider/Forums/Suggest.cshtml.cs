using System.Security.Claims;
using Engagement.Domain.Events;
using Engagement.Domain.Forums;
using Engagement.Infrastructure.Data;
using Engagement.Web.Features.Feedback;
using Engagement.Web.Features.Forms;
using Engagement.Web.Features.Forums;
using Engagement.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Provider.Forums;

/// <summary>
/// A provider suggests an agenda item for one forum. A provider of another audience, or after the cut-off, is told why
/// instead of seeing the form, and a post is refused with the same message; nothing is saved.
/// </summary>
public sealed class SuggestModel(EngagementDbContext db, FeedbackChoices choices, TimeProvider clock) : PageModel, IAgendaItemForm
{
    [TempData(Key = "Status")]
    public string? Banner { get; set; }

    [BindProperty]
    public AgendaItemInput Input { get; set; } = new();

    public List<PriorityChoice> PriorityChoices { get; private set; } = [];

    public Event Forum { get; private set; } = new();

    /// <summary>Why this organisation cannot suggest an item for this forum now, or null.</summary>
    public string? CannotSuggest { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, [FromServices] ManageForumAgendaHandler handler, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        ModelState.Clear();
        if (CannotSuggest is not null)
        {
            ModelState.AddModelError("", CannotSuggest);
            return Page();
        }

        if (AgendaItemForm.Read(ModelState, Input, PriorityChoices, nameof(Input)) is not { } details)
        {
            return Page();
        }

        var result = await handler.ProposeAsync(id, User.FindFirstValue(ClaimTypes.NameIdentifier)!, details, cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddResult<AgendaItemInput>(result, nameof(Input));
            return this.NotFoundFor(result) ?? Page();
        }

        Banner = "Agenda item sent. A commissioner will decide whether to put it on the agenda";
        return Redirect($"/provider/forums/items/{result.Value}");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        if (await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken) is not { } forum)
        {
            return false;
        }

        Forum = forum;
        PriorityChoices = await choices.PrioritiesAsync(cancellationToken);
        var provider = await Features.Providers.ProviderRegistrant.ForProviderAsync(db, User.FindFirstValue(ClaimTypes.NameIdentifier)!, cancellationToken);
        var published = await ManageForumAgendaHandler.IsAgendaPublishedAsync(db, id, cancellationToken);
        CannotSuggest = ForumAgenda.CanPropose(forum, provider, published, clock.GetUtcNow().UtcDateTime).Error;
        return true;
    }
}
