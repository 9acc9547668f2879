using Engagement.Web.Features.Events;
using Engagement.Web.Features.Feedback;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Engagement.Web.Pages.Staff.Events;

/// <summary>What the shared event fields partial needs from the create, edit and series pages.</summary>
public abstract class EventFormPage : PageModel
{
    [BindProperty]
    public EventFormInput Input { get; set; } = new();

    public List<PriorityChoice> PriorityChoices { get; protected set; } = [];

    /// <summary>The series form chooses only the forum and its first date.</summary>
    public virtual bool IsSeries => false;

    protected void AddError(string? field, string message) =>
        ModelState.AddModelError(field is null ? "" : "Input." + field, message);
}
