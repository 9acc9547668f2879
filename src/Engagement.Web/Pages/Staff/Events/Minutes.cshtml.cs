using System.Security.Claims;
using Engagement.Domain.Events;
using Engagement.Domain.Forums;
using Engagement.Domain.Responses;
using Engagement.Infrastructure.Data;
using Engagement.Web.Features.Forms;
using Engagement.Web.Features.Forums;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Staff.Events;

/// <summary>After a forum: publish (or correct) its minutes, record its actions and turn each into a "You said, we did" entry.</summary>
public sealed class MinutesModel(EngagementDbContext db, ForumMinutesHandler handler, TimeProvider clock) : PageModel
{
    [TempData(Key = "Status")]
    public string? Banner { get; set; }

    [BindProperty]
    public MinutesInput Input { get; set; } = new();

    [BindProperty]
    public ActionInput NewAction { get; set; } = new();

    public Event Forum { get; private set; } = new();

    public bool HasEnded { get; private set; }

    public DateTime? MinutesPublishedAt { get; private set; }

    public IReadOnlyList<(int Id, string Topic)> AgendaItems { get; private set; } = [];

    public IReadOnlyList<ActionRow> Actions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input.Minutes = await db.ForumRecords.AsNoTracking().Where(r => r.EventId == id).Select(r => r.MinutesMarkdown).SingleOrDefaultAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        ModelState.Clear();
        var result = await handler.PublishMinutesAsync(id, Input.Minutes, UserId, cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddResult<MinutesInput>(result, nameof(Input));
            return this.NotFoundFor(result) ?? Page();
        }

        Banner = MinutesPublishedAt is null ? "Minutes published on the event page" : "Minutes updated on the event page";
        return Redirect($"/staff/events/{id}/minutes");
    }

    public async Task<IActionResult> OnPostActionAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        ModelState.Clear();
        var result = await handler.RecordActionAsync(id, NewAction.Text, NewAction.AgendaItemIds, UserId, cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddResult<ActionInput>(result, nameof(NewAction));
            return this.NotFoundFor(result) ?? Page();
        }

        Banner = "Action recorded";
        return Redirect($"/staff/events/{id}/minutes#actions");
    }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        if (await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id && (e.Audience == EventAudience.CareHomeProviders || e.Audience == EventAudience.HomeCareProviders), cancellationToken) is not { } forum)
        {
            return false;
        }

        Forum = forum;
        HasEnded = forum.HasEnded(clock.GetUtcNow().UtcDateTime);
        MinutesPublishedAt = await db.ForumRecords.AsNoTracking().Where(r => r.EventId == id).Select(r => r.MinutesPublishedAt).SingleOrDefaultAsync(cancellationToken);
        AgendaItems = (await db.AgendaItems.AsNoTracking().Where(i => i.EventId == id && i.State == AgendaItemState.OnAgenda)
            .OrderBy(i => i.Position).Select(i => new { i.Id, i.Topic }).ToListAsync(cancellationToken)).Select(i => (i.Id, i.Topic)).ToList();
        Actions = await (
                from action in db.ForumActions.AsNoTracking()
                where action.EventId == id
                join entry in db.ResponseEntries.AsNoTracking() on action.ResponseEntryId equals entry.Id into entries
                from entry in entries.DefaultIfEmpty()
                orderby action.CreatedAt, action.Id
                select new ActionRow(action.Id, action.Text, action.Sources.Count, entry == null ? null : entry.Id, entry == null ? null : entry.Reference,
                    entry == null ? null : entry.Status, entry != null && entry.IsPublished))
            .ToListAsync(cancellationToken);
        return true;
    }

    public sealed record ActionRow(int Id, string Text, int Sources, int? EntryId, string? EntryReference, ResponseStatus? EntryStatus, bool EntryPublished);

    public sealed class MinutesInput
    {
        public string? Minutes { get; set; }
    }

    public sealed class ActionInput
    {
        public string? Text { get; set; }
        public List<int> AgendaItemIds { get; set; } = [];
    }
}
