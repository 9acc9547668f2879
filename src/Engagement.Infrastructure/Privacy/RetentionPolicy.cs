using System.Globalization;
using Engagement.Infrastructure.Email;

namespace Engagement.Infrastructure.Privacy;

/// <summary>
/// The retention rules as the job applies them and as the privacy notice states them: one list, so a period is
/// changed in one setting and both follow.
/// </summary>
public sealed class RetentionPolicy(RetentionOptions retention, EmailOptions email)
{
    public int ContactDetailsMonths => AtLeastOne(retention.ContactDetailsMonths);
    public int FeedbackTextMonths => AtLeastOne(retention.FeedbackTextMonths);
    public int BookingMonths => AtLeastOne(retention.BookingMonths);
    public int SafeguardingMonths => AtLeastOne(retention.SafeguardingMonths);
    public int UnconfirmedAccountDays => AtLeastOne(retention.UnconfirmedAccountDays);
    public int EmailRecordMonths => AtLeastOne(retention.EmailRecordMonths);
    public int AuditMonths => AtLeastOne(retention.AuditMonths);

    /// <summary>The email bodies rule belongs to the existing email retention job (Email:SentBodyRetentionDays).</summary>
    public int SentBodyDays => Math.Max(0, email.SentBodyRetentionDays);

    /// <summary>The privacy notice's "How long we keep it" list, in plain English.</summary>
    public IReadOnlyList<string> Promises() =>
    [
        $"Contact details given with feedback are deleted {Months(ContactDetailsMonths)} after the feedback is closed or the entry it is part of is completed.",
        $"What you wrote is deleted {Months(FeedbackTextMonths)} after the feedback is closed or the entry it is part of is completed. We keep only its reference, the area of care and the priorities it was about, so that published counts stay true.",
        $"Feedback passed to our safeguarding team is kept for {Months(SafeguardingMonths)} after it was passed on, and longer only while the safeguarding team records that it must be kept.",
        $"Event booking details are deleted {Months(BookingMonths)} after the event.",
        $"An email address given with a consultation response is deleted once we have emailed you the outcome, or {Months(ContactDetailsMonths)} after the consultation closes if that comes first. Your answers are kept without it, and never published.",
        $"Care provider registrations whose email address is never confirmed are deleted after {Days(UnconfirmedAccountDays)}.",
        $"The text of emails we send is deleted {Days(SentBodyDays)} after sending, and the record that we sent an email (address and subject) after {Months(EmailRecordMonths)}.",
        $"Our audit records of who did what, which hold no personal information about you, are kept for {Months(AuditMonths)}.",
        "Published entries in the public log are kept, anonymised, as a public record.",
    ];

    private static int AtLeastOne(int value) => Math.Max(1, value);

    private static string Months(int months) => months % 12 == 0 && months >= 24
        ? (months / 12).ToString(CultureInfo.InvariantCulture) + " years"
        : months == 1 ? "1 month" : months.ToString(CultureInfo.InvariantCulture) + " months";

    private static string Days(int days) => days == 1 ? "1 day" : days.ToString(CultureInfo.InvariantCulture) + " days";
}
