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

namespace Engagement.Web.Pages.Staff.Events;

/// <summary>A forum's agenda for commissioners: proposed items, the agenda in order, their own items, publish.</summary>
public sealed class AgendaModel(EngagementDbContext db, FeedbackChoices choices, ManageForumAgendaHandler handler) : PageModel, IAgendaItemForm
{
    [TempData(Key = "Status")]
    public string? Banner { get; set; }

    [BindProperty]
    public AgendaItemInput Input { get; set; } = new();

    public List<PriorityChoice> PriorityChoices { get; private set; } = [];

    public Event Forum { get; private set; } = new();

    public DateTime? AgendaPublishedAt { get; private set; }

    public IReadOnlyList<Row> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostDecideAsync(int id, int itemId, AgendaDecision decision, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid || !Enum.IsDefined(decision))
        {
            return BadRequest();
        }

        var result = await handler.DecideAsync(id, itemId, decision, UserId, cancellationToken);
        return await AfterAsync(id, result, decision switch
        {
            AgendaDecision.PutOnAgenda => "Item put on the agenda",
            AgendaDecision.NotTaken => "Item marked as not taken",
            _ => "Agenda order changed",
        }, cancellationToken);
    }

    public async Task<IActionResult> OnPostAddAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        ModelState.Clear();
        if (AgendaItemForm.Read(ModelState, Input, PriorityChoices, nameof(Input)) is not { } details)
        {
            return Page();
        }

        var result = await handler.AddOwnAsync(id, details, UserId, cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddResult<AgendaItemInput>(result, nameof(Input));
            return this.NotFoundFor(result) ?? Page();
        }

        Banner = "Item added to the agenda";
        return Redirect($"/staff/events/{id}/agenda");
    }

    public async Task<IActionResult> OnPostPublishAsync(int id, CancellationToken cancellationToken) =>
        await AfterAsync(id, await handler.PublishAsync(id, UserId, cancellationToken), "Agenda published on the event page", cancellationToken);

    private async Task<IActionResult> AfterAsync(int id, Domain.Common.DomainResult result, string done, CancellationToken cancellationToken)
    {
        if (this.NotFoundFor(result) is { } notFound)
        {
            return notFound;
        }

        if (!result.Succeeded)
        {
            if (!await LoadAsync(id, cancellationToken))
            {
                return NotFound();
            }

            ModelState.Clear();
            ModelState.AddModelError("", result.Error!);
            return Page();
        }

        Banner = done;
        return Redirect($"/staff/events/{id}/agenda");
    }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        if (await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id && (e.Audience == EventAudience.CareHomeProviders || e.Audience == EventAudience.HomeCareProviders), cancellationToken) is not { } forum)
        {
            return false;
        }

        Forum = forum;
        PriorityChoices = await choices.PrioritiesAsync(cancellationToken);
        AgendaPublishedAt = await db.ForumRecords.AsNoTracking().Where(r => r.EventId == id).Select(r => r.AgendaPublishedAt).SingleOrDefaultAsync(cancellationToken);
        var items = await db.AgendaItems.AsNoTracking().Include(i => i.Priorities).Where(i => i.EventId == id)
            .OrderBy(i => i.State).ThenBy(i => i.Position).ThenBy(i => i.SubmittedAt).ThenBy(i => i.Id).ToListAsync(cancellationToken);
        var providerIds = items.Where(i => i.ProviderUserId != null).Select(i => i.ProviderUserId!).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => providerIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.OrganisationName ?? u.DisplayName, cancellationToken);
        Items = items.Select(i => new Row(i.Id, i.Topic, i.WhyItMatters, i.State, i.Position, i.ProviderUserId,
            i.ProviderUserId is null ? null : names.GetValueOrDefault(i.ProviderUserId), i.Priorities.Select(p => p.PriorityNumber).ToList())).ToList();
        return true;
    }

    /// <summary>One item; <see cref="Organisation"/> is null for a commissioner's own item.</summary>
    public sealed record Row(int Id, string Topic, string WhyItMatters, AgendaItemState State, int? Position, string? ProviderUserId, string? Organisation, IReadOnlyList<int> Priorities);
}
