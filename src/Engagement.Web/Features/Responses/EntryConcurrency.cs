using Engagement.Domain.Common;
using Engagement.Domain.Responses;
using Engagement.Infrastructure.Data;

namespace Engagement.Web.Features.Responses;

/// <summary>
/// Optimistic concurrency for entries: the form carries the <see cref="ResponseEntry.Version"/> it was loaded with. A
/// save from an older version is refused before anything changes, and the version is also the EF concurrency token, so a
/// save racing another one between load and commit fails in the database (DbUpdateConcurrencyException) instead.
/// </summary>
public static class EntryConcurrency
{
    public const string ConflictMessage =
        "Someone else changed this entry while you were editing it. Your changes have not been saved. Open the entry again to see their changes, then make yours.";

    public static DomainResult Conflict { get; } = DomainResult.Conflict(ConflictMessage);

    public static DomainResult NotFound { get; } = DomainResult.NotFound("The response entry was not found");

    /// <summary>True when the form was loaded from an older version than the one in the database.</summary>
    public static bool IsStale(EngagementDbContext db, ResponseEntry entry, Guid expectedVersion)
    {
        if (entry.Version != expectedVersion)
        {
            return true;
        }

        db.Entry(entry).Property(e => e.Version).OriginalValue = expectedVersion;
        return false;
    }
}
