using Engagement.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Infrastructure.Data;

/// <summary>
/// The one way to run a unit of work that writes more than once: begin, work and commit inside the provider's execution
/// strategy, so that SQL Server's retrying strategy (and SQLite's, for a busy database) can retry the whole unit after a
/// transient failure. A retry starts from a clean change tracker, so the work must load everything it changes itself.
/// A unit whose result is a refusal (<see cref="IOutcome.Succeeded"/> false) is rolled back: a refused change writes
/// nothing. No handler calls <c>BeginTransactionAsync</c> itself; the strategies refuse a bare user transaction.
/// </summary>
public static class UnitOfWork
{
    public static async Task<T> InTransactionAsync<T>(this DbContext db, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        var attempt = 0;
        return await strategy.ExecuteAsync(async token =>
        {
            if (attempt++ > 0)
            {
                db.ChangeTracker.Clear();
            }

            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var result = await work(token);
            if (result is IOutcome { Succeeded: false })
            {
                await transaction.RollbackAsync(token);
                db.ChangeTracker.Clear();
            }
            else
            {
                await transaction.CommitAsync(token);
            }

            return result;
        }, cancellationToken);
    }

    public static Task InTransactionAsync(this DbContext db, Func<CancellationToken, Task> work, CancellationToken cancellationToken = default) =>
        db.InTransactionAsync(async token =>
        {
            await work(token);
            return true;
        }, cancellationToken);
}
