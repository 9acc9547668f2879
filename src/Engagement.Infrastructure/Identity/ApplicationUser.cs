using Engagement.Domain.Common;
using Microsoft.AspNetCore.Identity;

namespace Engagement.Infrastructure.Identity;

/// <summary>A staff or provider account. Residents never need one.</summary>
public sealed class ApplicationUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>For provider accounts: the organisation and its kind of care.</summary>
    public string? OrganisationName { get; set; }

    public ProviderType? ProviderType { get; set; }

    /// <summary>For provider accounts: the other kinds of care the organisation also gives (<see cref="ProviderTypeSet"/> bits).</summary>
    public int OtherProviderTypes { get; set; }
    public string? CqcLocationId { get; set; }

    /// <summary>For provider accounts: the address of the organisation's public page, /providers/{slug}; set on its first engagement record.</summary>
    public string? ProviderSlug { get; set; }

    /// <summary>Provider accounts are approved by a commissioner before they can book forums.</summary>
    public bool IsApproved { get; set; }

    /// <summary>A disabled account cannot sign in, and its existing sessions stop working.</summary>
    public bool IsDisabled { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>The last authenticator-app time step (30-second window) accepted: a code is accepted once only.</summary>
    public long? LastAuthenticatorTimeStep { get; set; }

    /// <summary>When this account last signed in successfully (shown to administrators).</summary>
    public DateTime? LastSignInAt { get; set; }

    /// <summary>For provider accounts: the commissioner an administrator assigned to them.</summary>
    public string? DedicatedCommissionerId { get; set; }

    /// <summary>For provider accounts: set when an administrator suspends the organisation.</summary>
    public DateTime? SuspendedAt { get; set; }

    /// <summary>For provider accounts: set when a commissioner or administrator rejects the registration.</summary>
    public DateTime? RejectedAt { get; set; }

    /// <summary>For staff: opted in to a working-day email listing feedback whose first response is overdue.</summary>
    public bool WantsOverdueEmail { get; set; }

    /// <summary>The UK date of the last overdue email queued for this account: claimed before queuing, so one a day.</summary>
    public DateOnly? OverdueEmailSentFor { get; set; }
}

public static class Roles
{
    public const string Admin = "Admin";
    public const string Commissioner = "Commissioner";
    public const string Provider = "Provider";

    public static IReadOnlyList<string> All { get; } = [Admin, Commissioner, Provider];
}
