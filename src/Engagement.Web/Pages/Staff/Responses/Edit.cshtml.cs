using Engagement.Domain.Common;
using Engagement.Domain.Feedback;
using Engagement.Domain.Responses;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Text;
using Engagement.Web.Features.Feedback;
using Engagement.Web.Features.Forms;
using Engagement.Web.Features.Responses;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Staff.Responses;

/// <summary>Edit an entry, preview it, move its status, publish or unpublish it. Every form carries the entry's version.</summary>
public sealed class EditModel(EngagementDbContext db, FeedbackChoices choices, SafeMarkdown markdown)
    : EntryFormPage(db, choices, markdown)
{
    [BindProperty]
    public StatusInput Move { get; set; } = new();

    [BindProperty]
    public Guid PublishVersion { get; set; }

    public ResponseEntry Entry { get; private set; } = default!;

    public IReadOnlyList<LinkedItem> LinkedItems { get; private set; } = [];

    public IReadOnlyList<ResponseStatus> AllowedStatuses { get; private set; } = [];

    public override string SaveLabel => "Save changes";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadEntryAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input = new EntryInput
        {
            Title = Entry.Title,
            YouSaidSummary = Entry.YouSaidSummary,
            WeDidMarkdown = Entry.WeDidMarkdown,
            Priorities = Entry.Priorities.Select(p => p.PriorityNumber).ToList(),
            Section = Entry.Section,
            OwnerTeam = Entry.OwnerTeam,
            TargetDate = DateInput.From(Entry.TargetDate),
            FeedbackReferences = string.Join("\n", LinkedItems.Select(i => i.Reference)),
            EventIds = Entry.Events.Select(e => e.EventId).ToList(),
            Version = Entry.Version,
        };
        Move = new StatusInput { Version = Entry.Version, TargetDate = DateInput.From(Entry.TargetDate) };
        await LoadChoicesAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, [FromServices] SaveResponseEntryHandler handler, CancellationToken cancellationToken)
    {
        if (!await LoadEntryAsync(id, cancellationToken))
        {
            return NotFound();
        }

        await LoadChoicesAsync(cancellationToken);
        if (Validate() is not { } valid)
        {
            return Page();
        }

        var result = await handler.HandleAsync(Command(id, valid.TargetDate, valid.References), cancellationToken);
        if (!result.Succeeded)
        {
            return Refused(result) ?? Page();
        }

        Banner = Entry.IsPublished ? "Changes saved and published" : "Changes saved";
        return Redirect($"/staff/responses/{id}");
    }

    public async Task<IActionResult> OnPostPreviewAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadEntryAsync(id, cancellationToken))
        {
            return NotFound();
        }

        await LoadChoicesAsync(cancellationToken);
        if (Validate() is { } valid)
        {
            Preview = PreviewOf(Entry.Reference, Entry.Status, valid.TargetDate, EntryTimelineItem.From(Entry.History), Entry.LastUpdatedAt);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostStatusAsync(int id, [FromServices] ChangeResponseStatusHandler handler, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var target = Move.TargetDate.TryRead(ModelState, "Move.TargetDate", "Target date");
        if ((Move.Note?.Length ?? 0) > ResponseLimits.NoteMaxLength)
        {
            ModelState.AddModelError("Move.Note", "The note must be 2,000 characters or fewer");
        }

        if (ModelState.IsValid)
        {
            var result = await handler.HandleAsync(new ChangeResponseStatus(id, Move.Version, Move.NewStatus, Move.Note, target, UserId), cancellationToken);
            if (result.Succeeded)
            {
                Banner = $"Status changed to {Move.NewStatus!.Value.Name().ToLowerInvariant()}";
                return Redirect($"/staff/responses/{id}");
            }

            if (this.NotFoundFor(result) is { } notFound)
            {
                return notFound;
            }

            ModelState.AddResult<StatusInput>(result, nameof(Move));
        }

        return await ReshowAsync(id, keepMove: true, cancellationToken);
    }

    public Task<IActionResult> OnPostPublishAsync(int id, [FromServices] PublishResponseEntryHandler handler, CancellationToken cancellationToken) =>
        PublishAsync(id, true, handler, cancellationToken);

    public Task<IActionResult> OnPostUnpublishAsync(int id, [FromServices] PublishResponseEntryHandler handler, CancellationToken cancellationToken) =>
        PublishAsync(id, false, handler, cancellationToken);

    private async Task<IActionResult> PublishAsync(int id, bool publish, PublishResponseEntryHandler handler, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var result = await handler.HandleAsync(new PublishResponseEntry(id, PublishVersion, publish, UserId), cancellationToken);
        if (result.Succeeded)
        {
            Banner = publish ? "Published. The entry is now public" : "Unpublished. The entry is no longer public";
            return Redirect($"/staff/responses/{id}");
        }

        if (this.NotFoundFor(result) is { } notFound)
        {
            return notFound;
        }

        ModelState.AddModelError("", result.Error!);
        return await ReshowAsync(id, keepMove: false, cancellationToken);
    }

    /// <summary>After a refused status or publish action: the page as stored, with the error.</summary>
    private async Task<IActionResult> ReshowAsync(int id, bool keepMove, CancellationToken cancellationToken)
    {
        var move = Move;
        var result = await OnGetAsync(id, cancellationToken);
        if (keepMove)
        {
            Move = new StatusInput { NewStatus = move.NewStatus, Note = move.Note, TargetDate = move.TargetDate, Version = Entry.Version };
        }

        return result;
    }

    private async Task<bool> LoadEntryAsync(int id, CancellationToken cancellationToken)
    {
        var entry = await Db.ResponseEntries.AsNoTracking()
            .Include(e => e.History).Include(e => e.Priorities).Include(e => e.Events)
            .AsSplitQuery()
            .SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (entry is null)
        {
            return false;
        }

        Entry = entry;
        PublishVersion = entry.Version;
        AllowedStatuses = StatusWorkflow.AllowedFrom(entry.Status);
        LinkedItems = await Db.FeedbackItems.AsNoTracking().Where(f => f.ResponseEntryId == id).OrderBy(f => f.Id)
            .Select(f => new LinkedItem(f.Id, f.Reference, FeedbackItem.StateOf(f.Flag, f.ResponseEntryId != null, f.ResponseEntry != null && f.ResponseEntry.IsPublished, f.FirstLookedAt), f.ConsentToProgressUpdates && f.ContactEmail != null && f.Flag != FeedbackFlag.SafeguardingConcern))
            .ToListAsync(cancellationToken);
        return true;
    }

    public sealed class StatusInput
    {
        public ResponseStatus? NewStatus { get; set; }
        public string? Note { get; set; }
        public DateInput TargetDate { get; set; } = new();
        public Guid Version { get; set; }
    }

    public sealed record LinkedItem(int Id, string Reference, FeedbackState State, bool GetsProgressEmails);
}
