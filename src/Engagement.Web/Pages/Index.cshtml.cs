using Engagement.Infrastructure;
using Engagement.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Engagement.Web.Pages;

[AllowAnonymous]
public sealed class IndexModel(EngagementDbContext db, IOptions<ServiceOptions> service) : PageModel
{
    public string CouncilName => service.Value.CouncilName;

    public int PriorityCount { get; private set; }

    public async Task OnGetAsync() => PriorityCount = await db.Priorities.CountAsync(p => p.IsLive);
}
