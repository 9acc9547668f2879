using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Engagement.Infrastructure.Data;

/// <summary>
/// Every SQLite connection waits briefly for a lock (<see cref="SqliteTiming"/>) rather than failing at once, enforces foreign keys,
/// and overwrites deleted content with zeros (secure_delete), so erased personal data does not linger in free space.
/// WAL mode is persistent in the database file and is set once at start-up by <see cref="DatabaseInitializer"/>.
/// These settings belong to the database connection underneath, which the connection pool keeps between opens, so they
/// are sent once per underlying connection, not on every open (a request opens a connection for each query).
/// </summary>
internal sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    private static readonly string Pragmas =
        $"PRAGMA busy_timeout = {SqliteTiming.BusyTimeoutMilliseconds}; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA secure_delete = ON;";

    /// <summary>The underlying connections already set; one closed for good is collected and leaves the table.</summary>
    private static readonly ConditionalWeakTable<object, object> Configured = new();

    private static readonly object Done = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (AlreadySet(connection))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
        Remember(connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (AlreadySet(connection))
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
        Remember(connection);
    }

    private static bool AlreadySet(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } && Configured.TryGetValue(handle, out _);

    private static void Remember(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            Configured.AddOrUpdate(handle, Done);
        }
    }
}
