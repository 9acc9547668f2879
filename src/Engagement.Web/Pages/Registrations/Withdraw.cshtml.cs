using Engagement.Domain.Events;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Security;
using Engagement.Web.Features.Privacy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Registrations;

/// <summary>Confirmation of a choice from the private booking link: stop reminders, or cancel and remove my details.</summary>
[AllowAnonymous]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class WithdrawModel(EngagementDbContext db, WithdrawBookingHandler withdraw) : PageModel
{
    public BookingChoice Choice { get; private set; }

    public string Title { get; private set; } = "";

    public bool HoldsPlace { get; private set; }

    public string Token { get; private set; } = "";

    public static string ManagePath(string token) => "/registrations/" + Uri.EscapeDataString(token);

    public async Task<IActionResult> OnGetAsync(string token, string choice, CancellationToken cancellationToken) =>
        await LoadAsync(token, choice, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(string token, string choice, CancellationToken cancellationToken)
    {
        if (await LoadAsync(token, choice, cancellationToken) is { } answered)
        {
            return answered;
        }

        var result = await withdraw.HandleAsync(token, Choice, cancellationToken);
        if (result is null)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            ModelState.AddModelError("confirm", result.Error!);
            return Page();
        }

        TempData["Status"] = Choice == BookingChoice.StopReminders
            ? "We will not send you any more reminders for this booking"
            : "Your details have been removed from this booking";
        return Redirect(ManagePath(token));
    }

    private async Task<IActionResult?> LoadAsync(string token, string choice, CancellationToken cancellationToken)
    {
        Choice = choice == "stop-reminders" ? BookingChoice.StopReminders : BookingChoice.RemoveDetails;
        var hash = SecureToken.Hash(token);
        var found = await db.Registrations.AsNoTracking().Where(r => r.TokenHash == hash)
            .Join(db.Events, r => r.EventId, e => e.Id, (r, e) => new { r.Status, r.RemindersStopped, r.PersonalDetailsDeletedAt, e.Title })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        Token = token;
        Title = found.Title;
        HoldsPlace = found.Status is RegistrationStatus.Confirmed or RegistrationStatus.Waitlisted;
        var applies = Choice == BookingChoice.StopReminders
            ? !found.RemindersStopped && found.Status == RegistrationStatus.Confirmed
            : found.PersonalDetailsDeletedAt is null;
        return applies ? null : Redirect(ManagePath(token));
    }
}
