using Engagement.Domain.Common;
using Engagement.Domain.Events;
using Engagement.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Events;

/// <summary>One event: when, where, priorities, places left and whether this person may book. Never the joining link.</summary>
[AllowAnonymous]
public sealed class DetailModel(EngagementDbContext db, TimeProvider clock, Engagement.Infrastructure.Text.SafeMarkdown markdown) : PageModel
{
    public Event Event { get; private set; } = new();

    public List<(int Number, string Title)> Priorities { get; private set; } = [];

    /// <summary>Why this person cannot book now, or null when they can.</summary>
    public string? CannotBook { get; private set; }

    public bool ShowSignIn { get; private set; }

    public bool HasEnded { get; private set; }

    /// <summary>A provider forum's published agenda, minutes and actions (empty for other events).</summary>
    public Features.Forums.ForumPapersView Papers { get; private set; } = new(null, null, []);

    /// <summary>"Get emails about this" for an event in a series or a provider forum: the series and the forum audience pre-filled.</summary>
    public string? AlertsLink
    {
        get
        {
            var query = new List<string>();
            if (Event.SeriesId is { } series)
            {
                query.Add("series=" + series.ToString("N"));
            }

            if (Event.Audience.IsForumAudience())
            {
                query.Add("audience=" + Event.Audience.Slug());
            }

            return query.Count == 0 ? null : "/alerts?" + string.Join("&", query);
        }
    }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id) is not { } ev)
        {
            return NotFound();
        }

        Event = ev;
        var numbers = await db.Set<EventPriority>().AsNoTracking().Where(p => p.EventId == id).Select(p => p.PriorityNumber).ToListAsync();
        Priorities = (await db.Priorities.AsNoTracking().Where(p => numbers.Contains(p.Number)).OrderBy(p => p.Number)
            .Select(p => new { p.Number, p.ShortTitle }).ToListAsync()).Select(p => (p.Number, p.ShortTitle)).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        HasEnded = ev.HasEnded(now);
        var registrant = await Features.Providers.ProviderRegistrant.ForUserAsync(db, User);
        var check = ev.CanRegister(now, registrant);
        CannotBook = check.Succeeded ? null : check.Error;
        if (ev.IsForProviders)
        {
            Papers = await Features.Forums.ForumPapersView.LoadAsync(db, markdown, id, HttpContext.RequestAborted);
        }

        ShowSignIn = !check.Succeeded && ev.IsForProviders && !registrant.HasProviderAccount && ev.CheckRegistrationWindow(now).Succeeded;
        return Page();
    }
}
