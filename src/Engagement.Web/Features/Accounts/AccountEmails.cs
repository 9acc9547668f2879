using Engagement.Infrastructure;
using Engagement.Infrastructure.Email;

namespace Engagement.Web.Features.Accounts;

/// <summary>Emails about staff and provider accounts.</summary>
public static class AccountEmails
{
    public static EmailMessage PasswordReset(ServiceOptions service, string toAddress, string resetLink, string userId) =>
        new EmailLayout(service)
            .Paragraph($"Someone asked to reset the password for your {service.Name} account.")
            .Link("Choose a new password (the link works for 24 hours)", resetLink)
            .Paragraph("If you did not ask for this, you can ignore this email: your password has not changed.")
            .ToMessage(toAddress, null, $"Reset your password for {service.Name}", "password-reset", userId);
}
