using Engagement.Domain.Common;
using Engagement.Domain.Feedback;
using Engagement.Domain.Responses;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Feedback;

/// <summary>The private tracking page: whoever holds the link sees the item's state and the public entry it joined.</summary>
[AllowAnonymous]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class TrackModel(EngagementDbContext db) : PageModel
{
    public TrackedItem Item { get; private set; } = default!;

    public LinkedEntry? Entry { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return NotFound();
        }

        var hash = SecureToken.Hash(token);
        var item = await db.FeedbackItems.AsNoTracking()
            .Where(f => f.TrackingTokenHash == hash)
            .Select(f => new TrackedItem(f.Reference, f.SubmittedAt, f.Section,
                FeedbackItem.StateOf(f.Flag, f.ResponseEntryId != null, f.ResponseEntry != null && f.ResponseEntry.IsPublished, f.FirstLookedAt), f.Text, f.ResponseEntryId,
                f.ConsentToProgressUpdates, f.ContactEmail != null || f.ContactName != null, f.ContentErasedAt))
            .SingleOrDefaultAsync(cancellationToken);
        if (item is null)
        {
            return NotFound();
        }

        Item = item;
        Token = token;
        if (item.ResponseEntryId is { } entryId)
        {
            var entry = await db.ResponseEntries.AsNoTracking()
                .Include(e => e.History)
                .SingleOrDefaultAsync(e => e.Id == entryId && e.IsPublished, cancellationToken);
            if (entry is not null)
            {
                Entry = new LinkedEntry(
                    entry.Reference,
                    entry.Title,
                    entry.Status,
                    entry.History.OrderBy(h => h.ChangedAt).Select(h => new HistoryLine(h.ChangedAt, h.ToStatus, h.Note)).ToList());
            }
        }

        return Page();
    }

    public sealed record TrackedItem(string Reference, DateTime SubmittedAt, ServiceSection Section, FeedbackState State, string Text, int? ResponseEntryId,
        bool GetsProgressEmails, bool HasContactDetails, DateTime? ErasedAt);

    public string Token { get; private set; } = "";

    public sealed record LinkedEntry(string Reference, string Title, ResponseStatus Status, IReadOnlyList<HistoryLine> History);

    public sealed record HistoryLine(DateTime At, ResponseStatus Status, string? Note);
}
