using System.Net;

namespace Engagement.Infrastructure.Email;

/// <summary>Emails about staff and provider accounts.</summary>
public static class AccountEmails
{
    public static EmailMessage PasswordReset(ServiceOptions service, string toAddress, string resetLink, string userId) => new(
        toAddress,
        null,
        $"Reset your password for {service.Name}",
        $"""
        Someone asked to reset the password for your {service.Name} account.

        To choose a new password, open this link within 24 hours:
        {resetLink}

        If you did not ask for this, you can ignore this email: your password has not changed.

        {service.CouncilName}
        """,
        $"""
        <p>Someone asked to reset the password for your {WebUtility.HtmlEncode(service.Name)} account.</p>
        <p><a href="{WebUtility.HtmlEncode(resetLink)}">Choose a new password</a> (the link works for 24 hours).</p>
        <p>If you did not ask for this, you can ignore this email: your password has not changed.</p>
        <p>{WebUtility.HtmlEncode(service.CouncilName)}</p>
        """,
        "password-reset",
        userId);
}
