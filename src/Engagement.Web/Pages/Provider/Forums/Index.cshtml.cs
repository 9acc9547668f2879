using System.Security.Claims;
using Engagement.Domain.Events;
using Engagement.Domain.Forums;
using Engagement.Infrastructure.Data;
using Engagement.Web.Features.Forums;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Provider.Forums;

/// <summary>The provider forums this organisation belongs to, whether each takes agenda suggestions now, and its own suggestions.</summary>
public sealed class IndexModel(EngagementDbContext db, TimeProvider clock) : PageModel
{
    [TempData(Key = "Status")]
    public string? Banner { get; set; }

    public bool IsApproved { get; private set; }

    public IReadOnlyList<ForumRow> Forums { get; private set; } = [];

    public IReadOnlyList<ItemRow> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var id = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var provider = await Features.Providers.ProviderRegistrant.ForProviderAsync(db, id, cancellationToken);
        IsApproved = provider.IsApproved;
        var now = clock.GetUtcNow().UtcDateTime;
        var upcoming = await db.Events.AsNoTracking()
            .Where(e => !e.IsCancelled && e.StartsAt > now && (e.Audience == EventAudience.CareHomeProviders || e.Audience == EventAudience.HomeCareProviders))
            .OrderBy(e => e.StartsAt).Take(20).ToListAsync(cancellationToken);
        var published = await db.ForumRecords.AsNoTracking().Where(r => r.AgendaPublishedAt != null).Select(r => r.EventId).ToListAsync(cancellationToken);
        Forums = upcoming.Where(e => ForumAgenda.AudienceType(e.Audience) is { } type && provider.Provides(type))
            .Select(e => new ForumRow(e.Id, e.Title, e.StartsAt, e.EndsAt, ForumAgenda.ClosesAt(e), ForumAgenda.CanPropose(e, provider, published.Contains(e.Id), now).Error))
            .ToList();
        Items = await (
                from item in db.AgendaItems.AsNoTracking()
                where item.ProviderUserId == id
                join forum in db.Events.AsNoTracking() on item.EventId equals forum.Id
                orderby forum.StartsAt descending, item.Id
                select new ItemRow(item.Id, item.Topic, item.State, forum.Title, forum.StartsAt))
            .ToListAsync(cancellationToken);
        return Page();
    }

    /// <summary>An upcoming forum; <see cref="ClosedBecause"/> is null while it takes this organisation's suggestions.</summary>
    public sealed record ForumRow(int Id, string Title, DateTime StartsAt, DateTime EndsAt, DateTime ClosesAt, string? ClosedBecause);

    public sealed record ItemRow(int Id, string Topic, AgendaItemState State, string ForumTitle, DateTime ForumStartsAt);
}
