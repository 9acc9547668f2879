namespace Engagement.Web.Hosting;

/// <summary>
/// Every setting the app reads, with its default: the README's configuration table and docker-compose.yml are checked
/// against this list by tests, so a setting cannot be added, renamed or mistyped in one place only.
/// </summary>
public static class SettingsCatalogue
{
    public sealed record Setting(string Key, string Default, string Description);

    public static IReadOnlyList<Setting> All { get; } =
    [
        new("Database:Provider", "Sqlite", "Sqlite or SqlServer"),
        new("ConnectionStrings:Engagement", "a SQLite file in the data folder", "Database connection string (required for SqlServer)"),
        new("Database:MigrateOnStartup", "true for SQLite, false for SQL Server", "Apply migrations at start-up"),
        new("Storage:DataDirectory", "data/ under the content root", "Where the SQLite file, the demo password and picked-up email go"),
        new("Seed:DemoData", "true in Development, otherwise false", "Create demo accounts, feedback, entries and events (refused in Production)"),
        new("Seed:DemoPassword", "random, written to the data folder", "Password of the demo accounts"),
        new("Seed:DemoAuthenticatorKey", "random, written to the data folder", "Authenticator-app key (base32) of the demo staff accounts"),
        new("Service:Name", "Engagement: You said, we did", "Service name in pages and emails"),
        new("Service:CouncilName", "Bath and North East Somerset Council", "Council name in the header, footer and emails"),
        new("Service:PublicBaseUrl", "http://localhost:5080", "Public address used in emails, feeds and calendar files"),
        new("Service:ContactEmail", "engagement@example.gov.uk", "Contact address on the contact, privacy and accessibility pages"),
        new("Service:SafeguardingPhone", "01225 396000", "Adult safeguarding line shown on the safeguarding signposts"),
        new("Service:ComplaintsUrl", "the council's complaints page", "Link to the statutory complaints procedure"),
        new("Service:OmbudsmanUrl", "https://www.lgo.org.uk/", "Link to the Local Government and Social Care Ombudsman"),
        new("Email:Smtp:Host", "(unset: write .eml files)", "SMTP server; when unset, email is written to Email:PickupDirectory"),
        new("Email:Smtp:Port", "587", "SMTP port"),
        new("Email:Smtp:Username", "(none)", "SMTP user name"),
        new("Email:Smtp:Password", "(none)", "SMTP password (keep it out of the repository)"),
        new("Email:Smtp:SecureSocketOptions", "Auto", "None, StartTls, SslOnConnect or Auto"),
        new("Email:Smtp:TimeoutSeconds", "30", "SMTP connection and command timeout"),
        new("Email:From", "Engagement <no-reply@example.gov.uk>", "Sender of every email"),
        new("Email:PickupDirectory", "data/mail in Development", "Folder for .eml files when no SMTP host is set"),
        new("Email:SentBodyRetentionDays", "30", "Days before the bodies of sent email are deleted"),
        new("Retention:ContactDetailsMonths", "12", "Months after feedback is closed (or its entry completed) that its contact details are deleted; also months after a consultation closes that its responses' email addresses are deleted"),
        new("Retention:FeedbackTextMonths", "24", "Months after feedback is closed (or its entry completed) that its text and notes are removed, leaving a stub"),
        new("Retention:SafeguardingMonths", "72", "Months after a safeguarding flag that the item's text and contact details are removed; never while a hold is active"),
        new("Retention:BookingMonths", "6", "Months after an event that its bookings' names, emails, organisations and access needs are deleted"),
        new("Retention:UnconfirmedAccountDays", "7", "Days before a provider registration whose email was never confirmed is deleted"),
        new("Retention:EmailRecordMonths", "12", "Months before the record of a sent or failed email (recipient, subject) is deleted"),
        new("Retention:AuditMonths", "72", "Months audit records (no personal data) are kept"),
        new("Safeguarding:NotifyEmail", "safeguarding@example.gov.uk", "Where safeguarding escalations are emailed"),
        new("Feedback:MinimumSecondsToComplete", "3", "Feedback completed faster than this is quarantined as a likely bot"),
        new("Feedback:FirstResponseWorkingDays", "20", "Working days within which a first response is promised (on /feedback, in emails) and measured (inbox, overdue email, on-time share)"),
        new("Calendar:BankHolidaysFile", "seeds/bank-holidays-england.json", "England and Wales bank holidays (gov.uk data); start-up fails if the current year is missing"),
        new("Alerts:UnconfirmedDays", "3", "Days before an unconfirmed email alert request (and its address) is deleted"),
        new("Consultations:MinimumSecondsToComplete", "3", "A consultation response sent online faster than this is kept but held back from the figures as a likely bot, and sent no email"),
        new("Alerts:MinimumSecondsToComplete", "3", "An email alert request completed faster than this is answered as if sent, and nothing is stored or sent"),
        new("Events:ReminderHours", "48 and 2", "Hours before an event that reminders are sent"),
        new("RateLimiting:FormPostsPerMinute", "120", "Form posts (every question page) per minute per client address, or per account for signed-in providers; staff are not limited"),
        new("RateLimiting:SubmissionsPerMinute", "10", "Finished submissions (feedback, booking, sign-in, password reset, registration) per minute per client"),
        new("Cookies:Secure", "true (false in Development)", "Secure, __Host- prefixed cookies; false only for plain-http local runs"),
        new("ForwardedHeaders:Enabled", "false", "Trust X-Forwarded-For/Proto from a TLS-terminating proxy"),
        new("ForwardedHeaders:KnownProxies", "(none: loopback only)", "Comma-separated addresses of the proxies whose forwarded headers are believed"),
        new("ForwardedHeaders:KnownNetworks", "(none)", "Comma-separated CIDR ranges of proxies whose forwarded headers are believed"),
        new("Jobs:RunServer", "true", "Run the Hangfire background job server in this instance"),
        new("OutputCache:Enabled", "true", "Serve public pages from the output cache; false only to measure cache misses"),
        new("OutputCache:Redis", "(unset: in-memory, one instance)", "Redis connection string for the output cache shared by every instance, e.g. redis:6379"),
        new("DataProtection:CertificatePath", "(unset: a self-signed certificate generated in the data folder)", "PFX certificate that encrypts the data protection keys at rest; set it in production"),
        new("DataProtection:CertificatePassword", "(none)", "Password of DataProtection:CertificatePath (keep it out of the repository)"),
        new("DataProtection:PreviousCertificatePath", "(none)", "The certificate before a rotation, kept so that keys it encrypted stay readable"),
        new("DataProtection:PreviousCertificatePassword", "(none)", "Password of DataProtection:PreviousCertificatePath"),
    ];
}
