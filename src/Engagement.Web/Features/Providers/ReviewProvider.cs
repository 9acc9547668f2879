using Engagement.Domain.Accounts;
using Engagement.Domain.Auditing;
using Engagement.Domain.Common;
using Engagement.Infrastructure;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Email;
using Engagement.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Engagement.Web.Features.Providers;

public sealed record ReviewProvider(string UserId, ProviderDecision Decision, string? Reason, string? ReviewedBy);

/// <summary>
/// A commissioner or administrator approves or rejects a provider organisation; an administrator suspends or reinstates
/// it (the page checks the role). The change, its audit record (no reason, no names) and the email to the provider
/// (with the reason) are saved together. Suspending also ends the provider's sessions.
/// </summary>
public sealed class ReviewProviderHandler(
    EngagementDbContext db,
    UserManager<ApplicationUser> users,
    EmailOutbox outbox,
    TimeProvider clock,
    IOptions<ServiceOptions> service)
{
    public static string EmailKind(ProviderDecision decision) => "provider-" + ProviderReview.Past(decision);

    public async Task<DomainResult> HandleAsync(ReviewProvider command, CancellationToken cancellationToken = default)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == command.UserId && u.ProviderType != null, cancellationToken);
        if (user is null)
        {
            return DomainResult.Refused("That provider organisation does not exist.");
        }

        var standing = ProviderReview.StandingOf(user.IsApproved, user.RejectedAt, user.SuspendedAt);
        var check = ProviderReview.Check(standing, command.Decision, command.Reason);
        if (!check.Succeeded)
        {
            return check;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var name = service.Value.Name;
        var email = new EmailLayout(service.Value).Greeting(user.DisplayName);
        string subject;
        switch (command.Decision)
        {
            case ProviderDecision.Approve:
                user.IsApproved = true;
                user.RejectedAt = null;
                subject = $"{user.OrganisationName} is approved";
                email.Paragraph($"A commissioner has approved {user.OrganisationName}'s account with {name}. You can now book places at the provider forums for your kind of care.")
                    .Link("Sign in", service.Value.Link("/account/login"));
                break;
            case ProviderDecision.Reject:
                user.RejectedAt = now;
                subject = $"{user.OrganisationName}'s registration was not approved";
                email.Paragraph($"A commissioner has not approved {user.OrganisationName}'s registration with {name}, for this reason:")
                    .Paragraph(command.Reason!.Trim())
                    .Paragraph($"If something has changed, reply to {service.Value.ContactEmail} and we will look again.");
                break;
            case ProviderDecision.Suspend:
                user.IsApproved = false;
                user.SuspendedAt = now;
                subject = $"{user.OrganisationName}'s account is suspended";
                email.Paragraph($"An administrator has suspended {user.OrganisationName}'s account with {name}, for this reason:")
                    .Paragraph(command.Reason!.Trim())
                    .Paragraph("You cannot book provider forums while it is suspended.");
                break;
            default:
                user.IsApproved = true;
                user.SuspendedAt = null;
                subject = $"{user.OrganisationName}'s account is active again";
                email.Paragraph($"An administrator has lifted the suspension of {user.OrganisationName}'s account with {name}. You can book provider forums again.");
                break;
        }

        return await db.InTransactionAsync(async token =>
        {
            if (command.Decision == ProviderDecision.Suspend)
            {
                await users.UpdateSecurityStampAsync(user);
            }

            db.AuditRecords.Add(new AuditRecord
            {
                At = now,
                ActorUserId = command.ReviewedBy,
                Action = "provider." + ProviderReview.Past(command.Decision),
                EntityType = "User",
                EntityId = user.Id,
                Detail = "type=" + user.ProviderType,
            });
            if (user.Email is not null)
            {
                outbox.Queue(email.ToMessage(user.Email, user.DisplayName, subject, EmailKind(command.Decision), user.Id));
            }

            await db.SaveChangesAsync(token);
            return DomainResult.Ok;
        }, cancellationToken);
    }
}

/// <param name="OtherProviderTypes">The other kinds of care it also gives; its main kind among them is ignored.</param>
public sealed record UpdateProviderOrganisation(
    string UserId, ProviderType ProviderType, string? DedicatedCommissionerId, string? ChangedBy, IReadOnlyCollection<ProviderType>? OtherProviderTypes = null);

