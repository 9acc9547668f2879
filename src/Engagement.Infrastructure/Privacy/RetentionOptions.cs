namespace Engagement.Infrastructure.Privacy;

/// <summary>
/// The "Retention" configuration section: how long each kind of record is kept. The retention job applies these and
/// the privacy notice is written from them (<see cref="RetentionPolicy"/>), so the two cannot disagree. A value below
/// one is read as one: nothing is removed the moment it arrives by a mistyped setting.
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Contact details given with feedback, after the item is closed or the entry it joined is completed.</summary>
    public int ContactDetailsMonths { get; set; } = 12;

    /// <summary>What people wrote (and staff notes), after the item is closed or its entry completed; then a stub stays.</summary>
    public int FeedbackTextMonths { get; set; } = 24;

    /// <summary>Names, emails, organisations and access needs of event bookings, after the event.</summary>
    public int BookingMonths { get; set; } = 6;

    /// <summary>Feedback flagged as a safeguarding concern (contact details and text), after it was flagged; never while on hold.</summary>
    public int SafeguardingMonths { get; set; } = 72;

    /// <summary>Provider registrations whose email address was never confirmed.</summary>
    public int UnconfirmedAccountDays { get; set; } = 7;

    /// <summary>The record that an email was sent (recipient, subject), after it was written.</summary>
    public int EmailRecordMonths { get; set; } = 12;

    /// <summary>Audit records (who did what, when; never personal data).</summary>
    public int AuditMonths { get; set; } = 72;
}
