using System.Security.Claims;
using Engagement.Infrastructure.Data;
using Engagement.Web.Features.Events;
using Engagement.Web.Features.Feedback;
using Engagement.Web.Features.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Staff.Events;

/// <summary>Edit or reschedule an event. A new date or time emails everyone registered.</summary>
public sealed class EditModel(EngagementDbContext db, FeedbackChoices choices, SaveEventHandler save, TimeProvider clock) : EventFormPage
{
    public int Id { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var ev = await db.Events.AsNoTracking().Include(e => e.Priorities).SingleOrDefaultAsync(e => e.Id == id);
        if (ev is null)
        {
            return NotFound();
        }

        Id = id;
        Input = EventFormInput.From(ev);
        PriorityChoices = await choices.PrioritiesAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        Id = id;
        PriorityChoices = await choices.PrioritiesAsync(cancellationToken);
        ModelState.Clear();
        var details = EventForm.Validate(ModelState, Input, PriorityChoices, clock.GetUtcNow().UtcDateTime);
        if (details is null)
        {
            return Page();
        }

        var saved = await save.UpdateAsync(id, Input.Version, details, User.FindFirstValue(ClaimTypes.NameIdentifier), cancellationToken);
        if (!saved.Succeeded)
        {
            if (this.NotFoundFor(saved) is { } notFound)
            {
                return notFound;
            }

            AddError(saved.Field, saved.Error!);
            return Page();
        }

        StatusMessage = "Event updated";
        return Redirect($"/staff/events/{id}");
    }
}
