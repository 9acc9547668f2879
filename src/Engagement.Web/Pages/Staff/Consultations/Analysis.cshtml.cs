using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Engagement.Domain.Consultations;
using Engagement.Infrastructure.Data;
using Engagement.Web.Features.Consultations;
using Engagement.Web.Features.Forms;
using Engagement.Web.Pages.Insights;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Staff.Consultations;

/// <summary>
/// The analysis of one consultation: per question, counts and percentages overall and split by each "about you"
/// question, with charts and their tables; then the written answers to read, page by page, each with a small form to
/// set its theme and the priority it speaks to.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class AnalysisModel(EngagementDbContext db, ConsultationAnalysis analysis, AnalysisTextAnswers textAnswers, TimeProvider clock) : PageModel
{
    [TempData(Key = "Status")]
    public string? Banner { get; set; }

    [BindProperty]
    public TagInput Tag { get; set; } = new();

    public string Title { get; private set; } = "";
    public ConsultationPhase Phase { get; private set; }
    public bool HasOutcome { get; private set; }
    public AnalysisFigures Figures { get; private set; } = default!;
    public IReadOnlyDictionary<int, BarChart> Charts { get; private set; } = new Dictionary<int, BarChart>();

    /// <summary>The charts of each split, by (question id, "about you" question id): one per group.</summary>
    public IReadOnlyDictionary<(int QuestionId, int ByQuestionId), IReadOnlyList<BarChart>> SplitCharts { get; private set; } = new Dictionary<(int, int), IReadOnlyList<BarChart>>();
    public TextAnswerPage Answers { get; private set; } = new([], 1, 1, 0);
    public IReadOnlyDictionary<int, string> QuestionNames { get; private set; } = new Dictionary<int, string>();
    public IReadOnlyList<(int Number, string Title)> Priorities { get; private set; } = [];
    public int? QuestionFilter { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, int? question, int? p, CancellationToken cancellationToken)
    {
        return await LoadAsync(id, question, p ?? 1, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostTagAsync(int id, int? question, int? p, [FromServices] TagConsultationAnswerHandler handler, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var userId = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
            var result = await handler.HandleAsync(new TagConsultationAnswer(id, Tag.AnswerId, Tag.Theme, Tag.PriorityNumber, userId), cancellationToken);
            if (result.Succeeded)
            {
                Banner = "Theme and priority saved";
                return Redirect(PageUrl(id, question, p) + "#answer-" + Tag.AnswerId);
            }

            if (this.NotFoundFor(result) is { } notFound)
            {
                return notFound;
            }

            ModelState.AddResult<TagInput>(result, nameof(Tag));
        }

        return await LoadAsync(id, question, p ?? 1, cancellationToken) ? Page() : NotFound();
    }

    public static string PageUrl(int id, int? question, int? page)
    {
        var query = new List<string>();
        if (question is { } q)
        {
            query.Add("question=" + q);
        }

        if (page is { } n and > 1)
        {
            query.Add("p=" + n);
        }

        return $"/staff/consultations/{id}/analysis" + (query.Count == 0 ? "" : "?" + string.Join("&", query));
    }

    private async Task<bool> LoadAsync(int id, int? question, int page, CancellationToken cancellationToken)
    {
        var consultation = await db.Consultations.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new { c.Title, c.IsPublished, c.OpensAt, c.ClosesAt, c.OutcomePublishedAt }).SingleOrDefaultAsync(cancellationToken);
        var figures = consultation is null ? null : await analysis.FiguresAsync(id, cancellationToken);
        if (consultation is null || figures is null)
        {
            return false;
        }

        Title = consultation.Title;
        Phase = Consultation.Phase(consultation.IsPublished, consultation.OpensAt, consultation.ClosesAt, clock.GetUtcNow().UtcDateTime);
        HasOutcome = consultation.OutcomePublishedAt is not null;
        Figures = figures;
        Charts = figures.Questions.Where(q => q.HasChoices).ToDictionary(q => q.QuestionId, q => AnalysisCharts.Overall(q, "analysis"));
        SplitCharts = figures.Questions.Where(q => q.HasChoices)
            .SelectMany(q => q.Splits.Select(split => (Key: (q.QuestionId, split.ByQuestionId), Charts: AnalysisCharts.Split(q, split, "analysis"))))
            .ToDictionary(x => x.Key, x => x.Charts);
        QuestionNames = figures.Questions.ToDictionary(q => q.QuestionId, q => $"Q{q.Number}. {q.Text}");
        QuestionFilter = question is { } q && QuestionNames.ContainsKey(q) ? q : null;
        Answers = await textAnswers.PageAsync(id, QuestionFilter, page, cancellationToken);
        Priorities = (await db.Priorities.AsNoTracking().Where(x => x.IsLive).OrderBy(x => x.Number)
            .Select(x => new { x.Number, x.ShortTitle }).ToListAsync(cancellationToken)).Select(x => (x.Number, x.ShortTitle)).ToList();
        return true;
    }

    public sealed class TagInput
    {
        public int AnswerId { get; set; }

        [StringLength(ConsultationLimits.ThemeMaxLength, ErrorMessage = "The theme must be 100 characters or fewer")]
        public string? Theme { get; set; }

        public int? PriorityNumber { get; set; }
    }
}
