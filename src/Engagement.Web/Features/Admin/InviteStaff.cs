using System.Text;
using Engagement.Domain.Common;
using Engagement.Infrastructure.Email;
using Engagement.Infrastructure.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace Engagement.Web.Features.Admin;

public sealed record InviteStaff(string Name, string Email, string Role, string? InvitedBy);

/// <summary>
/// An administrator invites a commissioner or administrator: an account with no password, its role, an audit record and
/// an email with a single-use invitation link (Identity's data-protection token, valid for a day and bound to the
/// security stamp, which changes when the password is chosen).
/// </summary>
public sealed class InviteStaffHandler(StaffAccountChanges changes, EmailOutbox outbox)
{
    public const string TokenPurpose = "StaffInvitation";
    public const string EmailKind = "staff-invitation";

    public async Task<DomainResult> HandleAsync(InviteStaff command, CancellationToken cancellationToken = default)
    {
        if (!StaffAccountChanges.StaffRoles.Contains(command.Role))
        {
            return DomainResult.Refused("Select commissioner or administrator", nameof(command.Role));
        }

        var email = command.Email.Trim();
        if (await changes.AnyWithEmailAsync(email))
        {
            return DomainResult.Refused("This email address already has an account", nameof(command.Email));
        }

        return await changes.InTransactionAsync(async () =>
        {
            var user = new ApplicationUser
            {
                UserName = email,
                Email = email,
                DisplayName = command.Name.Trim(),
                IsApproved = true,
                CreatedAt = changes.Now,
            };
            StaffAccountChanges.Check(await changes.Users.CreateAsync(user), "create the account");
            StaffAccountChanges.Check(await changes.Users.AddToRoleAsync(user, command.Role), "add the role");
            await QueueInvitationAsync(user, command.Role, command.InvitedBy, "staff.invited");
            return DomainResult.Ok;
        }, cancellationToken);
    }

    /// <summary>
    /// A new link for an invitation not yet accepted (the old link stops working: the security stamp changes).
    /// </summary>
    public async Task<DomainResult> ResendAsync(string userId, string? resentBy, CancellationToken cancellationToken = default)
    {
        if (await changes.FindStaffAsync(userId) is not { } found)
        {
            return StaffAccountChanges.NotFound;
        }

        var (user, role) = found;
        if (user.PasswordHash is not null || user.IsDisabled)
        {
            return DomainResult.Refused("Only an invitation that has not been accepted can be sent again");
        }

        return await changes.InTransactionAsync(async () =>
        {
            StaffAccountChanges.Check(await changes.Users.UpdateSecurityStampAsync(user), "end the earlier link");
            await QueueInvitationAsync(user, role, resentBy, "staff.invitation-resent");
            return DomainResult.Ok;
        }, cancellationToken);
    }

    private async Task QueueInvitationAsync(ApplicationUser user, string roleName, string? actorId, string action)
    {
        var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(
            await changes.Users.GenerateUserTokenAsync(user, Microsoft.AspNetCore.Identity.TokenOptions.DefaultProvider, TokenPurpose)));
        var link = changes.Service.Link($"/account/invitation?userId={Uri.EscapeDataString(user.Id)}&code={token}");
        var role = roleName == Roles.Admin ? "an administrator" : "a commissioner";
        changes.Db.AuditRecords.Add(new Domain.Auditing.AuditRecord
        {
            At = changes.Now,
            ActorUserId = actorId,
            Action = action,
            EntityType = "User",
            EntityId = user.Id,
            Detail = "role=" + roleName,
        });
        outbox.Queue(new EmailLayout(changes.Service)
            .Greeting(user.DisplayName)
            .Paragraph($"You have been invited to {changes.Service.Name} as {role}.")
            .Link("Accept the invitation and choose a password (the link works once, for 24 hours)", link)
            .Paragraph("You will then set up an authenticator app on your phone: staff sign in with a password and a code from the app.")
            .Paragraph("If you did not expect this, you can ignore this email.")
            .ToMessage(user.Email!, user.DisplayName, $"Your invitation to {changes.Service.Name}", EmailKind, user.Id));
    }
}
