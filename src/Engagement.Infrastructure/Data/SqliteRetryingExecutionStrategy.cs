using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Engagement.Infrastructure.Data;

/// <summary>
/// SQLite's counterpart of SQL Server's retrying strategy: a busy or locked database (another writer holding the lock
/// past the busy timeout) retries the whole operation a few times after a short delay. Like every retrying strategy it
/// refuses a user transaction opened outside <see cref="UnitOfWork.InTransactionAsync{T}"/>, so the tests here catch a
/// handler that SQL Server would refuse. When the retries run out the caller gets
/// <see cref="RetryLimitExceededException"/>, which the site answers with the "service busy" page (503).
/// </summary>
public sealed class SqliteRetryingExecutionStrategy(ExecutionStrategyDependencies dependencies)
    : ExecutionStrategy(dependencies, SqliteTiming.MaxRetries, SqliteTiming.MaxRetryDelay)
{
    protected override bool ShouldRetryOn(Exception exception) => SqliteTiming.IsBusy(exception);

    protected override TimeSpan? GetNextDelay(Exception lastException)
    {
        var delay = base.GetNextDelay(lastException);
        return delay is null ? null : TimeSpan.FromMilliseconds(Math.Min(delay.Value.TotalMilliseconds, SqliteTiming.MaxRetryDelay.TotalMilliseconds));
    }
}

/// <summary>
/// How long SQLite waits for a lock: each statement waits up to <see cref="BusyTimeoutMilliseconds"/> in SQLite and
/// Microsoft.Data.Sqlite's own loop up to <see cref="CommandTimeoutSeconds"/>; the strategy then tries
/// <see cref="MaxRetries"/> more times. A lock held longer than about six seconds in all gives the person the
/// "service busy" page rather than a long hang.
/// </summary>
public static class SqliteTiming
{
    public const int BusyTimeoutMilliseconds = 1000;
    public const int CommandTimeoutSeconds = 1;
    public const int MaxRetries = 2;
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMilliseconds(250);

    /// <summary>SQLITE_BUSY (5) or SQLITE_LOCKED (6), also when wrapped by EF Core.</summary>
    public static bool IsBusy(Exception? exception) => HasCode(exception, 5, 6);

    /// <summary>
    /// The database cannot take writes for now: busy or locked, or its disk is full (SQLITE_FULL, 13). The person is told
    /// the service is busy and can send the same answers again; SQLite has rolled the unit back. A full disk shows as
    /// SQLITE_FULL or, when the WAL index cannot grow, SQLITE_IOERR (10).
    /// </summary>
    public static bool IsUnavailable(Exception? exception) => HasCode(exception, 5, 6, 10, 13);

    private static bool HasCode(Exception? exception, params int[] codes)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SqliteException sqlite && codes.Contains(sqlite.SqliteErrorCode))
            {
                return true;
            }
        }

        return false;
    }
}
