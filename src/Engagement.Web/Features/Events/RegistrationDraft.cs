using Engagement.Infrastructure.Security;
using Engagement.Web.Features.Forms;
using Microsoft.AspNetCore.DataProtection;

namespace Engagement.Web.Features.Events;

/// <summary>
/// The answers so far on the booking pages, carried in one protected hidden field as the feedback journey does
/// (docs/decisions/0004-feedback-draft.md). Nothing is written until "Book my place".
/// </summary>
public sealed class RegistrationDraft
{
    public int EventId { get; set; }

    /// <summary>The private link token, created with the draft: a repeated "Book" is refused as already booked.</summary>
    public string Token { get; set; } = "";

    public string? Name { get; set; }
    public string? Email { get; set; }
    public string? Organisation { get; set; }
    public string? AccessNeeds { get; set; }
    public bool Consent { get; set; }
    public bool DetailsAnswered { get; set; }
    public bool AccessAnswered { get; set; }
    public bool ReachedCheck { get; set; }

    public static RegistrationDraft Start(int eventId) => new() { EventId = eventId, Token = SecureToken.Create() };
}

/// <summary>What the confirmation page shows: the status and the private link.</summary>
public sealed record RegistrationConfirmation(int EventId, string Title, bool Confirmed, string Token);

/// <summary>Encrypts and authenticates booking drafts and confirmations with ASP.NET Core Data Protection.</summary>
public sealed class RegistrationProtector(IDataProtectionProvider provider, TimeProvider clock)
{
    private readonly ProtectedState<RegistrationDraft> _drafts = new(provider, clock, "Engagement.Events.Draft.v1", TimeSpan.FromHours(24));
    private readonly ProtectedState<RegistrationConfirmation> _confirmations = new(provider, clock, "Engagement.Events.Confirmation.v1", TimeSpan.FromHours(2));

    public string Protect(RegistrationDraft draft) => _drafts.Protect(draft);

    public RegistrationDraft? Unprotect(string? value) => _drafts.Unprotect(value);

    public string Protect(RegistrationConfirmation confirmation) => _confirmations.Protect(confirmation);

    public RegistrationConfirmation? UnprotectConfirmation(string? value) => _confirmations.Unprotect(value);
}
