using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Engagement.Infrastructure.Data;

/// <summary>
/// Every SQLite connection waits briefly for a lock (<see cref="SqliteTiming"/>) rather than failing at once, enforces foreign keys,
/// and overwrites deleted content with zeros (secure_delete), so erased personal data does not linger in free space.
/// WAL mode is persistent in the database file and is set once at start-up by <see cref="DatabaseInitializer"/>.
/// </summary>
internal sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    private static readonly string Pragmas =
        $"PRAGMA busy_timeout = {SqliteTiming.BusyTimeoutMilliseconds}; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA secure_delete = ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
