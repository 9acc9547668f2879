using Engagement.Domain.Providers;
using Engagement.Domain.Responses;
using Engagement.Infrastructure.Data;
using Engagement.Web.Features.Feedback;
using Engagement.Web.Features.Forms;
using Engagement.Web.Features.ProviderEngagement;
using Engagement.Web.Features.Responses;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Provider.EngagementRecords;

/// <summary>
/// One of the organisation's own records: edit it, move its status, read its history and any reason a commissioner
/// sent it back. Another organisation's record is a 404, for every handler.
/// </summary>
public sealed class EditModel(EngagementDbContext db, FeedbackChoices choices, TimeProvider clock) : RecordFormPage(db, choices, clock)
{
    [BindProperty]
    public StatusInput Move { get; set; } = new();

    public EngagementRecord Record { get; private set; } = default!;

    public IReadOnlyList<ResponseStatus> AllowedStatuses { get; private set; } = [];

    public override string SaveLabel => "Save changes and send for review";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await IsApprovedAsync(cancellationToken))
        {
            return Forbid();
        }

        if (!await LoadRecordAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input = RecordInput.From(Record);
        Move = new StatusInput { Version = Record.Version, TargetDate = DateInput.From(Record.TargetDate) };
        await LoadChoicesAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, [FromServices] SaveEngagementRecordHandler handler, CancellationToken cancellationToken)
    {
        if (!await IsApprovedAsync(cancellationToken))
        {
            return Forbid();
        }

        if (!await LoadRecordAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Move = new StatusInput { Version = Record.Version, TargetDate = DateInput.From(Record.TargetDate) };
        await LoadChoicesAsync(cancellationToken);
        if (Read() is not { } details)
        {
            return Page();
        }

        var result = await handler.HandleAsync(new SaveEngagementRecord(id, Input.Version, OrganisationId, details), cancellationToken);
        if (!result.Succeeded)
        {
            return Refused(result) ?? Page();
        }

        Banner = "Changes saved and sent to a commissioner for review";
        return Redirect($"/provider/engagement/{id}");
    }

    public async Task<IActionResult> OnPostStatusAsync(int id, [FromServices] ChangeEngagementStatusHandler handler, CancellationToken cancellationToken)
    {
        if (!await IsApprovedAsync(cancellationToken))
        {
            return Forbid();
        }

        ModelState.Clear();
        var target = Move.TargetDate.TryRead(ModelState, "Move.TargetDate", "Target date");
        if ((Move.Note?.Length ?? 0) > EngagementRecordLimits.NoteMaxLength)
        {
            ModelState.AddModelError("Move.Note", "The note must be 2,000 characters or fewer");
        }

        if (ModelState.IsValid)
        {
            var result = await handler.HandleAsync(new ChangeEngagementStatus(id, Move.Version, OrganisationId, Move.NewStatus, Move.Note, target), cancellationToken);
            if (result.Succeeded)
            {
                Banner = $"Status changed to {Move.NewStatus!.Value.Name().ToLowerInvariant()} and sent to a commissioner for review";
                return Redirect($"/provider/engagement/{id}");
            }

            if (this.NotFoundFor(result) is { } notFound)
            {
                return notFound;
            }

            ModelState.AddResult<StatusInput>(result, nameof(Move));
        }

        if (!await LoadRecordAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input = RecordInput.From(Record);
        Move = new StatusInput { NewStatus = Move.NewStatus, Note = Move.Note, TargetDate = Move.TargetDate, Version = Record.Version };
        await LoadChoicesAsync(cancellationToken);
        return Page();
    }

    private async Task<bool> LoadRecordAsync(int id, CancellationToken cancellationToken)
    {
        var record = await Db.EngagementRecords.AsNoTracking()
            .Include(r => r.History).Include(r => r.Priorities).AsSplitQuery()
            .SingleOrDefaultAsync(r => r.Id == id && r.ProviderUserId == OrganisationId, cancellationToken);
        if (record is null)
        {
            return false;
        }

        Record = record;
        AllowedStatuses = StatusWorkflow.AllowedFrom(record.Status);
        return true;
    }

    public sealed class StatusInput
    {
        public ResponseStatus? NewStatus { get; set; }
        public string? Note { get; set; }
        public DateInput TargetDate { get; set; } = new();
        public Guid Version { get; set; }
    }
}
