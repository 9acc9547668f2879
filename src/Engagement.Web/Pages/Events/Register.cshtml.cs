using System.Security.Claims;
using Engagement.Domain.Events;
using Engagement.Infrastructure.Data;
using Engagement.Web.Features.Events;
using Engagement.Web.Features.Forms;
using Engagement.Web.Features.Journeys;
using Engagement.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Events;

/// <summary>
/// Booking a place, run by <see cref="BookingJourney"/>: your details, access needs and consent, check your answers,
/// each at its own address with post-redirect-get. The answers are held server-side (<see cref="JourneyDrafts"/>) and
/// nothing is booked until "Book my place". Works without JavaScript.
/// </summary>
[AllowAnonymous]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class RegisterModel(EngagementDbContext db, JourneyDrafts drafts, RegistrationProtector protector, RegisterForEventHandler register, TimeProvider clock) : PageModel
{
    private static Journey<RegistrationDraft, RegistrationAnswers, Event> Journey => BookingJourney.Steps;

    [BindProperty]
    public RegistrationAnswers Input { get; set; } = new();

    public string Step { get; private set; } = BookingJourney.Details;

    public RegistrationDraft Draft { get; private set; } = new();

    public Event Event { get; private set; } = new();

    /// <summary>Why this person cannot book (shown instead of the form).</summary>
    public string? Refusal { get; private set; }

    public string StepTitle => Refusal is not null ? "You cannot book a place" : Journey.Title(Step);

    public string? PreviousUrl => Journey.Previous(Draft, Step) is { } previous ? Journey.Url(Draft, previous) : null;

    public string UrlOf(string step) => Journey.Url(Draft, step);

    public async Task<IActionResult> OnGetAsync(int id, string? step, CancellationToken cancellationToken)
    {
        step ??= BookingJourney.Details;
        if (!await LoadEventAsync(id))
        {
            return NotFound();
        }

        if (await RefuseAsync())
        {
            return Page();
        }

        var draft = await drafts.LoadAsync<RegistrationDraft>(HttpContext, BookingJourney.Name, cancellationToken);
        if (draft is null || draft.EventId != id)
        {
            if (step != BookingJourney.Details)
            {
                return Redirect($"/events/{id}/register");
            }

            draft = await StartAsync(id, cancellationToken);
        }

        Draft = draft;
        var allowed = Journey.Resolve(draft, step);
        if (allowed != step)
        {
            return Redirect(Journey.Url(draft, allowed));
        }

        if (step == BookingJourney.Check)
        {
            await drafts.SaveAsync(HttpContext, BookingJourney.Name, draft, cancellationToken);
        }

        Step = step;
        Input = RegistrationAnswers.From(draft);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, string? step, CancellationToken cancellationToken)
    {
        step ??= BookingJourney.Details;
        if (!await LoadEventAsync(id))
        {
            return NotFound();
        }

        var draft = await drafts.LoadAsync<RegistrationDraft>(HttpContext, BookingJourney.Name, cancellationToken);
        if (draft is null || draft.EventId != id)
        {
            return Redirect($"/events/{id}/register");
        }

        Draft = draft;
        if (await RefuseAsync())
        {
            return Page();
        }

        if (step == BookingJourney.Check)
        {
            return await BookAsync(cancellationToken);
        }

        var allowed = Journey.Resolve(draft, step);
        if (allowed != step)
        {
            return Redirect(Journey.Url(draft, allowed));
        }

        Step = step;
        if (!Journey.Submit(draft, step, Input, Event, ModelState))
        {
            return Page();
        }

        await drafts.SaveAsync(HttpContext, BookingJourney.Name, draft, cancellationToken);
        return Redirect(Journey.Url(draft, Journey.Next(draft, step)));
    }

    private async Task<RegistrationDraft> StartAsync(int id, CancellationToken cancellationToken)
    {
        var draft = RegistrationDraft.Start(id, clock.GetUtcNow().UtcDateTime);
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is not null && await db.Users.AsNoTracking().Where(u => u.Id == userId)
                .Select(u => new { u.DisplayName, u.Email, u.OrganisationName }).SingleOrDefaultAsync(cancellationToken) is { } account)
        {
            draft.Name = account.DisplayName;
            draft.Email = account.Email;
            draft.Organisation = account.OrganisationName;
        }

        await drafts.SaveAsync(HttpContext, BookingJourney.Name, draft, cancellationToken);
        return draft;
    }

    private async Task<IActionResult> BookAsync(CancellationToken cancellationToken)
    {
        if (this.OverSubmissionLimit() is { } limited)
        {
            return limited;
        }

        if (Journey.FirstUnanswered(Draft) is { } missing)
        {
            return Redirect(Journey.Url(Draft, missing));
        }

        var registrant = await Features.Providers.ProviderRegistrant.ForUserAsync(db, User);
        var result = await register.HandleAsync(
            new RegisterForEvent(Event.Id, Draft.Name!, Draft.Email!, Draft.Organisation, Draft.AccessNeeds, Draft.Token, registrant,
                registrant.HasProviderAccount ? User.FindFirstValue(ClaimTypes.NameIdentifier) : null),
            cancellationToken);
        if (this.NotFoundFor(result) is { } notFound)
        {
            return notFound;
        }

        if (!result.Succeeded)
        {
            // Already booked: back to the email address, with the message beside it.
            Step = result.Field == nameof(RegisterForEvent.Email) ? BookingJourney.Details : BookingJourney.Check;
            Input = RegistrationAnswers.From(Draft);
            ModelState.AddResult<RegistrationAnswers>(result, nameof(Input));
            return Page();
        }

        await drafts.DiscardAsync(HttpContext, BookingJourney.Name, cancellationToken);
        var confirmation = new RegistrationConfirmation(Event.Id, Event.Title, result.Value!.Status == RegistrationStatus.Confirmed, result.Value.Token);
        return Redirect($"/events/{Event.Id}/booked?receipt=" + Uri.EscapeDataString(protector.Protect(confirmation)));
    }

    private async Task<bool> LoadEventAsync(int id)
    {
        if (await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id) is not { } ev)
        {
            return false;
        }

        Event = ev;
        return true;
    }

    private async Task<bool> RefuseAsync()
    {
        var check = Event.CanRegister(clock.GetUtcNow().UtcDateTime, await Features.Providers.ProviderRegistrant.ForUserAsync(db, User));
        Refusal = check.Succeeded ? null : check.Error;
        return Refusal is not null;
    }
}
