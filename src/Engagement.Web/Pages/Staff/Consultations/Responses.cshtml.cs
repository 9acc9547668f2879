using Engagement.Domain.Consultations;
using Engagement.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Staff.Consultations;

/// <summary>A consultation's responses for staff, newest first: reference, when, how, late, safeguarding, flag.</summary>
public sealed class ResponsesModel(EngagementDbContext db) : PageModel
{
    public const int PageSize = 200;

    public sealed record Row(int Id, string Reference, DateTime ReceivedAt, ResponseChannel Channel, bool IsLate, bool SentTooQuickly, bool IncludeInAnalysis, bool PossibleSafeguarding, ResponseFlag Flag);

    public int Id { get; private set; }

    public string Title { get; private set; } = "";

    public bool IsPublished { get; private set; }

    public int Total { get; private set; }

    public List<Row> Rows { get; private set; } = [];

    /// <summary>Keyset paging: the responses received before this one's id.</summary>
    public int? Before { get; private set; }

    public int? NextBefore { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, int? before, CancellationToken cancellationToken)
    {
        var consultation = await db.Consultations.AsNoTracking().Where(c => c.Id == id).Select(c => new { c.Title, c.IsPublished }).SingleOrDefaultAsync(cancellationToken);
        if (consultation is null)
        {
            return NotFound();
        }

        (Id, Title, IsPublished, Before) = (id, consultation.Title, consultation.IsPublished, before);
        var responses = db.ConsultationResponses.AsNoTracking().Where(r => r.ConsultationId == id);
        Total = await responses.CountAsync(cancellationToken);
        Rows = await responses.Where(r => before == null || r.Id < before)
            .OrderByDescending(r => r.Id).Take(PageSize + 1)
            .Select(r => new Row(r.Id, r.Reference, r.ReceivedAt, r.Channel, r.IsLate, r.SentTooQuickly, r.IncludeInAnalysis, r.PossibleSafeguarding, r.Flag))
            .ToListAsync(cancellationToken);
        if (Rows.Count > PageSize)
        {
            Rows.RemoveAt(PageSize);
            NextBefore = Rows[^1].Id;
        }

        return Page();
    }
}
