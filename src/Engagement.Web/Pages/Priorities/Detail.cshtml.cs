using Engagement.Domain.Priorities;
using Engagement.Infrastructure.Data;
using Engagement.Web.Features.PublicLog;
using Engagement.Web.Features.Publishing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Priorities;

[AllowAnonymous]
[OutputCache(PolicyName = PublicPagesCache.PolicyName)]
public sealed class DetailModel(EngagementDbContext db, PublicLogQuery query, Features.Deadlines.OnTimeShare onTime, InsightsAggregate aggregate, Features.ProviderEngagement.PublicEngagementQuery providerRecords, TimeProvider clock) : PageModel
{
    public Features.Deadlines.OnTimeShareView OnTime { get; private set; } = default!;

    public Priority Priority { get; private set; } = default!;
    public LogPage Entries { get; private set; } = new([], null, null);
    public PriorityFigures Figures { get; private set; } = default!;

    /// <summary>Approved provider engagement records linked to this priority, each shown as the provider's own.</summary>
    public IReadOnlyList<Features.ProviderEngagement.PublicEngagementRecord> ProviderRecords { get; private set; } = [];

    /// <summary>Published consultations linked to this priority, with their phase.</summary>
    public IReadOnlyList<Features.Consultations.PriorityConsultation> Consultations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int number)
    {
        var priority = await db.Priorities.AsNoTracking().SingleOrDefaultAsync(p => p.Number == number);
        if (priority is null)
        {
            return NotFound();
        }

        Priority = priority;
        Entries = await query.PageAsync(new LogFilter { Priorities = [number] }, null, null, cancellationToken: HttpContext.RequestAborted);
        Figures = await query.PriorityFiguresAsync(number, HttpContext.RequestAborted);
        ProviderRecords = await providerRecords.ForPriorityAsync(number, HttpContext.RequestAborted);
        Consultations = await Features.Consultations.PriorityConsultations.ForPriorityAsync(db, number, clock.GetUtcNow().UtcDateTime, HttpContext.RequestAborted);
        OnTime = new Features.Deadlines.OnTimeShareView("on-time", onTime.WorkingDays, await aggregate.OnTimeForPriorityAsync(number, HttpContext.RequestAborted), $"feedback linked to priority {number}");
        return Page();
    }
}
