using Engagement.Domain.Common;

namespace Engagement.Domain.Accounts;

/// <summary>Where a provider organisation stands with the council.</summary>
public enum ProviderStanding
{
    Pending,
    Approved,
    Rejected,
    Suspended,
}

public enum ProviderDecision
{
    Approve,
    Reject,
    Suspend,
    Reinstate,
}

/// <summary>
/// The moves a provider organisation may make: a pending (or earlier rejected) registration is approved or rejected,
/// an approved one suspended, a suspended one reinstated. Rejecting and suspending need a reason, which is emailed to
/// the provider (and kept nowhere else).
/// </summary>
public static class ProviderReview
{
    public const int ReasonMaxLength = 1000;

    public static ProviderStanding StandingOf(bool isApproved, DateTime? rejectedAt, DateTime? suspendedAt) =>
        suspendedAt is not null ? ProviderStanding.Suspended
        : isApproved ? ProviderStanding.Approved
        : rejectedAt is not null ? ProviderStanding.Rejected
        : ProviderStanding.Pending;

    public static DomainResult Check(ProviderStanding from, ProviderDecision decision, string? reason)
    {
        var allowed = decision switch
        {
            ProviderDecision.Approve => from is ProviderStanding.Pending or ProviderStanding.Rejected,
            ProviderDecision.Reject => from is ProviderStanding.Pending,
            ProviderDecision.Suspend => from is ProviderStanding.Approved,
            ProviderDecision.Reinstate => from is ProviderStanding.Suspended,
            _ => false,
        };
        if (!allowed)
        {
            return DomainResult.Refused($"An organisation that is {from.ToString().ToLowerInvariant()} cannot be {Past(decision)}");
        }

        if (decision is ProviderDecision.Reject or ProviderDecision.Suspend)
        {
            if (string.IsNullOrWhiteSpace(reason))
            {
                return DomainResult.Refused($"Enter the reason it is {Past(decision)}: we email it to the provider", "Reason");
            }

            if (reason.Trim().Length > ReasonMaxLength)
            {
                return DomainResult.Refused($"The reason must be {ReasonMaxLength} characters or fewer", "Reason");
            }
        }

        return DomainResult.Ok;
    }

    public static string Past(ProviderDecision decision) => decision switch
    {
        ProviderDecision.Approve => "approved",
        ProviderDecision.Reject => "rejected",
        ProviderDecision.Suspend => "suspended",
        _ => "reinstated",
    };
}
