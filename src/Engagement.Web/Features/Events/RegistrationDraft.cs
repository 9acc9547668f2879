using Engagement.Domain.Events;
using Engagement.Infrastructure.Security;
using Engagement.Web.Features.Feedback;
using Engagement.Web.Features.Forms;
using Engagement.Web.Features.Journeys;
using Microsoft.AspNetCore.DataProtection;

namespace Engagement.Web.Features.Events;

/// <summary>
/// The answers so far on the booking pages, held server-side like the feedback journey's
/// (docs/decisions/0013-journey-engine-and-result-type.md). Nothing is written until "Book my place".
/// </summary>
public sealed class RegistrationDraft : JourneyDraft
{
    public int EventId { get; set; }

    /// <summary>The private link token, created with the draft: a repeated "Book" is refused as already booked.</summary>
    public string Token { get; set; } = "";

    public string? Name { get; set; }
    public string? Email { get; set; }
    public string? Organisation { get; set; }
    public string? AccessNeeds { get; set; }
    public bool Consent { get; set; }

    public static RegistrationDraft Start(int eventId, DateTime now) => new() { EventId = eventId, Token = SecureToken.Create(), StartedAt = now };
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

/// <summary>Booking a place as a table of steps: your details, access needs and consent, then check your answers.</summary>
public static class BookingJourney
{
    public const string Name = "booking";
    public const string Details = "details";
    public const string AccessNeeds = "access-needs";
    public const string Check = Journey<RegistrationDraft, RegistrationAnswers, Event>.CheckSlug;

    public static Journey<RegistrationDraft, RegistrationAnswers, Event> Steps { get; } = new(
        Name,
        d => $"/events/{d.EventId}/register",
        "Check your answers before booking",
        [
            new(Details, "Your details",
                (a, ev, errors) =>
                {
                    PersonDetails.RequireNameAndEmail(errors, "Input", a.Name, a.Email);
                    if (ev.IsForProviders && string.IsNullOrWhiteSpace(a.Organisation))
                    {
                        errors.AddModelError("Input.Organisation", "Enter the name of your organisation");
                    }
                    else if ((a.Organisation?.Trim().Length ?? 0) > EventLimits.OrganisationMaxLength)
                    {
                        errors.AddModelError("Input.Organisation", "Organisation must be 200 characters or fewer");
                    }
                },
                (a, d) =>
                {
                    d.Name = a.Name!.Trim();
                    d.Email = a.Email!.Trim();
                    d.Organisation = string.IsNullOrWhiteSpace(a.Organisation) ? null : a.Organisation.Trim();
                }),
            new(AccessNeeds, "Access needs and reasonable adjustments",
                (a, _, errors) =>
                {
                    if (FeedbackValidation.NormaliseText(a.AccessNeeds).Trim().Length > EventLimits.AccessNeedsMaxLength)
                    {
                        errors.AddModelError("Input.AccessNeeds", "Access needs must be 2,000 characters or fewer");
                    }

                    if (!a.Consent)
                    {
                        errors.AddModelError("Input.Consent", "Select that you agree to us using your details to run the event");
                    }
                },
                (a, d) =>
                {
                    var needs = FeedbackValidation.NormaliseText(a.AccessNeeds).Trim();
                    d.AccessNeeds = needs.Length == 0 ? null : needs;
                    d.Consent = true;
                }),
        ]);
}

/// <summary>What the confirmation page shows: the status and the private link.</summary>
public sealed record RegistrationConfirmation(int EventId, string Title, bool Confirmed, string Token);

/// <summary>Encrypts and authenticates booking confirmations with ASP.NET Core Data Protection.</summary>
public sealed class RegistrationProtector(IDataProtectionProvider provider, TimeProvider clock)
{
    private readonly ProtectedState<RegistrationConfirmation> _confirmations = new(provider, clock, "Engagement.Events.Confirmation.v1", TimeSpan.FromHours(2));

    public string Protect(RegistrationConfirmation confirmation) => _confirmations.Protect(confirmation);

    public RegistrationConfirmation? UnprotectConfirmation(string? value) => _confirmations.Unprotect(value);
}
