using Engagement.Infrastructure;
using Engagement.Web.Features.Feedback;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Engagement.Web.Pages.Feedback;

/// <summary>The confirmation panel. The receipt (reference and private token) arrives protected and time-limited.</summary>
[AllowAnonymous]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ConfirmationModel(FeedbackProtector protector, IOptions<ServiceOptions> service) : PageModel
{
    public FeedbackReceipt Receipt { get; private set; } = new("", "", false);

    public string TrackingPath => "/feedback/track/" + Receipt.TrackingToken;

    public string TrackingLink => service.Value.Link(TrackingPath);

    public IActionResult OnGet(string? receipt)
    {
        if (protector.UnprotectReceipt(receipt) is not { } found)
        {
            return NotFound();
        }

        Receipt = found;
        return Page();
    }
}
