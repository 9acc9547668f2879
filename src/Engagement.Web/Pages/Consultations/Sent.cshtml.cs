using Engagement.Infrastructure;
using Engagement.Web.Features.Consultations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Engagement.Web.Pages.Consultations;

/// <summary>The confirmation after sending: the reference and the private link, from the protected receipt.</summary>
[AllowAnonymous]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class SentModel(ConsultationProtector protector, IOptions<ServiceOptions> service) : PageModel
{
    public ConsultationSent Sent { get; private set; } = null!;

    public string PrivateLink => service.Value.Link("/consultations/response/" + Sent.Token);

    public IActionResult OnGet(int id, string? receipt)
    {
        if (protector.Unprotect(receipt) is not { } sent || sent.ConsultationId != id)
        {
            return Redirect($"/consultations/{id}");
        }

        Sent = sent;
        return Page();
    }
}
