using Engagement.Web.Features.ProviderEngagement;
using Engagement.Web.Features.Publishing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace Engagement.Web.Pages.Providers;

/// <summary>A provider organisation's own public "You said, we did" page: its approved records only.</summary>
[AllowAnonymous]
[OutputCache(PolicyName = PublicPagesCache.PolicyName)]
public sealed class OrganisationModel(PublicEngagementQuery query) : PageModel
{
    public ProviderPublicPage Provider { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (await query.OrganisationAsync(slug, HttpContext.RequestAborted) is not { } page)
        {
            return NotFound();
        }

        Provider = page;
        return Page();
    }
}
