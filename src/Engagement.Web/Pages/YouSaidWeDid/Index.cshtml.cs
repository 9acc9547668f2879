using Engagement.Infrastructure.Data;
using Engagement.Web.Features.PublicLog;
using Engagement.Web.Features.Publishing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.YouSaidWeDid;

[AllowAnonymous]
[OutputCache(PolicyName = PublicPagesCache.LogPagePolicyName)]
public sealed class IndexModel(PublicLogQuery query, EngagementDbContext db) : PageModel
{
    public LogFilter Filter { get; private set; } = new();
    public LogPage Results { get; private set; } = new([], null, null);
    public FilterCounts Counts { get; private set; } = default!;
    public IReadOnlyList<(int Number, string ShortTitle)> Priorities { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Filter = LogFilter.FromQuery(Request.Query);
        var after = LogCursor.Decode(Request.Query["after"].ToString());
        var before = after is null ? LogCursor.Decode(Request.Query["before"].ToString()) : null;
        Results = await query.PageAsync(Filter, after, before, cancellationToken: HttpContext.RequestAborted);
        Counts = await query.CountsAsync(Filter, HttpContext.RequestAborted);
        Priorities = (await db.Priorities.AsNoTracking().Where(p => p.IsLive).OrderBy(p => p.Number)
                .Select(p => new { p.Number, p.ShortTitle }).ToListAsync(HttpContext.RequestAborted))
            .Select(p => (p.Number, p.ShortTitle)).ToList();
    }
}
