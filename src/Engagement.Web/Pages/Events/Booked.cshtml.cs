using Engagement.Infrastructure;
using Engagement.Infrastructure.Events;
using Engagement.Web.Features.Events;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Engagement.Web.Pages.Events;

/// <summary>The confirmation panel; the receipt arrives protected and time-limited.</summary>
[AllowAnonymous]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class BookedModel(RegistrationProtector protector, IOptions<ServiceOptions> service) : PageModel
{
    public RegistrationConfirmation Confirmation { get; private set; } = new(0, "", false, "");

    public string PrivatePath => "/registrations/" + Confirmation.Token;

    public string PrivateLink => EventEmails.RegistrationLink(service.Value, Confirmation.Token);

    public IActionResult OnGet(int id, string? receipt)
    {
        if (protector.UnprotectConfirmation(receipt) is not { } found || found.EventId != id)
        {
            return NotFound();
        }

        Confirmation = found;
        return Page();
    }
}
