using Engagement.Domain.Consultations;
using Engagement.Infrastructure.Data;
using Engagement.Web.Features.Consultations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Staff.Consultations;

/// <summary>
/// The consultation's question pages exactly as the public sees them (the same partial renders each question), one
/// page at a time. Nothing is saved: there is no form to send.
/// </summary>
public sealed class PreviewModel(EngagementDbContext db) : PageModel
{
    private static readonly IReadOnlyDictionary<string, string[]> NoAnswers = new Dictionary<string, string[]>();

    public int Id { get; private set; }

    public string Title { get; private set; } = "";

    public int PageNumber { get; private set; }

    public int PageCount { get; private set; }

    public List<QuestionField> Fields { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var consultation = await db.Consultations.AsNoTracking().AsSplitQuery().Include(c => c.Questions).ThenInclude(q => q.Options)
            .SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (consultation is null)
        {
            return NotFound();
        }

        Id = id;
        Title = consultation.Title;
        PageCount = consultation.Pages.Count;
        // "page" is Razor Pages' own route value (the page's path), so ?page=n is read from the query string itself.
        var page = Request.Query["page"].ToString();
        PageNumber = page.Length == 0 ? 1 : int.TryParse(page, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0;
        if (PageCount > 0 && (PageNumber < 1 || PageNumber > PageCount))
        {
            return NotFound();
        }

        var onPage = consultation.Ordered.Where(q => q.PageNumber == PageNumber).ToList();
        Fields = onPage.Select(q => QuestionField.For(q, NoAnswers, isPageHeading: onPage.Count == 1)).ToList();
        return Page();
    }
}
