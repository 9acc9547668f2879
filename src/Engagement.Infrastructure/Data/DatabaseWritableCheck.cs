using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Engagement.Infrastructure.Data;

/// <summary>
/// Readiness says "Degraded" while the database takes no writes (on SQLite: another process holds the write lock past a
/// short wait), so an operator sees why people get the "service busy" page. Reads may still work, so the instance stays
/// in service. On SQL Server the connection check beside it covers availability.
/// </summary>
public sealed class DatabaseWritableCheck(DatabaseOptions database) : IHealthCheck
{
    public const int WaitMilliseconds = 500;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            return HealthCheckResult.Healthy();
        }

        try
        {
            await using var connection = new SqliteConnection(database.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var wait = connection.CreateCommand();
            wait.CommandText = $"PRAGMA busy_timeout = {WaitMilliseconds};";
            await wait.ExecuteNonQueryAsync(cancellationToken);
            await using var begin = connection.CreateCommand();
            begin.CommandTimeout = 1;
            begin.CommandText = "BEGIN IMMEDIATE;";
            await begin.ExecuteNonQueryAsync(cancellationToken);
            await using var rollback = connection.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            await rollback.ExecuteNonQueryAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (SqliteException exception) when (SqliteTiming.IsBusy(exception))
        {
            return HealthCheckResult.Degraded("The database is locked by another writer: submissions wait and may get the service busy page.");
        }
    }
}
