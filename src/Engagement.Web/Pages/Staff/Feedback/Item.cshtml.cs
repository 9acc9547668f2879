using System.Security.Claims;
using Engagement.Domain.Common;
using Engagement.Domain.Feedback;
using Engagement.Infrastructure.Data;
using Engagement.Web.Features.Feedback;
using Engagement.Web.Features.Forms;
using Engagement.Web.Features.Privacy;
using Engagement.Web.Features.Triage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Staff.Feedback;

/// <summary>One feedback item for triage: the raw text (staff only, encoded), its details, notes, audit history and actions.</summary>
public sealed class ItemModel(EngagementDbContext db, FeedbackChoices choices, TimeProvider clock) : PageModel
{
    [TempData(Key = "Status")]
    public string? Banner { get; set; }

    [BindProperty]
    public FlagInput Safeguarding { get; set; } = new();

    [BindProperty]
    public FlagInput Complaint { get; set; } = new();

    [BindProperty]
    public NotForPublicationInput NotForPublication { get; set; } = new();

    [BindProperty]
    public PrioritiesInput LinkPriorities { get; set; } = new();

    [BindProperty]
    public LinkInput Link { get; set; } = new();

    [BindProperty]
    public AssignInput Assign { get; set; } = new();

    [BindProperty]
    public NoteInput Note { get; set; } = new();

    public ItemView Item { get; private set; } = default!;

    public List<PriorityChoice> PriorityChoices { get; private set; } = [];

    public List<StaffMember> Staff { get; private set; } = [];

    public IReadOnlyList<NoteView> Notes { get; private set; } = [];

    public IReadOnlyList<AuditView> Audit { get; private set; } = [];

