using Engagement.Domain.Common;
using Engagement.Infrastructure.Identity;
using Engagement.Web.Features.Accounts;

namespace Engagement.Web.Features.Admin;

public enum StaffAccountChange
{
    MakeCommissioner,
    MakeAdministrator,
    Disable,
    Enable,
    Unlock,
    ResetTwoFactor,
}

public sealed record ChangeStaffAccount(string UserId, StaffAccountChange Change, string? ChangedBy);

/// <summary>
/// An administrator changes a staff account: its role, disables or re-enables it, lifts its sign-in delay, or resets its
/// two-factor authentication. Every change except unlocking changes the security stamp, which is checked on every
/// request, so it takes effect on the person's next request on every instance (a disabled account's sessions end). The
/// last enabled administrator cannot be disabled or made a commissioner. Each change is audited and emailed to the person.
/// </summary>
public sealed class ChangeStaffAccountHandler(StaffAccountChanges changes, SignInThrottle throttle)
{
    public async Task<DomainResult> HandleAsync(ChangeStaffAccount command, CancellationToken cancellationToken = default)
    {
        var found = await changes.FindStaffAsync(command.UserId);
        if (found is not { } staff)
        {
            return StaffAccountChanges.NotFound;
        }

        var (user, role) = staff;
        var users = changes.Users;
        var service = changes.Service.Name;
        switch (command.Change)
        {
            case StaffAccountChange.MakeCommissioner or StaffAccountChange.MakeAdministrator:
                var newRole = command.Change == StaffAccountChange.MakeAdministrator ? Roles.Admin : Roles.Commissioner;
                if (newRole == role)
                {
                    return DomainResult.Refused($"This account is already {(role == Roles.Admin ? "an administrator" : "a commissioner")}", "Role");
                }

                if (newRole == Roles.Commissioner && await changes.MayStopBeingAdministratorAsync(user, role) is { Succeeded: false } demote)
                {
                    return demote.ForProperty("Role");
                }

                return await changes.InTransactionAsync(async () =>
                {
                    StaffAccountChanges.Check(await users.RemoveFromRoleAsync(user, role), "remove the role");
                    StaffAccountChanges.Check(await users.AddToRoleAsync(user, newRole), "add the role");
                    StaffAccountChanges.Check(await users.UpdateSecurityStampAsync(user), "end the sessions");
                    var words = newRole == Roles.Admin ? "an administrator" : "a commissioner";
                    changes.Record(command.ChangedBy, user, "staff.role-changed", $"from={role};to={newRole}", "staff-role-changed",
                        $"Your role in {service} has changed", $"An administrator has made you {words} in {service}.", "Sign in again to continue.");
                    return DomainResult.Ok;
                }, cancellationToken);

            case StaffAccountChange.Disable:
                if (user.IsDisabled)
                {
                    return DomainResult.Refused("This account is already disabled");
                }

                if (user.Id == command.ChangedBy)
                {
                    return DomainResult.Refused("You cannot disable your own account");
                }

                if (await changes.MayStopBeingAdministratorAsync(user, role) is { Succeeded: false } last)
                {
                    return last;
                }

                return await changes.InTransactionAsync(async () =>
                {
                    user.IsDisabled = true;
                    StaffAccountChanges.Check(await users.UpdateSecurityStampAsync(user), "disable the account");
                    changes.Record(command.ChangedBy, user, "staff.disabled", "role=" + role, "staff-disabled",
                        $"Your {service} account has been disabled", $"An administrator has disabled your account in {service}. You have been signed out everywhere and cannot sign in.");
                    return DomainResult.Ok;
                }, cancellationToken);

            case StaffAccountChange.Enable:
                if (!user.IsDisabled)
                {
                    return DomainResult.Refused("This account is not disabled");
                }

                return await changes.InTransactionAsync(async () =>
                {
                    user.IsDisabled = false;
                    StaffAccountChanges.Check(await users.UpdateSecurityStampAsync(user), "enable the account");
                    changes.Record(command.ChangedBy, user, "staff.enabled", "role=" + role, "staff-enabled",
                        $"Your {service} account has been enabled again", $"An administrator has enabled your account in {service} again. You can sign in.");
                    return DomainResult.Ok;
                }, cancellationToken);

            case StaffAccountChange.Unlock:
                return await changes.InTransactionAsync(async () =>
                {
                    await throttle.ResetAccountAsync(SignInThrottle.AccountKey(user.Email ?? ""), cancellationToken);
                    if (await users.GetLockoutEnabledAsync(user))
                    {
                        StaffAccountChanges.Check(await users.SetLockoutEndDateAsync(user, null), "unlock");
                    }

                    StaffAccountChanges.Check(await users.ResetAccessFailedCountAsync(user), "reset the failed count");
                    changes.Record(command.ChangedBy, user, "staff.unlocked", null, "staff-unlocked",
                        $"You can sign in to {service} again", $"An administrator has lifted the wait on signing in to your {service} account after failed attempts.");
                    return DomainResult.Ok;
                }, cancellationToken);

            case StaffAccountChange.ResetTwoFactor:
                return await changes.InTransactionAsync(async () =>
                {
                    StaffAccountChanges.Check(await users.SetTwoFactorEnabledAsync(user, false), "turn off two-factor authentication");
                    await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
                    user.LastAuthenticatorTimeStep = null;
                    StaffAccountChanges.Check(await users.ResetAuthenticatorKeyAsync(user), "reset the authenticator key");
                    changes.Record(command.ChangedBy, user, "staff.two-factor-reset", null, "staff-two-factor-reset",
                        $"Set up your authenticator app again for {service}", $"An administrator has reset two-factor authentication on your {service} account. You have been signed out; when you next sign in you will set up your authenticator app again, and get new recovery codes.");
                    return DomainResult.Ok;
                }, cancellationToken);

            default:
                return DomainResult.Refused("Unknown change");
        }
    }
}
