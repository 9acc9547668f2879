using Engagement.Domain.Events;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Security;
using Engagement.Web.Features.Events;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Registrations;

/// <summary>A booking seen through its private link, with a Cancel button. Any other token is a 404.</summary>
[AllowAnonymous]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ManageModel(EngagementDbContext db, CancelRegistrationHandler cancel) : PageModel
{
    public sealed record Booking(string Name, RegistrationStatus Status, int EventId, string Title, DateTime StartsAt, DateTime EndsAt, bool EventCancelled,
        bool RemindersStopped = false, DateTime? DetailsRemovedAt = null);

    public string Token { get; private set; } = "";

    public Booking Details { get; private set; } = new("", RegistrationStatus.Confirmed, 0, "", default, default, false);

    public string? Error { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(string token) => await LoadAsync(token) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        var result = await cancel.HandleAsync(new CancelRegistration(token), cancellationToken);
        if (result is null)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            Error = result.Error;
            await LoadAsync(token);
            return Page();
        }

        StatusMessage = "Your booking has been cancelled";
        return Redirect("/registrations/" + Uri.EscapeDataString(token));
    }

    private async Task<bool> LoadAsync(string token)
    {
        var hash = SecureToken.Hash(token);
        var found = await db.Registrations.AsNoTracking().Where(r => r.TokenHash == hash)
            .Join(db.Events, r => r.EventId, e => e.Id, (r, e) => new Booking(r.Name, r.Status, e.Id, e.Title, e.StartsAt, e.EndsAt, e.IsCancelled, r.RemindersStopped, r.PersonalDetailsDeletedAt))
            .SingleOrDefaultAsync();
        if (found is null)
        {
            return false;
        }

        Details = found;
        Token = token;
        return true;
    }
}
