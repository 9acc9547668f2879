using Engagement.Domain.Common;

namespace Engagement.Domain.Accounts;

/// <summary>The service always keeps at least one enabled administrator: nobody else could manage staff.</summary>
public static class AdministratorCover
{
    public const string LastAdministratorMessage = "This is the only enabled administrator. Make someone else an administrator first";

    /// <summary>
    /// May this account stop being an enabled administrator (disabled, or given another role)? Only when it is not one
    /// now, or another enabled administrator remains.
    /// </summary>
    public static DomainResult MayStopBeingAdministrator(bool isEnabledAdministrator, int enabledAdministrators) =>
        !isEnabledAdministrator || enabledAdministrators > 1
            ? DomainResult.Ok
            : DomainResult.Refused(LastAdministratorMessage);
}
