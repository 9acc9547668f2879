using Microsoft.EntityFrameworkCore;

namespace Engagement.Infrastructure.Data;

/// <summary>
/// After an erasure on SQLite: copy the write-ahead log into the database file and truncate it, so the erased values
/// (already zeroed in free space by secure_delete) do not linger in older page images in the -wal file. Best effort:
/// with other readers active the checkpoint may be partial and the next one completes it. Nothing to do on SQL Server.
/// </summary>
public static class SqliteMaintenance
{
    public static async Task CheckpointAsync(DbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
        }
    }
}
