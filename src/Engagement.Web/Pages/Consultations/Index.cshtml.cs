using Engagement.Domain.Consultations;
using Engagement.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Consultations;

/// <summary>One consultation in the hub's lists.</summary>
public sealed record ConsultationSummary(int Id, string Title, string Summary, ConsultationAudience Audience, DateTime OpensAt, DateTime ClosesAt, bool HasOutcome);

/// <summary>The consultations hub: open, upcoming and closed consultations, filtered by priority and audience.</summary>
[AllowAnonymous]
public sealed class IndexModel(EngagementDbContext db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<ConsultationSummary> Open { get; private set; } = [];
    public IReadOnlyList<ConsultationSummary> Upcoming { get; private set; } = [];
    public IReadOnlyList<ConsultationSummary> Closed { get; private set; } = [];
    public IReadOnlyList<(int Number, string Title)> Priorities { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "priority")]
    public int? Priority { get; set; }

    [BindProperty(SupportsGet = true, Name = "audience")]
    public string? AudienceSlug { get; set; }

    public ConsultationAudience? Audience => ConsultationText.AudienceFromSlug(AudienceSlug);

    public bool Filtered => Priority is not null || Audience is not null;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var query = db.Consultations.AsNoTracking().Where(c => c.IsPublished);
        if (Priority is { } number)
        {
            query = query.Where(c => c.Priorities.Any(p => p.PriorityNumber == number));
        }

        if (Audience is { } audience)
        {
            query = query.Where(c => c.Audience == audience);
        }

        var all = await query
            .OrderBy(c => c.ClosesAt)
            .Select(c => new ConsultationSummary(c.Id, c.Title, c.Summary, c.Audience, c.OpensAt, c.ClosesAt, c.OutcomePublishedAt != null))
            .ToListAsync(cancellationToken);
        Open = all.Where(c => c.OpensAt <= now && c.ClosesAt > now).ToList();
        Upcoming = all.Where(c => c.OpensAt > now).OrderBy(c => c.OpensAt).ToList();
        Closed = all.Where(c => c.ClosesAt <= now).OrderByDescending(c => c.ClosesAt).ToList();
        Priorities = (await db.Priorities.AsNoTracking().OrderBy(p => p.Number).Select(p => new { p.Number, p.ShortTitle }).ToListAsync(cancellationToken))
            .Select(p => (p.Number, p.ShortTitle)).ToList();
    }
}
