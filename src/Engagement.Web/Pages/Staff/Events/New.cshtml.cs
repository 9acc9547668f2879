using System.Security.Claims;
using Engagement.Web.Features.Events;
using Engagement.Web.Features.Feedback;
using Microsoft.AspNetCore.Mvc;

namespace Engagement.Web.Pages.Staff.Events;

public sealed class NewModel(FeedbackChoices choices, SaveEventHandler save, TimeProvider clock) : EventFormPage
{
    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync()
    {
        Input.OpensDate = DateOnly.FromDateTime(Domain.Events.UkTime.FromUtc(clock.GetUtcNow().UtcDateTime));
        PriorityChoices = await choices.PrioritiesAsync();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        PriorityChoices = await choices.PrioritiesAsync(cancellationToken);
        ModelState.Clear();
        var details = EventForm.Validate(ModelState, Input, PriorityChoices, clock.GetUtcNow().UtcDateTime);
        if (details is null)
        {
            return Page();
        }

        var created = await save.CreateAsync(details, User.FindFirstValue(ClaimTypes.NameIdentifier), cancellationToken);
        if (!created.Succeeded)
        {
            AddError(created.Field, created.Error!);
            return Page();
        }

        StatusMessage = "Event created";
        return Redirect($"/staff/events/{created.Value}");
    }
}
