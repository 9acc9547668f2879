using System.Security.Claims;
using Engagement.Domain.Providers;
using Engagement.Infrastructure.Data;
using Engagement.Web.Features.EngagementStandard;
using Engagement.Web.Features.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Staff.MarketStandard;

/// <summary>
/// One provider against the standard for the last and the current quarter, with a form for each criterion a
/// commissioner checks and the judgements recorded so far.
/// </summary>
public sealed class ProviderModel(MarketStandardQuery standard, EngagementDbContext db) : PageModel
{
    [TempData(Key = "Status")]
    public string? Banner { get; set; }

    [BindProperty]
    public JudgementInput Judgement { get; set; } = new();

    public MarketPicture Market { get; private set; } = default!;

    public ProviderStanding Standing { get; private set; } = default!;

    public IReadOnlyList<CriterionRule> CheckedByCommissioner { get; private set; } = [];

    public IReadOnlyList<JudgementRow> Judgements { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostJudgeAsync(string id, [FromServices] RecordJudgementHandler handler, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var quarterStart = DateOnly.TryParseExact(Judgement.Quarter, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var start)
            ? start : DateOnly.MinValue;
        var result = await handler.HandleAsync(new RecordJudgement(id, Judgement.CriterionId, quarterStart, Judgement.Outcome, me), cancellationToken);
        if (this.NotFoundFor(result) is { } notFound)
        {
            return notFound;
        }

        if (result.Succeeded)
        {
            Banner = "Judgement recorded";
            return Redirect($"/staff/market-standard/providers/{Uri.EscapeDataString(id)}");
        }

        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        ModelState.AddModelError(Judgement.FieldId, result.Error ?? "The judgement could not be recorded");
        return Page();
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        Market = await standard.MarketAsync(id, cancellationToken);
        if (Market.Providers.SingleOrDefault() is not { } standing)
        {
            return false;
        }

        Standing = standing;
        CheckedByCommissioner = Market.Criteria.Where(c => c.Check == CriterionCheck.CheckedByCommissioner).ToList();
        var starts = new[] { Market.Last.Start, Market.Current.Start };
        Judgements = await db.StandardJudgements.AsNoTracking()
            .Where(j => j.ProviderUserId == id && starts.Contains(j.QuarterStart))
            .Join(db.StandardCriteria, j => j.CriterionId, c => c.Id, (j, c) => new { j, c.Name })
            .OrderByDescending(x => x.j.JudgedAt).ThenByDescending(x => x.j.Id)
            .Select(x => new JudgementRow(x.Name, x.j.QuarterStart, x.j.Outcome, x.j.JudgedAt,
                db.Users.Where(u => u.Id == x.j.JudgedByUserId).Select(u => u.DisplayName).FirstOrDefault() ?? ""))
            .Take(100)
            .ToListAsync(cancellationToken);
        return true;
    }

    public sealed record JudgementRow(string Criterion, DateOnly QuarterStart, CriterionOutcome Outcome, DateTime JudgedAt, string By);

    public sealed class JudgementInput
    {
        public int CriterionId { get; set; }

        /// <summary>The first day of the quarter judged, yyyy-MM-dd.</summary>
        public string? Quarter { get; set; }

        public CriterionOutcome? Outcome { get; set; }

        /// <summary>The radios' id and ModelState key for this criterion and quarter, so the error lands beside the right form.</summary>
        public string FieldId => FieldFor(CriterionId, Quarter);

        public static string FieldFor(int criterionId, string? quarter) => $"Judgement-{criterionId}-{quarter}";
    }
}
