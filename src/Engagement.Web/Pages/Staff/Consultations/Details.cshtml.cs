using System.Security.Claims;
using Engagement.Domain.Consultations;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Text;
using Engagement.Web.Features.Consultations;
using Engagement.Web.Features.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Staff.Consultations;

/// <summary>
/// A consultation's staff page: what it says, its questions by page (change, remove, reorder), preview and publish,
/// and once published, close early or extend, responses and the analysis.
/// </summary>
public sealed class DetailsModel(EngagementDbContext db, SafeMarkdown markdown, TimeProvider clock) : PageModel
{
    private static readonly IReadOnlyDictionary<string, string> Renamed = new Dictionary<string, string>
    {
        [nameof(ConsultationDetails.ClosesAt)] = nameof(ExtendInput.ClosesDate),
    };

    [TempData(Key = "Status")]
    public string? StatusMessage { get; set; }

    [BindProperty]
    public CloseEarlyInput CloseEarly { get; set; } = new();

    /// <summary>The consultation's version when this page was read, posted back by every form on it.</summary>
    [BindProperty]
    public Guid Version { get; set; }

    [BindProperty]
    public ExtendInput Extend { get; set; } = new();

    public Consultation Consultation { get; private set; } = default!;

    public SanitizedHtml Background { get; private set; } = default!;

    public ConsultationPhase Phase { get; private set; }

    public bool Answered => Responses > 0;

    public int Responses { get; private set; }

    public int Late { get; private set; }

    public int PossibleSafeguarding { get; private set; }

    public List<(int Number, string Title)> Priorities { get; private set; } = [];

    public List<(int Id, string Title, DateTime StartsAt)> Events { get; private set; } = [];

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCloseEarlyAsync(int id, [FromServices] ManageConsultationHandler handler, CancellationToken cancellationToken)
    {
        var result = await handler.CloseEarlyAsync(id, CloseEarly.Reason, UserId, Version, cancellationToken);
        return await ResultAsync<CloseEarlyInput>(id, result, nameof(CloseEarly), "The consultation is closed. The reason is shown on its page.", cancellationToken);
    }

    public async Task<IActionResult> OnPostExtendAsync(int id, [FromServices] ManageConsultationHandler handler, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var closesAt = UkDateTimeInput.ToUtc(ModelState, "Extend.ClosesDate", Extend.ClosesDate, "Enter the new closing date",
            "Extend.ClosesTime", Extend.ClosesTime, "Enter the new closing time, like 23:59");
        if (!ModelState.IsValid)
        {
            return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
        }

        var result = await handler.ExtendAsync(id, closesAt, Extend.Reason, UserId, Version, cancellationToken);
        return await ResultAsync<ExtendInput>(id, result, nameof(Extend), $"The consultation now closes at {Domain.Events.UkTime.Describe(closesAt!.Value)}. The change is shown on its page.", cancellationToken);
    }

    public async Task<IActionResult> OnPostRemoveQuestionAsync(int id, int questionId, [FromServices] ManageQuestionsHandler handler, CancellationToken cancellationToken) =>
        await ResultAsync<object>(id, await handler.RemoveAsync(id, questionId, UserId, Version, cancellationToken), null, "Question removed", cancellationToken);

    public async Task<IActionResult> OnPostMoveQuestionAsync(int id, int questionId, string? direction, [FromServices] ManageQuestionsHandler handler, CancellationToken cancellationToken) =>
        await ResultAsync<object>(id, await handler.MoveAsync(id, questionId, direction == "up" ? -1 : 1, UserId, Version, cancellationToken), null,
            direction == "up" ? "Question moved up" : "Question moved down", cancellationToken);

    private async Task<IActionResult> ResultAsync<TInput>(int id, Domain.Common.IDomainResult result, string? prefix, string done, CancellationToken cancellationToken)
    {
        if (this.NotFoundFor(result) is { } notFound)
        {
            return notFound;
        }

        if (result.Succeeded)
        {
            StatusMessage = done;
            return Redirect($"/staff/consultations/{id}");
        }

        ModelState.Clear();
        if (prefix is null || result.Kind == Domain.Common.ResultKind.Conflict)
        {
            // A question's removal or move, or a stale page: the refusal is about the request as a whole, shown in the summary.
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError("", error.Message);
            }
        }
        else
        {
            ModelState.AddResult<TInput>(result, prefix, Renamed);
        }

        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var consultation = await db.Consultations.AsNoTracking().AsSplitQuery()
            .Include(c => c.Questions).ThenInclude(q => q.Options)
            .Include(c => c.Priorities).Include(c => c.Events).Include(c => c.DateChanges)
            .SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (consultation is null)
        {
            return false;
        }

        Consultation = consultation;
        Background = markdown.Render(consultation.BackgroundMarkdown);
        Phase = consultation.PhaseAt(clock.GetUtcNow().UtcDateTime);
        var counts = await db.ConsultationResponses.AsNoTracking().Where(r => r.ConsultationId == id)
            .GroupBy(r => 1)
            .Select(g => new { All = g.Count(), Late = g.Count(r => r.IsLate), Safeguarding = g.Count(r => r.PossibleSafeguarding || r.Flag == ResponseFlag.SafeguardingConcern) })
            .SingleOrDefaultAsync(cancellationToken);
        (Responses, Late, PossibleSafeguarding) = (counts?.All ?? 0, counts?.Late ?? 0, counts?.Safeguarding ?? 0);
        var numbers = consultation.Priorities.Select(p => p.PriorityNumber).ToList();
        Priorities = (await db.Priorities.AsNoTracking().Where(p => numbers.Contains(p.Number)).OrderBy(p => p.Number)
            .Select(p => new { p.Number, p.ShortTitle }).ToListAsync(cancellationToken)).Select(p => (p.Number, p.ShortTitle)).ToList();
        var eventIds = consultation.Events.Select(e => e.EventId).ToList();
        Events = (await db.Events.AsNoTracking().Where(e => eventIds.Contains(e.Id)).OrderBy(e => e.StartsAt)
            .Select(e => new { e.Id, e.Title, e.StartsAt }).ToListAsync(cancellationToken)).Select(e => (e.Id, e.Title, e.StartsAt)).ToList();
        return true;
    }

    public sealed class CloseEarlyInput
    {
        public string? Reason { get; set; }
    }

    public sealed class ExtendInput
    {
        public DateOnly? ClosesDate { get; set; }
        public TimeOnly? ClosesTime { get; set; }
        public string? Reason { get; set; }
    }
}
