using Engagement.Domain.Alerts;
using Engagement.Domain.Common;
using Engagement.Domain.Responses;
using Engagement.Web.Features.Alerts;
using Engagement.Web.Features.Feedback;
using Engagement.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Engagement.Web.Pages.Alerts;

/// <summary>"Get emails about this": choose what to follow and how often; pre-filled from the log's or a priority page's link.</summary>
[AllowAnonymous]
public sealed class IndexModel(SubscribeToAlertsHandler subscribe, FeedbackChoices choices) : PageModel
{
    [BindProperty]
    public AlertInput Input { get; set; } = new();

    public List<PriorityChoice> PriorityChoices { get; private set; } = [];

    public bool Sent { get; private set; }

    /// <summary>The log's filters (priority, section, status as on /you-said-we-did) pre-fill the choices; anything else is ignored.</summary>
    public async Task OnGetAsync()
    {
        ModelState.Clear();
        PriorityChoices = await choices.PrioritiesAsync(HttpContext.RequestAborted);
        var filter = Features.PublicLog.LogFilter.FromQuery(Request.Query);
        Input.Priorities = filter.Priorities.Where(p => PriorityChoices.Any(c => c.Number == p)).ToList();
        Input.Sections = filter.Section is { } section ? [section] : [];
        Input.Statuses = filter.Status is { } status ? [status] : [];
        Input.Frequency = AlertFrequency.Daily;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (this.OverSubmissionLimit() is { } limited)
        {
            return limited;
        }

        // The honeypot: people never see it, so a filled one is a bot. It is told what a person is told, and nothing is
        // stored or sent.
        if (!string.IsNullOrEmpty(Input.Website))
        {
            return Redirect("/alerts/check-your-email");
        }

        PriorityChoices = await choices.PrioritiesAsync(HttpContext.RequestAborted);
        ModelState.Clear();
        var result = await subscribe.HandleAsync(new SubscribeToAlerts(
            Input.Email, Input.Priorities ?? [], Input.Sections ?? [], Input.Statuses ?? [], Input.Frequency), HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            ModelState.AddModelError("Input." + result.Field, result.Error!);
            return Page();
        }

        return Redirect("/alerts/check-your-email");
    }

    public sealed class AlertInput
    {
        public string? Email { get; set; }

        public List<int>? Priorities { get; set; } = [];

        public List<ServiceSection>? Sections { get; set; } = [];

        public List<ResponseStatus>? Statuses { get; set; } = [];

        public AlertFrequency? Frequency { get; set; }

        /// <summary>The honeypot ("Leave this field empty"), hidden from people.</summary>
        public string? Website { get; set; }
    }
}
