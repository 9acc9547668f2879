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

namespace Engagement.Web.Features.Admin;

/// <summary>
/// What every change to a staff account shares: finding the account, the administrator-cover rule, and recording the
/// change (an audit record with ids and roles only, and an email to the person) in the same transaction.
/// </summary>
public sealed class StaffAccountChanges(
    EngagementDbContext db,
    UserManager<ApplicationUser> users,
    EmailOutbox outbox,
    TimeProvider clock,
    IOptions<ServiceOptions> service)
{
    public static readonly string[] StaffRoles = [Roles.Commissioner, Roles.Admin];

    public EngagementDbContext Db => db;

    public UserManager<ApplicationUser> Users => users;

    public ServiceOptions Service => service.Value;

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>A staff account (commissioner or administrator) by id, with its staff role, or null.</summary>
    public async Task<(ApplicationUser User, string Role)?> FindStaffAsync(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return null;
        }

        var roles = await users.GetRolesAsync(user);
        var role = roles.Contains(Roles.Admin) ? Roles.Admin : roles.Contains(Roles.Commissioner) ? Roles.Commissioner : null;
        return role is null ? null : (user, role);
    }

    /// <summary>Checks that this account may stop being an enabled administrator.</summary>
    public async Task<DomainResult> MayStopBeingAdministratorAsync(ApplicationUser user, string role)
    {
        var admins = await users.GetUsersInRoleAsync(Roles.Admin);
        return AdministratorCover.MayStopBeingAdministrator(role == Roles.Admin && !user.IsDisabled, admins.Count(a => !a.IsDisabled));
    }

    /// <summary>Adds the audit record and the email to the person; the caller saves (inside its transaction).</summary>
    public void Record(string? actorId, ApplicationUser user, string action, string? detail, string emailKind, string subject, params string[] paragraphs)
    {
        db.AuditRecords.Add(new AuditRecord { At = Now, ActorUserId = actorId, Action = action, EntityType = "User", EntityId = user.Id, Detail = detail });
        if (user.Email is null)
        {
            return;
        }

        var layout = new EmailLayout(service.Value).Greeting(user.DisplayName);
        foreach (var paragraph in paragraphs)
        {
            layout.Paragraph(paragraph);
        }

        layout.Paragraph($"If you did not expect this, contact an administrator of {service.Value.Name}.");
        outbox.Queue(layout.ToMessage(user.Email, user.DisplayName, subject, emailKind, user.Id));
    }

    /// <summary>The account change, its audit record and its email as one unit of work (see <see cref="UnitOfWork"/>).</summary>
    public Task<T> InTransactionAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async token =>
        {
            var result = await work();
            await db.SaveChangesAsync(token);
            return result;
        }, cancellationToken);

    public static DomainResult NotFound { get; } = DomainResult.NotFound("That staff account does not exist.");

    public static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: " + string.Join("; ", result.Errors.Select(e => e.Code)));
        }
    }

    public Task<bool> AnyWithEmailAsync(string email) =>
        db.Users.AnyAsync(u => u.NormalizedEmail == users.NormalizeEmail(email));
}
