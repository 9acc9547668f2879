using Engagement.Web.Features.Consultations;
using Engagement.Web.Features.Journeys;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Engagement.Web.Pages.Consultations;

/// <summary>The "come back later" link: opens the saved answers in this browser and goes back to them.</summary>
[AllowAnonymous]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ResumeModel(JourneyDrafts drafts) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string key, CancellationToken cancellationToken)
    {
        var draft = await drafts.ResumeAsync<ConsultationDraft>(HttpContext, ConsultationJourney.Name, key, cancellationToken);
        return draft is null ? Page() : Redirect(ConsultationJourney.BasePath(draft.ConsultationId) + "/" + ConsultationJourney.Check);
    }
}