/// <summary>
/// An administrator sets an organisation's main kind of care, the other kinds it also gives, and its dedicated commissioner (an enabled commissioner or
/// administrator). A new dedicated commissioner is emailed to the provider and to the commissioner; both are audited.
/// </summary>
public sealed class UpdateProviderOrganisationHandler(
    EngagementDbContext db,
    UserManager<ApplicationUser> users,
    EmailOutbox outbox,
    TimeProvider clock,
    IOptions<ServiceOptions> service)
{
    public const string ProviderEmailKind = "provider-commissioner-assigned";
    public const string CommissionerEmailKind = "commissioner-provider-assigned";

    public async Task<DomainResult> HandleAsync(UpdateProviderOrganisation command, CancellationToken cancellationToken = default)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == command.UserId && u.ProviderType != null, cancellationToken);
        if (user is null)
        {
            return DomainResult.Refused("That provider organisation does not exist.");
        }

        if (!Enum.IsDefined(command.ProviderType))
        {
            return DomainResult.Refused("Select what kind of care they provide", "ProviderType");
        }

        if (command.OtherProviderTypes?.Any(type => !Enum.IsDefined(type)) == true)
        {
            return DomainResult.Refused("Select only the kinds of care listed", "OtherProviderTypes");
        }

        ApplicationUser? commissioner = null;
        var commissionerId = string.IsNullOrEmpty(command.DedicatedCommissionerId) ? null : command.DedicatedCommissionerId;
        if (commissionerId is not null)
        {
            commissioner = await users.FindByIdAsync(commissionerId);
            if (commissioner is null || commissioner.IsDisabled
                || !(await users.IsInRoleAsync(commissioner, Roles.Commissioner) || await users.IsInRoleAsync(commissioner, Roles.Admin)))
            {
                return DomainResult.Refused("Select an enabled commissioner", "DedicatedCommissionerId");
            }
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (user.ProviderType != command.ProviderType)
        {
            db.AuditRecords.Add(new AuditRecord { At = now, ActorUserId = command.ChangedBy, Action = "provider.type-changed", EntityType = "User", EntityId = user.Id, Detail = $"from={user.ProviderType};to={command.ProviderType}" });
            user.ProviderType = command.ProviderType;
        }

        var others = ProviderTypeSet.ToMask(command.OtherProviderTypes?.Where(type => type != command.ProviderType));
        if (user.OtherProviderTypes != others)
        {
            db.AuditRecords.Add(new AuditRecord { At = now, ActorUserId = command.ChangedBy, Action = "provider.other-types-changed", EntityType = "User", EntityId = user.Id, Detail = $"from={string.Join('+', ProviderTypeSet.FromMask(user.OtherProviderTypes))};to={string.Join('+', ProviderTypeSet.FromMask(others))}" });
            user.OtherProviderTypes = others;
        }

        if (user.DedicatedCommissionerId != commissionerId)
        {
            user.DedicatedCommissionerId = commissionerId;
            db.AuditRecords.Add(new AuditRecord { At = now, ActorUserId = command.ChangedBy, Action = "provider.commissioner-assigned", EntityType = "User", EntityId = user.Id, Detail = "commissioner=" + (commissionerId ?? "none") });
            if (commissioner is { Email: not null } && user.Email is not null)
            {
                outbox.Queue(new EmailLayout(service.Value).Greeting(user.DisplayName)
                    .Paragraph($"{commissioner.DisplayName} is now {user.OrganisationName}'s dedicated commissioner at {service.Value.CouncilName}. You can contact them at {commissioner.Email}.")
                    .ToMessage(user.Email, user.DisplayName, "Your dedicated commissioner", ProviderEmailKind, user.Id));
                outbox.Queue(new EmailLayout(service.Value).Greeting(commissioner.DisplayName)
                    .Paragraph($"You are now the dedicated commissioner for {user.OrganisationName} ({ProviderTypeSet.Describe(user.ProviderType, user.OtherProviderTypes)}).")
                    .Link("See the organisation", service.Value.Link("/staff/providers/" + Uri.EscapeDataString(user.Id)))
                    .ToMessage(commissioner.Email, commissioner.DisplayName, $"You are {user.OrganisationName}'s dedicated commissioner", CommissionerEmailKind, user.Id));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return DomainResult.Ok;
    }
}
