using Engagement.Domain.Responses;
using Engagement.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Staff.Responses;

/// <summary>All response entries, drafts and published, most recently updated first.</summary>
public sealed class IndexModel(EngagementDbContext db) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Row> Entries { get; private set; } = [];

    public int Total { get; private set; }

    public bool HasNextPage { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        PageNumber = Math.Clamp(PageNumber, 1, 10_000);
        Total = await db.ResponseEntries.CountAsync(cancellationToken);
        var page = await db.ResponseEntries.AsNoTracking()
            .OrderByDescending(e => e.LastUpdatedAt).ThenByDescending(e => e.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1)
            .Select(e => new Row(e.Id, e.Reference, e.Title, e.Status, e.IsPublished, e.LastUpdatedAt,
                db.FeedbackItems.Count(f => f.ResponseEntryId == e.Id)))
            .ToListAsync(cancellationToken);
        HasNextPage = page.Count > PageSize;
        Entries = page.Take(PageSize).ToList();
    }

    public sealed record Row(int Id, string Reference, string Title, ResponseStatus Status, bool IsPublished, DateTime LastUpdatedAt, int LinkedItems);
}
