using Engagement.Domain.Consultations;
using Engagement.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Staff.Consultations;

/// <summary>Every consultation for staff: its phase, dates, and how many responses (late, possible safeguarding).</summary>
public sealed class IndexModel(EngagementDbContext db, TimeProvider clock) : PageModel
{
    public sealed record Row(int Id, string Title, bool IsPublished, DateTime OpensAt, DateTime ClosesAt, bool HasOutcome, int Responses, int Late, int PossibleSafeguarding, int Flagged)
    {
        public ConsultationPhase PhaseAt(DateTime now) => Consultation.Phase(IsPublished, OpensAt, ClosesAt, now);
    }

    public List<Row> Rows { get; private set; } = [];

    public DateTime Now { get; private set; }

    [TempData(Key = "Status")]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow().UtcDateTime;
        Rows = await db.Consultations.AsNoTracking()
            .OrderByDescending(c => c.ClosesAt).ThenByDescending(c => c.Id)
            .Take(500)
            .Select(c => new Row(
                c.Id, c.Title, c.IsPublished, c.OpensAt, c.ClosesAt, c.OutcomePublishedAt != null,
                db.ConsultationResponses.Count(r => r.ConsultationId == c.Id),
                db.ConsultationResponses.Count(r => r.ConsultationId == c.Id && r.IsLate),
                db.ConsultationResponses.Count(r => r.ConsultationId == c.Id && r.PossibleSafeguarding && r.Flag != ResponseFlag.SafeguardingConcern),
                db.ConsultationResponses.Count(r => r.ConsultationId == c.Id && r.Flag == ResponseFlag.SafeguardingConcern)))
            .ToListAsync(cancellationToken);
    }
}
