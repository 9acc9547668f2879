using System.Security.Claims;
using Engagement.Domain.Events;
using Engagement.Infrastructure.Data;
using Engagement.Web.Features.Events;
using Engagement.Web.Features.Feedback;
using Engagement.Web.Features.Forms;
using Engagement.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Events;

/// <summary>
/// Booking a place: your details, access needs and consent, check your answers. Works without JavaScript; the answers
/// travel in a protected hidden field (as on the feedback pages) and nothing is saved until "Book my place".
/// </summary>
[AllowAnonymous]
public sealed class RegisterModel(EngagementDbContext db, RegistrationProtector protector, RegisterForEventHandler register, TimeProvider clock) : PageModel
{
    public const string Details = "details";
    public const string AccessNeeds = "access-needs";
    public const string Check = "check";

    [BindProperty]
    public RegistrationAnswers Input { get; set; } = new();

    [BindProperty(Name = "Draft")]
    public string? ProtectedDraft { get; set; }

    [BindProperty]
    public bool Show { get; set; }

    public string Step { get; private set; } = Details;

    public RegistrationDraft Draft { get; private set; } = new();

    public Event Event { get; private set; } = new();

    /// <summary>Why this person cannot book (shown instead of the form).</summary>
    public string? Refusal { get; private set; }

    public string StepTitle => Refusal is not null ? "You cannot book a place" : Step switch
    {
        Details => "Your details",
        AccessNeeds => "Access needs and reasonable adjustments",
        _ => "Check your answers before booking",
    };

    public async Task<IActionResult> OnGetAsync(int id, string? step)
    {
        if (!await LoadEventAsync(id))
        {
            return NotFound();
        }

        if (step is not null and not Details)
        {
            return Redirect($"/events/{id}/register");
        }

        if (await RefuseAsync())
        {
            return Page();
        }

        Draft = RegistrationDraft.Start(id);
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is not null && await db.Users.AsNoTracking().Where(u => u.Id == userId)
                .Select(u => new { u.DisplayName, u.Email, u.OrganisationName }).SingleOrDefaultAsync() is { } account)
        {
            Draft.Name = account.DisplayName;
            Draft.Email = account.Email;
            Draft.Organisation = account.OrganisationName;
        }

        return ShowStep(Details);
    }

    public async Task<IActionResult> OnPostAsync(int id, string? step, CancellationToken cancellationToken)
    {
        step ??= Details;
        if (!await LoadEventAsync(id))
        {
            return NotFound();
        }

        var draft = protector.Unprotect(ProtectedDraft);
        if (draft is null || draft.EventId != id)
        {
            return Redirect($"/events/{id}/register");
        }

        Draft = draft;
        if (await RefuseAsync())
        {
            return Page();
        }

        if (Show)
        {
            return ShowStep(step);
        }

        if (step == Check)
        {
            return await BookAsync(cancellationToken);
        }

        Step = step;
        ModelState.Clear();
        if (!Validate(step))
        {
            ProtectedDraft = protector.Protect(Draft);
            return Page();
        }

        Save(step);
        return ShowStep(Draft.ReachedCheck || step == AccessNeeds ? Check : AccessNeeds);
    }

    private async Task<IActionResult> BookAsync(CancellationToken cancellationToken)
    {
        if (this.OverSubmissionLimit() is { } limited)
        {
            return limited;
        }

        if (!Draft.DetailsAnswered)
        {
            return ShowStep(Details);
        }

        if (!Draft.AccessAnswered)
        {
            return ShowStep(AccessNeeds);
        }

        var registrant = await DetailModel.RegistrantAsync(db, User);
        var result = await register.HandleAsync(
            new RegisterForEvent(Event.Id, Draft.Name!, Draft.Email!, Draft.Organisation, Draft.AccessNeeds, Draft.Token, registrant,
                registrant.HasProviderAccount ? User.FindFirstValue(ClaimTypes.NameIdentifier) : null),
            cancellationToken);
        if (!result.Succeeded)
        {
            // Already booked: back to the email address, with the message beside it.
            var emailProblem = result.Field == "Email";
            ShowStep(emailProblem ? Details : Check);
            ModelState.AddModelError(emailProblem ? "Input.Email" : "", result.Error!);
            return Page();
        }

        var confirmation = new RegistrationConfirmation(Event.Id, Event.Title, result.Value!.Status == RegistrationStatus.Confirmed, result.Value.Token);
        return Redirect($"/events/{Event.Id}/booked?receipt=" + Uri.EscapeDataString(protector.Protect(confirmation)));
    }

    private PageResult ShowStep(string step)
    {
        Step = step == Check && !(Draft.DetailsAnswered && Draft.AccessAnswered) ? (Draft.DetailsAnswered ? AccessNeeds : Details) : step;
        if (Step == Check)
        {
            Draft.ReachedCheck = true;
        }

        ModelState.Clear();
        Input = RegistrationAnswers.From(Draft);
        ProtectedDraft = protector.Protect(Draft);
        return Page();
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
        var check = Event.CanRegister(clock.GetUtcNow().UtcDateTime, await DetailModel.RegistrantAsync(db, User));
        Refusal = check.Succeeded ? null : check.Error;
        return Refusal is not null;
    }

    private bool Validate(string step)
    {
        if (step == Details)
        {
            PersonDetails.RequireNameAndEmail(ModelState, "Input", Input.Name, Input.Email);

            if (Event.IsForProviders && string.IsNullOrWhiteSpace(Input.Organisation))
            {
                ModelState.AddModelError("Input.Organisation", "Enter the name of your organisation");
            }
            else if ((Input.Organisation?.Trim().Length ?? 0) > EventLimits.OrganisationMaxLength)
            {
                ModelState.AddModelError("Input.Organisation", "Organisation must be 200 characters or fewer");
            }
        }
        else if (step == AccessNeeds)
        {
            if ((FeedbackValidation.NormaliseText(Input.AccessNeeds).Trim().Length) > EventLimits.AccessNeedsMaxLength)
            {
                ModelState.AddModelError("Input.AccessNeeds", "Access needs must be 2,000 characters or fewer");
            }

            if (!Input.Consent)
            {
                ModelState.AddModelError("Input.Consent", "Select that you agree to us using your details to run the event");
            }
        }
        else
        {
            return false;
        }

        return ModelState.ErrorCount == 0;
    }

    private void Save(string step)
    {
        if (step == Details)
        {
            Draft.Name = Input.Name!.Trim();
            Draft.Email = Input.Email!.Trim();
            Draft.Organisation = string.IsNullOrWhiteSpace(Input.Organisation) ? null : Input.Organisation.Trim();
            Draft.DetailsAnswered = true;
        }
        else
        {
            var needs = FeedbackValidation.NormaliseText(Input.AccessNeeds).Trim();
            Draft.AccessNeeds = needs.Length == 0 ? null : needs;
            Draft.Consent = true;
            Draft.AccessAnswered = true;
        }
    }
}

/// <summary>What a person may enter on the booking pages (only the posted page's fields are used).</summary>
public sealed class RegistrationAnswers
{
    public string? Name { get; set; }
    public string? Email { get; set; }
    public string? Organisation { get; set; }
    public string? AccessNeeds { get; set; }
    public bool Consent { get; set; }

    public static RegistrationAnswers From(RegistrationDraft draft) => new()
    {
        Name = draft.Name,
        Email = draft.Email,
        Organisation = draft.Organisation,
        AccessNeeds = draft.AccessNeeds,
        Consent = draft.Consent,
    };
}
