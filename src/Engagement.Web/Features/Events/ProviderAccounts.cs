using System.Globalization;
using System.Text;
using Engagement.Domain.Auditing;
using Engagement.Domain.Common;
using Engagement.Infrastructure;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Email;
using Engagement.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Engagement.Web.Features.Events;

public sealed record RegisterProvider(
    string Name, string Email, string Password, string OrganisationName, ProviderType ProviderType, string? CqcLocationId, IReadOnlyCollection<ProviderType>? OtherProviderTypes = null);

/// <summary>
/// Provider self-registration (role Provider, not approved, email to confirm; approval is Features/Providers). The account,
/// its role and the confirmation email commit together.
/// </summary>
public sealed class ProviderAccounts(
    EngagementDbContext db,
    UserManager<ApplicationUser> users,
    EmailOutbox outbox,
    TimeProvider clock,
    IOptions<ServiceOptions> service)
{
    /// <returns>Identity's errors (password rules, email already used) keyed by input field, or none when created.</returns>
    public async Task<IReadOnlyList<(string Field, string Message)>> RegisterAsync(RegisterProvider command, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var email = command.Email.Trim();
        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            DisplayName = command.Name.Trim(),
            OrganisationName = command.OrganisationName.Trim(),
            ProviderType = command.ProviderType,
            OtherProviderTypes = ProviderTypeSet.ToMask(command.OtherProviderTypes?.Where(type => type != command.ProviderType && Enum.IsDefined(type))),
            CqcLocationId = string.IsNullOrWhiteSpace(command.CqcLocationId) ? null : command.CqcLocationId.Trim(),
            IsApproved = false,
            CreatedAt = now,
        };

        // The password rules are checked first, so the answer is the same whether or not the email has an account.
        var passwordErrors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            passwordErrors.AddRange((await validator.ValidateAsync(users, user, command.Password)).Errors);
        }

        if (passwordErrors.Count > 0)
        {
            return passwordErrors.Select(e => ("Password", Describe(e))).ToList();
        }

        var existing = await users.FindByEmailAsync(email);
        if (existing is not null)
        {
            // Say the same as for a new account; tell the real owner by email instead.
            users.PasswordHasher.HashPassword(user, command.Password);
            outbox.Queue(new EmailLayout(service.Value)
                .Paragraph($"Someone tried to register a provider account with {service.Value.Name} using this email address, which already has an account.")
                .Paragraph("If it was you, you do not need to register again: sign in, or reset your password if you have forgotten it.")
                .Link("Sign in", service.Value.Link("/account/login"))
                .Link("Reset your password", service.Value.Link("/account/forgot-password"))
                .Paragraph("If it was not you, you can ignore this email: nothing has changed.")
                .ToMessage(email, null, $"Someone tried to register with your email address", "account-already-registered", existing.Id));
            await db.SaveChangesAsync(cancellationToken);
            return [];
        }

        return await db.InTransactionAsync(async token =>
        {
            var created = await users.CreateAsync(user, command.Password);
            if (!created.Succeeded)
            {
                return created.Errors.Select(e => (e.Code.Contains("Password", StringComparison.Ordinal) ? "Password" : "Email", Describe(e))).ToList();
            }

            var role = await users.AddToRoleAsync(user, Roles.Provider);
            if (!role.Succeeded)
            {
                throw new InvalidOperationException("Could not add the Provider role: " + string.Join("; ", role.Errors.Select(e => e.Code)));
            }

            var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GenerateEmailConfirmationTokenAsync(user)));
            var link = service.Value.Link($"/account/confirm-email?userId={Uri.EscapeDataString(user.Id)}&code={code}");
            outbox.Queue(new EmailLayout(service.Value)
                .Greeting(user.DisplayName)
                .Paragraph($"Thank you for registering {user.OrganisationName} with {service.Value.Name}.")
                .Link("Confirm your email address", link)
                .Paragraph("A commissioner will then check your details and approve your account. Once approved, you can book places at provider forums.")
                .ToMessage(email, user.DisplayName, "Confirm your email address", "provider-confirm-email", user.Id));
            db.AuditRecords.Add(new AuditRecord { At = now, Action = "provider.registered", EntityType = "User", EntityId = user.Id, Detail = "type=" + command.ProviderType });
            await db.SaveChangesAsync(token);
            return [];
        }, cancellationToken);
    }

    private static string Describe(IdentityError error) => error.Code switch
    {
        "DuplicateUserName" or "DuplicateEmail" => "An account with this email address already exists. Sign in or reset your password",
        "PasswordTooShort" => "Password must be 12 characters or more",
        _ => error.Description,
    };
}
