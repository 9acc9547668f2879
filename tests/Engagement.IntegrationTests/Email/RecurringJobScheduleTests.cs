using Engagement.IntegrationTests.Infrastructure;
using Engagement.Web.Features;
using Hangfire;
using Hangfire.Storage;

namespace Engagement.IntegrationTests.Email;

public sealed class RecurringJobScheduleTests
{
    private sealed class WithHangfireServer : EngagementFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Jobs:RunServer"] = "true" };
    }

    [Fact]
    public async Task Start_up_with_a_Hangfire_server_registers_the_outbox_and_retention_jobs()
    {
        await using var factory = new WithHangfireServer();
        var storage = factory.GetService<JobStorage>();

        using var connection = storage.GetConnection();
        var jobs = connection.GetRecurringJobs().ToDictionary(j => j.Id);

        Assert.Equal(RecurringJobSchedule.EmailOutboxCron, jobs[RecurringJobSchedule.EmailOutbox].Cron);
        Assert.Null(jobs[RecurringJobSchedule.EmailOutbox].Error);
        Assert.True(jobs.ContainsKey(RecurringJobSchedule.EmailRetention));
        Assert.True(jobs.ContainsKey(RecurringJobSchedule.DataRetention));
        Assert.Equal(Engagement.Web.Features.EngagementStandard.FallingBehindJob.Cron, jobs[Engagement.Web.Features.EngagementStandard.FallingBehindJob.JobId].Cron);
        Assert.Equal("Europe/London", jobs[Engagement.Web.Features.EngagementStandard.FallingBehindJob.JobId].TimeZoneId);
        Assert.All(jobs.Values, job => Assert.DoesNotContain(job.Job.Args, a => a is not null and not CancellationToken));
    }
}
