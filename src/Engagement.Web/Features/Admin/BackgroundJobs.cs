using Engagement.Domain.Auditing;
using Engagement.Domain.Common;
using Engagement.Infrastructure.Data;
using Hangfire;
using Hangfire.States;
using Hangfire.Storage;
using Hangfire.Storage.Monitoring;

namespace Engagement.Web.Features.Admin;

public sealed record JobCounts(long Enqueued, long Scheduled, long Processing, long Failed, long Succeeded, long Servers);

public sealed record RecurringJobRow(string Id, string? Cron, string? TimeZone, DateTime? LastRunAt, string? LastState, DateTime? NextRunAt, string? Error);

public sealed record FailedJobRow(string JobId, string Name, DateTime? FailedAt, string? ExceptionType, string? Message);

public sealed record JobsOverview(JobCounts Counts, IReadOnlyList<RecurringJobRow> Recurring, IReadOnlyList<FailedJobRow> Failed, int Page, bool HasMore);

/// <summary>
/// What an operator needs from the job system, on the service's own accessible pages (decision 0022): the counts, each
/// recurring job with its last and next run, failed jobs with their error, and three actions (retry or delete a failed
/// job, run a recurring job now), each audited with the job's id and name only. Reads the same Hangfire storage the
/// dashboard does: shared on SQL Server, this instance's own in memory on SQLite.
/// </summary>
public sealed class BackgroundJobs(JobStorage storage, IBackgroundJobClient client, IRecurringJobManager recurring, EngagementDbContext db, TimeProvider clock)
{
    public const int PageSize = 20;

    /// <summary>Failed jobs' messages are cut to this many characters on the page.</summary>
    public const int MessageLength = 300;

    public JobsOverview Overview(int page)
    {
        page = Math.Max(1, page);
        var monitoring = storage.GetMonitoringApi();
        var stats = monitoring.GetStatistics();
        var failed = monitoring.FailedJobs((page - 1) * PageSize, PageSize + 1)
            .Select(pair => new FailedJobRow(pair.Key, NameOf(pair.Value), pair.Value.FailedAt, pair.Value.ExceptionType, Cut(pair.Value.ExceptionMessage)))
            .ToList();
        using var connection = storage.GetConnection();
        var recurringJobs = connection.GetRecurringJobs()
            .OrderBy(j => j.Id, StringComparer.Ordinal)
            .Select(j => new RecurringJobRow(j.Id, j.Cron, j.TimeZoneId, j.LastExecution, j.LastJobState, j.NextExecution, Cut(j.Error)))
            .ToList();
        return new JobsOverview(
            new JobCounts(stats.Enqueued, stats.Scheduled, stats.Processing, stats.Failed, stats.Succeeded, stats.Servers),
            recurringJobs,
            failed.Take(PageSize).ToList(),
            page,
            failed.Count > PageSize);
    }

    /// <summary>Puts a failed job back in its queue. Refused unless the job is failed now (a second click does nothing).</summary>
    public Task<DomainResult> RetryAsync(string jobId, string? actorId, CancellationToken cancellationToken) =>
        MoveFailedAsync(jobId, actorId, "job.retried", id => client.Requeue(id, FailedState.StateName), cancellationToken);

    /// <summary>Deletes a failed job that should not run again.</summary>
    public Task<DomainResult> DeleteAsync(string jobId, string? actorId, CancellationToken cancellationToken) =>
        MoveFailedAsync(jobId, actorId, "job.deleted", id => client.Delete(id, FailedState.StateName), cancellationToken);

    /// <summary>Runs a recurring job now, outside its schedule (every job is safe to run at any time and twice).</summary>
    public async Task<DomainResult> RunNowAsync(string recurringJobId, string? actorId, CancellationToken cancellationToken)
    {
        using (var connection = storage.GetConnection())
        {
            if (!connection.GetRecurringJobs().Any(j => j.Id == recurringJobId))
            {
                return DomainResult.Refused("That recurring job does not exist on this instance's job storage.");
            }
        }

        recurring.Trigger(recurringJobId);
        return await AuditAsync("job.triggered", "RecurringJob", recurringJobId, null, actorId, cancellationToken);
    }

    private async Task<DomainResult> MoveFailedAsync(string jobId, string? actorId, string action, Func<string, bool> move, CancellationToken cancellationToken)
    {
        using var connection = storage.GetConnection();
        var data = string.IsNullOrEmpty(jobId) || jobId.Length > 100 ? null : connection.GetJobData(jobId);
        if (data is null || data.State != FailedState.StateName || !move(jobId))
        {
            return DomainResult.Refused("That job is no longer failed: it may have been retried or deleted already.");
        }

        return await AuditAsync(action, "BackgroundJob", jobId, "name=" + NameOf(data.Job), actorId, cancellationToken);
    }

    private async Task<DomainResult> AuditAsync(string action, string entityType, string entityId, string? detail, string? actorId, CancellationToken cancellationToken)
    {
        db.AuditRecords.Add(new AuditRecord { At = clock.GetUtcNow().UtcDateTime, ActorUserId = actorId, Action = action, EntityType = entityType, EntityId = entityId, Detail = detail });
        await db.SaveChangesAsync(cancellationToken);
        return DomainResult.Ok;
    }

    private static string NameOf(FailedJobDto job) => job.Job is null ? "(a job this version cannot load)" : NameOf(job.Job);

    private static string NameOf(Hangfire.Common.Job? job) => job is null ? "(a job this version cannot load)" : job.Type.Name + "." + job.Method.Name;

    private static string? Cut(string? text) => text is null || text.Length <= MessageLength ? text : text[..MessageLength] + "…";
}
