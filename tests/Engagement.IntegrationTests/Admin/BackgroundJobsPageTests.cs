using System.Net;
using AngleSharp.Dom;
using Engagement.Infrastructure.Email;
using Engagement.Infrastructure.Privacy;
using Engagement.IntegrationTests.Accounts;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.Web.Features;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.IntegrationTests.Admin;

/// <summary>
/// /admin/jobs against the app's real Hangfire storage (in memory, as with SQLite in production): a job put into the
/// failed state is listed with its error, retried (back in its queue) or deleted, a second retry is refused with a
/// message, and a recurring job can be run now; each action is audited with ids and names only. Hangfire's client and
/// recurring job manager log through its process-wide log provider, which belongs to the last app built, so these tests
/// run in the Hangfire collection, after the parallel ones (a parallel app disposed mid-test failed them in CI).
/// </summary>
[Collection(HangfireDashboardCollection.Name)]
public sealed class BackgroundJobsPageTests(EngagementFactory factory) : IClassFixture<EngagementFactory>
{
    private static readonly List<KeyValuePair<string, string>> NoChanges = [];

    private string FailedJob(string message)
    {
        var client = factory.Services.GetRequiredService<IBackgroundJobClient>();
        return client.Create(Job.FromExpression<OutboxDispatcher>(d => d.RunAsync(CancellationToken.None)), new FailedState(new InvalidOperationException(message)));
    }

    private string? StateOf(string jobId)
    {
        using var connection = factory.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetJobData(jobId)?.State;
    }

    private async Task<HttpClient> AdminAsync()
    {
        var admin = factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(admin, TestAccounts.Admin);
        return admin;
    }

    private async Task<List<(string Action, string? Detail)>> AuditAsync(string entityId)
    {
        await using var db = factory.CreateDbContext();
        return (await db.AuditRecords.AsNoTracking().Where(a => a.EntityId == entityId).OrderBy(a => a.Id).Select(a => new { a.Action, a.Detail }).ToListAsync())
            .Select(a => (a.Action, a.Detail)).ToList();
    }

    [Fact]
    public async Task A_failed_job_is_listed_with_its_error_retried_once_and_the_retry_is_audited()
    {
        var jobId = FailedJob("The SMTP server said no (test " + Guid.NewGuid().ToString("N")[..6] + ")");
        var admin = await AdminAsync();

        var (response, page) = await Html.GetAsync(admin, "/admin/jobs");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = page.QuerySelector($"#failed-{jobId}");
        Assert.NotNull(row);
        Assert.Contains("OutboxDispatcher.RunAsync", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("System.InvalidOperationException", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("The SMTP server said no", row.TextContent, StringComparison.Ordinal);
        Assert.True(long.Parse(page.QuerySelector("#count-failed").Text(), System.Globalization.CultureInfo.InvariantCulture) >= 1);

        var retry = row.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("form[action*='handler=Retry']")!;
        var retried = await Html.SubmitAsync(admin, retry, NoChanges);
        Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);
        Assert.Equal("/admin/jobs", retried.Headers.Location?.OriginalString);
        Assert.Equal(EnqueuedState.StateName, StateOf(jobId));
        Assert.Equal([("job.retried", "name=OutboxDispatcher.RunAsync")], await AuditAsync(jobId));
        var (_, after) = await Html.GetAsync(admin, "/admin/jobs");
        Assert.Null(after.QuerySelector($"#failed-{jobId}"));

        // The same form posted again (a second click, or a colleague) is refused in words, and nothing more is audited.
        var again = await Html.SubmitAsync(admin, retry, NoChanges);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(["That job is no longer failed: it may have been retried or deleted already."], Html.ErrorSummary(await Html.ParseAsync(again)));
        Assert.Single(await AuditAsync(jobId));
    }

    [Fact]
    public async Task A_failed_job_can_be_deleted_and_an_unknown_or_hostile_job_id_gets_a_message_not_an_error()
    {
        var jobId = FailedJob("Deleted by the test");
        var admin = await AdminAsync();
        var (_, page) = await Html.GetAsync(admin, "/admin/jobs");
        var delete = page.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>($"#failed-{jobId} form[action*='handler=Delete']")!;
        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitAsync(admin, delete, NoChanges)).StatusCode);
        Assert.Equal(DeletedState.StateName, StateOf(jobId));
        Assert.Equal([("job.deleted", "name=OutboxDispatcher.RunAsync")], await AuditAsync(jobId));

        foreach (var hostile in new[] { "", "999999999", "<script>alert(1)</script>", new string('9', 5000), "' OR 1=1 --" })
        {
            var refused = await Html.SubmitAsync(admin, delete, [new("jobId", hostile)]);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Single(Html.ErrorSummary(await Html.ParseAsync(refused)));
        }
    }

    [Fact]
    public async Task A_recurring_job_is_listed_with_its_schedule_and_can_be_run_now()
    {
        // This factory runs no job server (Jobs:RunServer=false), so it registers the service's schedule as a server would.
        RecurringJobSchedule.Register(factory.Services.GetRequiredService<IRecurringJobManager>());
        var storage = factory.Services.GetRequiredService<JobStorage>();
        var enqueuedBefore = storage.GetMonitoringApi().EnqueuedCount("default");
        var admin = await AdminAsync();

        var (_, page) = await Html.GetAsync(admin, "/admin/jobs");
        var row = page.QuerySelector($"#recurring-{RecurringJobSchedule.DataRetention}");
        Assert.NotNull(row);
        Assert.Contains("30 2 * * *", row.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($"#recurring-{RecurringJobSchedule.EmailOutbox}"));

        var run = row.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("form[action*='handler=Run']")!;
        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitAsync(admin, run, NoChanges)).StatusCode);
        Assert.Equal(enqueuedBefore + 1, storage.GetMonitoringApi().EnqueuedCount("default"));
        var queued = storage.GetMonitoringApi().EnqueuedJobs("default", 0, 100).Select(j => j.Value.Job?.Type).ToList();
        Assert.Contains(typeof(RetentionJob), queued);
        Assert.Equal([("job.triggered", null)], await AuditAsync(RecurringJobSchedule.DataRetention));

        var unknown = await Html.SubmitAsync(admin, run, [new("recurringJobId", "no-such-job")]);
        Assert.Equal(["That recurring job does not exist on this instance's job storage."], Html.ErrorSummary(await Html.ParseAsync(unknown)));
    }

    [Fact]
    public async Task Commissioners_cannot_see_or_use_the_jobs_page()
    {
        var jobId = FailedJob("Not for commissioners");
        var commissioner = await Triage.Staff.CommissionerAsync(factory);
        var refused = await commissioner.GetAsync("/admin/jobs");
        Assert.True(refused.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, refused.StatusCode.ToString());
        Assert.DoesNotContain("/admin/jobs", refused.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        var (_, staffHome) = await Html.GetAsync(commissioner, "/staff");
        var posted = await commissioner.PostAsync("/admin/jobs?handler=Retry", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Html.AntiforgeryToken(staffHome),
            ["jobId"] = jobId,
        }));
        Assert.True(posted.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, posted.StatusCode.ToString());
        Assert.Equal(FailedState.StateName, StateOf(jobId));
        Assert.Empty(await AuditAsync(jobId));
    }
}
