using Engagement.Domain.Events;
using Engagement.Infrastructure.Deadlines;
using Engagement.Infrastructure.Email;
using Engagement.Infrastructure.Events;
using Engagement.Infrastructure.Privacy;
using Engagement.Web.Features.Alerts;
using Engagement.Web.Features.Events;
using Hangfire;

namespace Engagement.Web.Features;

/// <summary>
/// Every recurring job, in one place, beside the features whose use cases they run (Web sees them all; the outbox
/// dispatcher and the retention jobs live in Infrastructure). Jobs take no arguments (or ids only): each reads what it must do from the
/// database, so a lost queue loses nothing. Called at start-up when this instance runs a Hangfire server.
/// </summary>
public static class RecurringJobSchedule
{
    public const string EmailOutbox = "email-outbox";
    public const string EmailRetention = "email-retention";
    public const string EventReminders = "event-reminders";
    public const string OverdueEmail = "feedback-overdue-email";

    /// <summary>07:00 UK time, Monday to Friday (the job itself skips bank holidays).</summary>
    public const string OverdueEmailCron = "0 7 * * 1-5";
    public const string DataRetention = "data-retention";

    /// <summary>Every 15 seconds (Hangfire 1.8 reads a six-field cron expression as including seconds).</summary>
    public const string EmailOutboxCron = "*/15 * * * * *";

    public static void Register(IRecurringJobManager jobs)
    {
        jobs.AddOrUpdate<OutboxDispatcher>(EmailOutbox, job => job.RunAsync(CancellationToken.None), EmailOutboxCron);
        jobs.AddOrUpdate<EmailRetentionJob>(EmailRetention, job => job.RunAsync(CancellationToken.None), Cron.Daily(3));
        jobs.AddOrUpdate<EventReminderJob>(EventReminders, job => job.RunAsync(CancellationToken.None), "*/5 * * * *");
        jobs.AddOrUpdate<OverdueEmailJob>(OverdueEmail, job => job.RunAsync(CancellationToken.None), OverdueEmailCron, new RecurringJobOptions { TimeZone = UkTime.Zone });
        jobs.AddOrUpdate<RetentionJob>(DataRetention, job => job.RunAsync(CancellationToken.None), Cron.Daily(2, 30));
        AlertJob.Register(jobs);
        EngagementStandard.FallingBehindJob.Register(jobs);
    }
}
