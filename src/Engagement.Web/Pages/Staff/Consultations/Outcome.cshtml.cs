using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Engagement.Domain.Common;
using Engagement.Domain.Consultations;
using Engagement.Domain.Responses;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Text;
using Engagement.Web.Features.Consultations;
using Engagement.Web.Features.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Staff.Consultations;

/// <summary>
/// Publish (or correct) the outcome of a closed consultation: "We asked", the "You said" summary beside the figures
/// generated from the analysis, "We did" in safe Markdown, and links to existing entries in the log.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class OutcomeModel(EngagementDbContext db, ConsultationAnalysis analysis, SafeMarkdown markdown, TimeProvider clock) : PageModel
{
    [TempData(Key = "Status")]
    public string? Banner { get; set; }

    [BindProperty]
    public OutcomeInput Input { get; set; } = new();

    public string Title { get; private set; } = "";
    public ConsultationPhase Phase { get; private set; }
    public bool HasOutcome { get; private set; }
    public string? EntryReference { get; private set; }
    public int WaitingForEmail { get; private set; }
    public AnalysisFigures Figures { get; private set; } = default!;

    /// <summary>The "We did" text as it will appear, after a Preview.</summary>
    public SanitizedHtml? Preview { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var consultation = await LoadAsync(id, cancellationToken);
        if (consultation is null)
        {
            return NotFound();
        }

        var links = await db.OutcomeLinkedEntries.AsNoTracking().Where(l => l.ConsultationId == id)
            .Join(db.ResponseEntries, l => l.ResponseEntryId, e => e.Id, (l, e) => e.Reference).OrderBy(r => r).ToListAsync(cancellationToken);
        Input = new OutcomeInput
        {
            WeAsked = consultation.OutcomeWeAsked ?? consultation.Summary,
            YouSaid = consultation.OutcomeYouSaid,
            WeDid = consultation.OutcomeWeDidMarkdown,
            LinkedEntries = string.Join("\n", links),
            Version = consultation.Version,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is null)
        {
            return NotFound();
        }

        Preview = markdown.Render(Input.WeDid);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, [FromServices] PublishConsultationOutcomeHandler handler, CancellationToken cancellationToken)
    {
        var conflict = false;
        if (ModelState.IsValid)
        {
            var userId = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
            var references = (Input.LinkedEntries ?? "").Split(['\n', '\r', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var result = await handler.HandleAsync(new PublishConsultationOutcome(id, Input.Version, Input.WeAsked, Input.YouSaid, Input.WeDid, references, userId), cancellationToken);
            if (result.Succeeded)
            {
                var published = result.Value!;
                Banner = (published.Corrected ? "Outcome corrected" : $"Outcome published in the log as {published.EntryReference}") +
                    (published.Emailed > 0 ? $". {published.Emailed} {(published.Emailed == 1 ? "person" : "people")} will be emailed" : "");
                return Redirect($"/staff/consultations/{id}/outcome");
            }

            if (this.NotFoundFor(result) is { } notFound)
            {
                return notFound;
            }

            ModelState.AddResult<OutcomeInput>(result, nameof(Input));
            conflict = result.Kind == ResultKind.Conflict;
        }

        var consultation = await LoadAsync(id, cancellationToken);
        if (consultation is null)
        {
            return NotFound();
        }

        if (conflict)
        {
            // The form now carries the new version, so publishing again is a deliberate choice over the other change.
            ModelState.Remove($"{nameof(Input)}.{nameof(OutcomeInput.Version)}");
            Input.Version = consultation.Version;
        }

        return Page();
    }

    private async Task<Consultation?> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var consultation = await db.Consultations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        var figures = consultation is null ? null : await analysis.FiguresAsync(id, cancellationToken);
        if (consultation is null || figures is null)
        {
            return null;
        }

        Title = consultation.Title;
        Phase = consultation.PhaseAt(clock.GetUtcNow().UtcDateTime);
        HasOutcome = consultation.HasOutcome;
        Figures = figures;
        EntryReference = consultation.OutcomeEntryId is { } entryId
            ? await db.ResponseEntries.AsNoTracking().Where(e => e.Id == entryId).Select(e => e.Reference).SingleOrDefaultAsync(cancellationToken)
            : null;
        WaitingForEmail = await db.ConsultationResponses.CountAsync(r => r.ConsultationId == id && r.WantsOutcome && r.Email != null && r.OutcomeEmailedAt == null, cancellationToken);
        return consultation;
    }

    public sealed class OutcomeInput
    {
        [Required(ErrorMessage = "Enter what we asked, in brief")]
        [StringLength(1000, ErrorMessage = "What we asked must be 1,000 characters or fewer")]
        public string? WeAsked { get; set; }

        [Required(ErrorMessage = "Enter a summary of what people said")]
        [StringLength(ResponseLimits.SummaryMaxLength, ErrorMessage = "The summary must be 4,000 characters or fewer")]
        public string? YouSaid { get; set; }

        [Required(ErrorMessage = "Enter what we did")]
        [StringLength(ResponseLimits.WeDidMaxLength, ErrorMessage = "What we did must be 10,000 characters or fewer")]
        public string? WeDid { get; set; }

        [StringLength(2000, ErrorMessage = "The linked entries must be 2,000 characters or fewer")]
        public string? LinkedEntries { get; set; }

        public Guid? Version { get; set; }
    }
}