    /// <summary>The active safeguarding hold, if any: when it was placed and by whom.</summary>
    public HoldView? Hold { get; private set; }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (Item.Flag == FeedbackFlag.SafeguardingConcern || Item.PossibleSafeguarding)
        {
            db.AuditRecords.Add(TriageAudit.Record(id, TriageAudit.ViewedSafeguarding, UserId, clock.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync(cancellationToken);
        }

        LinkPriorities.Numbers = Item.Priorities.ToList();
        Assign.AssigneeUserId = Item.AssignedToUserId;
        return Page();
    }

    public async Task<IActionResult> OnPostSafeguardingAsync(int id, [FromServices] FlagSafeguardingConcernHandler handler, CancellationToken cancellationToken) =>
        await ResultAsync<FlagInput>(id, nameof(Safeguarding), await handler.HandleAsync(new FlagSafeguardingConcern(id, Safeguarding.Note, UserId), cancellationToken),
            "Flagged as a safeguarding concern. The safeguarding contact has been emailed", cancellationToken);

    public async Task<IActionResult> OnPostComplaintAsync(int id, [FromServices] FlagComplaintHandler handler, CancellationToken cancellationToken) =>
        await ResultAsync<FlagInput>(id, nameof(Complaint), await handler.HandleAsync(new FlagComplaint(id, Complaint.Note, UserId), cancellationToken),
            "Recorded as a complaint", cancellationToken);

    public async Task<IActionResult> OnPostNotForPublicationAsync(int id, [FromServices] MarkNotForPublicationHandler handler, CancellationToken cancellationToken) =>
        await ResultAsync<NotForPublicationInput>(id, nameof(NotForPublication), await handler.HandleAsync(new MarkNotForPublication(id, NotForPublication.Reason, NotForPublication.Note, UserId), cancellationToken),
            "Marked not for publication and closed", cancellationToken);

    public async Task<IActionResult> OnPostPrioritiesAsync(int id, [FromServices] LinkFeedbackPrioritiesHandler handler, CancellationToken cancellationToken) =>
        await ResultAsync<PrioritiesInput>(id, nameof(LinkPriorities), await handler.HandleAsync(new LinkFeedbackPriorities(id, LinkPriorities.Numbers, UserId), cancellationToken),
            "Priorities saved", cancellationToken, PrioritiesField);

    public async Task<IActionResult> OnPostAssignAsync(int id, [FromServices] AssignFeedbackHandler handler, CancellationToken cancellationToken) =>
        await ResultAsync<AssignInput>(id, nameof(Assign), await handler.HandleAsync(new AssignFeedback(id, Assign.AssigneeUserId, UserId), cancellationToken),
            "Assignment saved", cancellationToken);

    public async Task<IActionResult> OnPostNoteAsync(int id, [FromServices] AddFeedbackNoteHandler handler, CancellationToken cancellationToken) =>
        await ResultAsync<NoteInput>(id, nameof(Note), await handler.HandleAsync(new AddFeedbackNote(id, Note.Text, UserId), cancellationToken),
            "Note added", cancellationToken);

    public async Task<IActionResult> OnPostLinkAsync(int id, [FromServices] LinkFeedbackToEntryHandler handler, CancellationToken cancellationToken) =>
        await ResultAsync<LinkInput>(id, nameof(Link), await handler.HandleAsync(new LinkFeedbackToEntry(id, Link.EntryReference, StartNewEntry: false, UserId), cancellationToken),
            $"Linked to {Link.EntryReference?.Trim().ToUpperInvariant()}", cancellationToken);

    public async Task<IActionResult> OnPostNewEntryAsync(int id, [FromServices] LinkFeedbackToEntryHandler handler, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(new LinkFeedbackToEntry(id, null, StartNewEntry: true, UserId), cancellationToken);
        if (!result.Succeeded)
        {
            return await ResultAsync<LinkInput>(id, nameof(Link), result, "", cancellationToken);
        }

        Banner = "A draft entry has been started from this item. Write its title and \"You said\" summary";
        return Redirect($"/staff/responses/{result.Value}");
    }

    public async Task<IActionResult> OnPostHoldAsync(int id, [FromServices] SafeguardingHoldHandler handler, CancellationToken cancellationToken) =>
        await HoldResultAsync(id, await handler.PlaceAsync(new PlaceSafeguardingHold(id, UserId), cancellationToken),
            "Safeguarding hold placed: nothing will be removed from this item until the hold is released", cancellationToken);

    public async Task<IActionResult> OnPostReleaseHoldAsync(int id, [FromServices] SafeguardingHoldHandler handler, CancellationToken cancellationToken) =>
        await HoldResultAsync(id, await handler.ReleaseAsync(new ReleaseSafeguardingHold(id, UserId), cancellationToken),
            "Safeguarding hold released: the retention rules apply to this item again", cancellationToken);

    private Task<IActionResult> HoldResultAsync(int id, DomainResult result, string success, CancellationToken cancellationToken) =>
        AfterAsync(id, result, success, modelState => modelState.AddModelError("Hold", result.Error!), cancellationToken);

    private static readonly Dictionary<string, string> PrioritiesField = new() { ["Priorities"] = nameof(PrioritiesInput.Numbers) };

    private Task<IActionResult> ResultAsync<TInput>(int id, string prefix, IDomainResult result, string success, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? rename = null) =>
        AfterAsync(id, result, success, modelState => modelState.AddResult<TInput>(result, prefix, rename), cancellationToken);

    /// <summary>After a use case: back to the item with a banner, a 404, or the item again with the refusal in the error summary.</summary>
    private async Task<IActionResult> AfterAsync(int id, IDomainResult result, string success, Action<Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary> addErrors, CancellationToken cancellationToken)
    {
        if (result.Succeeded)
        {
            Banner = success;
            return Redirect($"/staff/feedback/{id}");
        }

        if (this.NotFoundFor(result) is { } notFound)
        {
            return notFound;
        }

        ModelState.Clear();
        addErrors(ModelState);
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var item = await db.FeedbackItems.AsNoTracking()
            .Where(f => f.Id == id)
            .Select(f => new ItemView(
                f.Id, f.Reference, f.SubmittedAt, f.Role, f.ProviderType, f.Section, f.Text, f.Channel,
                db.Events.Where(e => e.Id == f.EventId).Select(e => e.Title).FirstOrDefault(),
                f.ContactName, f.ContactEmail, f.ConsentToContact, f.ConsentToProgressUpdates,
                f.PossibleSafeguarding, f.IsQuarantined,
                FeedbackItem.StateOf(f.Flag, f.ResponseEntryId != null, f.ResponseEntry != null && f.ResponseEntry.IsPublished, f.FirstLookedAt), f.Flag, f.NotForPublicationReason, f.FlagNote, f.FlaggedAt,
                db.Users.Where(u => u.Id == f.FlaggedByUserId).Select(u => u.DisplayName).FirstOrDefault(),
                f.AssignedToUserId,
                db.Users.Where(u => u.Id == f.AssignedToUserId).Select(u => u.DisplayName).FirstOrDefault(),
                f.ResponseEntryId,
                db.ResponseEntries.Where(e => e.Id == f.ResponseEntryId).Select(e => e.Reference + ": " + e.Title).FirstOrDefault(),
                f.Priorities.Select(p => p.PriorityNumber).OrderBy(n => n).ToList(),
                f.ContentErasedAt != null,
                f.ProviderAccountId,
                db.Users.Where(u => u.Id == f.ProviderAccountId).Select(u => u.OrganisationName).FirstOrDefault()))
            .SingleOrDefaultAsync(cancellationToken);
        if (item is null)
        {
            return false;
        }

        Item = item;
        PriorityChoices = await choices.PrioritiesAsync(cancellationToken);
        Staff = await StaffDirectory.ListAsync(db, cancellationToken);
        Notes = await db.FeedbackNotes.AsNoTracking().Where(n => n.FeedbackItemId == id).OrderBy(n => n.CreatedAt)
            .Select(n => new NoteView(n.CreatedAt, db.Users.Where(u => u.Id == n.AuthorUserId).Select(u => u.DisplayName).FirstOrDefault() ?? "A former colleague", n.Text))
            .ToListAsync(cancellationToken);
        Hold = await db.RetentionHolds.AsNoTracking().Where(h => h.FeedbackItemId == id && h.ReleasedAt == null).OrderBy(h => h.PlacedAt)
            .Select(h => new HoldView(h.PlacedAt, db.Users.Where(u => u.Id == h.PlacedByUserId).Select(u => u.DisplayName).FirstOrDefault()))
            .FirstOrDefaultAsync(cancellationToken);
        var entityId = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Audit = await db.AuditRecords.AsNoTracking().Where(a => a.EntityType == nameof(FeedbackItem) && a.EntityId == entityId)
            .OrderByDescending(a => a.Id).Take(100)
            .Select(a => new AuditView(a.At, a.Action, db.Users.Where(u => u.Id == a.ActorUserId).Select(u => u.DisplayName).FirstOrDefault(), a.Detail))
            .ToListAsync(cancellationToken);
        return true;
    }

    public sealed class FlagInput
    {
        public string? Note { get; set; }
    }

    public sealed class NotForPublicationInput
    {
        public NotForPublicationReason? Reason { get; set; }
        public string? Note { get; set; }
    }

    public sealed class PrioritiesInput
    {
        public List<int> Numbers { get; set; } = [];
    }

    public sealed class LinkInput
    {
        public string? EntryReference { get; set; }
    }

    public sealed class AssignInput
    {
        public string? AssigneeUserId { get; set; }
    }

    public sealed class NoteInput
    {
        public string? Text { get; set; }
    }

    public sealed record ItemView(
        int Id,
        string Reference,
        DateTime SubmittedAt,
        SubmitterRole Role,
        ProviderType? ProviderType,
        ServiceSection Section,
        string Text,
        FeedbackChannel Channel,
        string? EventTitle,
        string? ContactName,
        string? ContactEmail,
        bool ConsentToContact,
        bool ConsentToProgressUpdates,
        bool PossibleSafeguarding,
        bool IsQuarantined,
        FeedbackState State,
        FeedbackFlag Flag,
        NotForPublicationReason? NotForPublicationReason,
        string? FlagNote,
        DateTime? FlaggedAt,
        string? FlaggedBy,
        string? AssignedToUserId,
        string? AssignedTo,
        int? ResponseEntryId,
        string? EntryName,
        List<int> Priorities,
        bool IsErased,
        string? ProviderAccountId = null,
        string? ProviderOrganisation = null);

    public sealed record NoteView(DateTime At, string Author, string Text);

    public sealed record HoldView(DateTime PlacedAt, string? PlacedBy);

    public sealed record AuditView(DateTime At, string Action, string? Actor, string? Detail);
}
