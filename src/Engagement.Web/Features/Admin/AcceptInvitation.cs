using System.Text;
using Engagement.Domain.Auditing;
using Engagement.Domain.Common;
using Engagement.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace Engagement.Web.Features.Admin;

public sealed record AcceptInvitation(string UserId, string Code, string Password);

/// <summary>
/// The invited person chooses a password: the link is checked (once: setting the password changes the security stamp
/// the token is bound to), the email is confirmed, and the account is ready for its two-factor set-up.
/// </summary>
public sealed class AcceptInvitationHandler(StaffAccountChanges changes)
{
    public const string InvalidLink = "This invitation link has expired or has already been used. Ask an administrator for a new invitation";

    /// <summary>Is this an invitation that can still be accepted?</summary>
    public async Task<ApplicationUser?> FindAsync(string userId, string code)
    {
        var user = await changes.Users.FindByIdAsync(userId);
        if (user is null || user.PasswordHash is not null || user.IsDisabled)
        {
            return null;
        }

        string token;
        try
        {
            token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }

        return await changes.Users.VerifyUserTokenAsync(user, TokenOptions.DefaultProvider, InviteStaffHandler.TokenPurpose, token) ? user : null;
    }

    public async Task<DomainResult<ApplicationUser>> HandleAsync(AcceptInvitation command, CancellationToken cancellationToken = default)
    {
        var user = await FindAsync(command.UserId, command.Code);
        if (user is null)
        {
            return DomainResult<ApplicationUser>.Refused(InvalidLink, nameof(command.Password));
        }

        foreach (var validator in changes.Users.PasswordValidators)
        {
            var valid = await validator.ValidateAsync(changes.Users, user, command.Password);
            if (!valid.Succeeded)
            {
                return DomainResult<ApplicationUser>.Refused(
                    valid.Errors.First().Code == "PasswordTooShort" ? "Password must be 12 characters or more" : valid.Errors.First().Description,
                    nameof(command.Password));
            }
        }

        return await changes.InTransactionAsync(async () =>
        {
            StaffAccountChanges.Check(await changes.Users.AddPasswordAsync(user, command.Password), "set the password");
            user.EmailConfirmed = true;
            StaffAccountChanges.Check(await changes.Users.UpdateAsync(user), "confirm the email address");
            changes.Db.AuditRecords.Add(new AuditRecord { At = changes.Now, ActorUserId = user.Id, Action = "staff.invitation-accepted", EntityType = "User", EntityId = user.Id });
            return DomainResult<ApplicationUser>.Ok(user);
        }, cancellationToken);
    }
}
