using Engagement.Domain.Providers;
using Engagement.Web.Features.ProviderEngagement;
using Engagement.Web.Features.Publishing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace Engagement.Web.Pages.Providers;

/// <summary>The directory of providers with a published "You said, we did" page, filterable by service type.</summary>
[AllowAnonymous]
[OutputCache(PolicyName = PublicPagesCache.ProviderDirectoryPolicyName)]
public sealed class IndexModel(PublicEngagementQuery query) : PageModel
{
    public ProviderServiceType? Type { get; private set; }

    public IReadOnlyList<DirectoryRow> Rows { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Type = EngagementRecordText.ServiceTypeFromSlug(Request.Query["type"].ToString());
        Rows = await query.DirectoryAsync(Type, HttpContext.RequestAborted);
    }
}
