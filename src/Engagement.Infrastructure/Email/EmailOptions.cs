using MailKit.Security;

namespace Engagement.Infrastructure.Email;

/// <summary>
/// The "Email" configuration section. With <see cref="SmtpOptions.Host"/> set, messages go to that SMTP server;
/// otherwise they are written as .eml files to <see cref="PickupDirectory"/> (by default the data folder's "mail").
/// </summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>The sender, as a mailbox ("Name &lt;address&gt;"). Trusted configuration, never user input.</summary>
    public string From { get; set; } = "Engagement <no-reply@example.gov.uk>";

    /// <summary>Where .eml files are written when no SMTP host is set. Relative paths are relative to the content root.</summary>
    public string? PickupDirectory { get; set; }

    /// <summary>How long the bodies of sent messages are kept before the retention job removes them.</summary>
    public int SentBodyRetentionDays { get; set; } = 30;

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Smtp.Host);
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? Username { get; set; }
    public string? Password { get; set; }
    public SecureSocketOptions SecureSocketOptions { get; set; } = SecureSocketOptions.Auto;

    /// <summary>How long to wait for the server before treating an attempt as a transient failure.</summary>
    public int TimeoutSeconds { get; set; } = 30;
}
