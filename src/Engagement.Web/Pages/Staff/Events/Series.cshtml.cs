using System.Security.Claims;
using Engagement.Domain.Events;
using Engagement.Web.Features.Events;
using Engagement.Web.Features.Feedback;
using Microsoft.AspNetCore.Mvc;

namespace Engagement.Web.Pages.Staff.Events;

/// <summary>A year of quarterly provider forums in one step.</summary>
public sealed class SeriesModel(FeedbackChoices choices, SaveEventHandler save, TimeProvider clock) : EventFormPage
{
    public override bool IsSeries => true;

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync() => PriorityChoices = await choices.PrioritiesAsync();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        PriorityChoices = await choices.PrioritiesAsync(cancellationToken);
        ModelState.Clear();
        var details = EventForm.Validate(ModelState, Input, PriorityChoices, clock.GetUtcNow().UtcDateTime, series: true);
        if (details is null)
        {
            return Page();
        }

        var created = await save.CreateSeriesAsync(
            details,
            Input.StartDate!.Value.ToDateTime(Input.StartTime!.Value),
            Input.StartDate.Value.ToDateTime(Input.EndTime!.Value),
            User.FindFirstValue(ClaimTypes.NameIdentifier),
            cancellationToken);
        if (!created.Succeeded)
        {
            AddError(created.Field, created.Error!);
            return Page();
        }

        StatusMessage = $"{created.Value!.Count} {details.Kind.Name().ToLowerInvariant()} dates created";
        return Redirect("/staff/events");
    }
}
