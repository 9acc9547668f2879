using Engagement.Domain.Alerts;
using Engagement.Domain.Common;
using Engagement.Domain.Events;
using Engagement.Domain.Responses;
using Engagement.Infrastructure.Data;
using Engagement.Web.Features.Alerts;
using Engagement.Web.Features.Feedback;
using Engagement.Web.Features.Forms;
using Engagement.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Engagement.Web.Pages.Alerts;

/// <summary>
/// "Get emails about this": choose what to follow and how often; pre-filled from the links on the log, a priority page,
/// the consultations and the events.
/// </summary>
[AllowAnonymous]
public sealed class IndexModel(SubscribeToAlertsHandler subscribe, FeedbackChoices choices, EngagementDbContext db, MinimumCompletionTime minimumTime, TimeProvider clock) : PageModel
{
    /// <summary>Requests completed faster than this many seconds (default 3) are answered as if sent, and nothing is stored or sent.</summary>
    public const string MinimumSecondsSetting = "Alerts:MinimumSecondsToComplete";

    [BindProperty]
    public AlertInput Input { get; set; } = new();

    public List<PriorityChoice> PriorityChoices { get; private set; } = [];

    public List<SeriesChoice> SeriesChoices { get; private set; } = [];

    /// <summary>When the form was shown, protected: the minimum-time bot check.</summary>
    public string StartedStamp { get; private set; } = "";

    /// <summary>
    /// The log's filters (priority, section, status as on /you-said-we-did), <c>consultations=new</c>, a forum
    /// <c>audience</c> and an event <c>series</c> id pre-fill the choices; anything else is ignored.
    /// </summary>
    public async Task OnGetAsync()
    {
        ModelState.Clear();
        var filter = Features.PublicLog.LogFilter.FromQuery(Request.Query);
        var series = Request.Query["series"].Take(AlertSubscription.MaxChoices)
            .Select(v => Guid.TryParse(v, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).Distinct().ToList();
        await LoadChoicesAsync(series);
        Input.Priorities = filter.Priorities.Where(p => PriorityChoices.Any(c => c.Number == p)).ToList();
        Input.Sections = filter.Section is { } section ? [section] : [];
        Input.Statuses = filter.Status is { } status ? [status] : [];
        Input.NewConsultations = Request.Query["consultations"] == "new";
        Input.Audiences = Request.Query["audience"].Select(EventText.AudienceFromSlug)
            .Where(a => a is { } audience && audience.IsForumAudience()).Select(a => a!.Value).Distinct().ToList();
        Input.Series = series.Where(id => SeriesChoices.Any(c => c.Id == id)).ToList();
        Input.Frequency = AlertFrequency.Daily;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (this.OverSubmissionLimit() is { } limited)
        {
            return limited;
        }

        // The honeypot and the minimum time: people never see the one and take longer than the other, so a filled
        // honeypot or a form sent within seconds of being shown is a bot. It is told what a person is told, and
        // nothing is stored or sent.
        if (!string.IsNullOrEmpty(Input.Website) || minimumTime.TooFast(MinimumSecondsSetting, Input.Started))
        {
            return Redirect("/alerts/check-your-email");
        }

        // A choice that is not even the right type (a series that is not an id, an audience or status made up) is
        // refused like an unknown one, rather than silently dropped.
        var unreadable = ChoiceFields.Any(field => ModelState.Any(e => e.Key.StartsWith("Input." + field, StringComparison.Ordinal) && e.Value?.ValidationState == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid));
        ModelState.Clear();
        var result = unreadable
            ? DomainResult.Refused(SubscribeToAlertsHandler.UnknownChoice, "Priorities")
            : await subscribe.HandleAsync(new SubscribeToAlerts(
            Input.Email,
            new AlertChoices(Input.Priorities ?? [], Input.Sections ?? [], Input.Statuses ?? [], Input.NewConsultations, Input.Series ?? [], Input.Audiences ?? []),
            Input.Frequency), HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            await LoadChoicesAsync(Input.Series ?? [], Input.Started);
            ModelState.AddModelError("Input." + result.Field, result.Error!);
            return Page();
        }

        return Redirect("/alerts/check-your-email");
    }

    private static readonly string[] ChoiceFields = [nameof(AlertInput.Priorities), nameof(AlertInput.Sections), nameof(AlertInput.Statuses), nameof(AlertInput.Audiences), nameof(AlertInput.Series), nameof(AlertInput.NewConsultations)];

    /// <summary>Loads the choices; a form shown again with errors keeps the time it was first shown.</summary>
    private async Task LoadChoicesAsync(IReadOnlyCollection<Guid> series, string? started = null)
    {
        PriorityChoices = await choices.PrioritiesAsync(HttpContext.RequestAborted);
        SeriesChoices = await AlertSeries.ListAsync(db, clock.GetUtcNow().UtcDateTime, series, HttpContext.RequestAborted);
        StartedStamp = started ?? minimumTime.Stamp();
    }

    public sealed class AlertInput
    {
        public string? Email { get; set; }

        public List<int>? Priorities { get; set; } = [];

        public List<ServiceSection>? Sections { get; set; } = [];

        public List<ResponseStatus>? Statuses { get; set; } = [];

        public bool NewConsultations { get; set; }

        public List<EventAudience>? Audiences { get; set; } = [];

        public List<Guid>? Series { get; set; } = [];

        public AlertFrequency? Frequency { get; set; }

        /// <summary>The honeypot ("Leave this field empty"), hidden from people.</summary>
        public string? Website { get; set; }

        /// <summary>The protected time the form was shown (<see cref="MinimumCompletionTime.Stamp"/>).</summary>
        public string? Started { get; set; }
    }
}
