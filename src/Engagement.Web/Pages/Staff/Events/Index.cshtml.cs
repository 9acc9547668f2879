using Engagement.Domain.Events;
using Engagement.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Staff.Events;

public sealed class IndexModel(EngagementDbContext db, TimeProvider clock) : PageModel
{
    public sealed record Row(int Id, string Title, EventKind Kind, DateTime StartsAt, DateTime EndsAt, int Capacity, int ConfirmedCount, int Waiting, bool IsCancelled, bool InSeries);

    public List<Row> Upcoming { get; private set; } = [];

    public List<Row> Past { get; private set; } = [];

    public int PendingProviders { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        Upcoming = await Rows(db.Events.AsNoTracking().Where(e => e.EndsAt > now).OrderBy(e => e.StartsAt).Take(200)).ToListAsync();
        Past = await Rows(db.Events.AsNoTracking().Where(e => e.EndsAt <= now).OrderByDescending(e => e.StartsAt).Take(50)).ToListAsync();
        PendingProviders = await db.Users.CountAsync(u => u.ProviderType != null && !u.IsApproved);
    }

    /// <summary>Filter and order on the entity first: EF Core cannot translate a filter on a constructed record.</summary>
    private IQueryable<Row> Rows(IQueryable<Event> events) => events.Select(e => new Row(
        e.Id, e.Title, e.Kind, e.StartsAt, e.EndsAt, e.Capacity, e.ConfirmedCount,
        db.Registrations.Count(r => r.EventId == e.Id && r.Status == RegistrationStatus.Waitlisted),
        e.IsCancelled, e.SeriesId != null));
}
