using Engagement.Domain.Events;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Events;

/// <summary>Upcoming events (or past ones at /events/past), filtered by kind.</summary>
[AllowAnonymous]
public sealed class IndexModel(Infrastructure.Data.EngagementDbContext db, TimeProvider clock) : PageModel
{
    public sealed record EventRow(int Id, string Title, EventKind Kind, DateTime StartsAt, DateTime EndsAt, AttendanceMode Mode, int Capacity, int ConfirmedCount, bool IsCancelled);

    public bool Past { get; private set; }

    public EventKind? Kind { get; private set; }

    public List<EventRow> Events { get; private set; } = [];

    public async Task OnGetAsync(string? period, string? kind)
    {
        Past = period == "past";
        Kind = EventText.KindFromSlug(kind);
        var now = clock.GetUtcNow().UtcDateTime;
        var query = db.Events.AsNoTracking();
        query = Past ? query.Where(e => e.EndsAt <= now) : query.Where(e => e.EndsAt > now);
        if (Kind is { } k)
        {
            query = query.Where(e => e.Kind == k);
        }

        query = Past ? query.OrderByDescending(e => e.StartsAt) : query.OrderBy(e => e.StartsAt);
        Events = await query.Take(200)
            .Select(e => new EventRow(e.Id, e.Title, e.Kind, e.StartsAt, e.EndsAt, e.Mode, e.Capacity, e.ConfirmedCount, e.IsCancelled))
            .ToListAsync();
    }
}
