using System.Security.Claims;
using Engagement.Domain.Events;
using Engagement.Infrastructure.Data;
using Engagement.Web.Features.Events;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Staff.Events;

/// <summary>One event for staff: who is coming, attendance, a message to everyone confirmed, cancel.</summary>
public sealed class AttendeesModel(EngagementDbContext db, ManageEventHandler manage) : PageModel
{
    public sealed record Attendee(int Id, string Name, string Email, string? Organisation, string? AccessNeeds, RegistrationStatus Status, DateTime CreatedAt);

    public Event Event { get; private set; } = new();

    public List<Attendee> Attendees { get; private set; } = [];

    [BindProperty]
    public MessageInput Message { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostMessageAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        ModelState.Clear();
        if (string.IsNullOrWhiteSpace(Message.Subject))
        {
            ModelState.AddModelError("Message.Subject", "Enter a subject");
        }
        else if (Message.Subject.Trim().Length > 150)
        {
            ModelState.AddModelError("Message.Subject", "Subject must be 150 characters or fewer");
        }

        if (string.IsNullOrWhiteSpace(Message.Text))
        {
            ModelState.AddModelError("Message.Text", "Enter your message");
        }
        else if (Message.Text.Length > 5000)
        {
            ModelState.AddModelError("Message.Text", "Message must be 5,000 characters or fewer");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var sent = await manage.MessageConfirmedAsync(id, Message.Subject!, Message.Text!.Replace("\r\n", "\n", StringComparison.Ordinal), UserId, cancellationToken);
        if (!sent.Succeeded)
        {
            ModelState.AddModelError(sent.Field ?? "", sent.Error!);
            return Page();
        }

        StatusMessage = $"Message queued for {sent.Value} {(sent.Value == 1 ? "person" : "people")}";
        return Redirect($"/staff/events/{id}");
    }

    public async Task<IActionResult> OnPostAttendanceAsync(int id, int registrationId, bool attended, CancellationToken cancellationToken)
    {
        var marked = await manage.MarkAttendanceAsync(id, registrationId, attended, UserId, cancellationToken);
        StatusMessage = marked.Succeeded ? "Attendance recorded" : marked.Error;
        return Redirect($"/staff/events/{id}#attendees");
    }

    public async Task<IActionResult> OnPostCancelAsync(int id, CancellationToken cancellationToken)
    {
        var cancelled = await manage.CancelEventAsync(id, UserId, cancellationToken);
        StatusMessage = cancelled.Succeeded ? "Event cancelled. Everyone registered has been emailed" : cancelled.Error;
        return Redirect($"/staff/events/{id}");
    }

    private string? UserId => User.FindFirstValue(ClaimTypes.NameIdentifier);

    private async Task<bool> LoadAsync(int id)
    {
        if (await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id) is not { } ev)
        {
            return false;
        }

        Event = ev;
        Attendees = await db.Registrations.AsNoTracking().Where(r => r.EventId == id)
            .OrderBy(r => r.Status).ThenBy(r => r.CreatedAt).ThenBy(r => r.Id)
            .Select(r => new Attendee(r.Id, r.Name, r.Email, r.Organisation, r.AccessNeeds, r.Status, r.CreatedAt))
            .ToListAsync();
        return true;
    }

    public sealed class MessageInput
    {
        public string? Subject { get; set; }
        public string? Text { get; set; }
    }
}
