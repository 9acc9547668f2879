using Microsoft.EntityFrameworkCore;

namespace Engagement.Infrastructure.Data;

/// <summary>
/// Hands out the next number of a yearly reference sequence. Call it inside the caller's transaction: the counter
/// is bumped by a single UPDATE, so concurrent callers are serialised by the database on both providers.
/// </summary>
public sealed class ReferenceNumbers(EngagementDbContext db)
{
    public const string Feedback = "YS";
    public const string Response = "WD";
    public const string ConsultationResponse = "CR";

    public async Task<int> NextAsync(string kind, int year, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            var updated = await db.ReferenceCounters
                .Where(c => c.Kind == kind && c.Year == year)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastValue, c => c.LastValue + 1), cancellationToken);
            if (updated == 1)
            {
                return await db.ReferenceCounters.AsNoTracking()
                    .Where(c => c.Kind == kind && c.Year == year)
                    .Select(c => c.LastValue)
                    .SingleAsync(cancellationToken);
            }

            // First number of the year: insert the counter. A concurrent first insert loses on the key and retries.
            var inserted = await db.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO ReferenceCounters (Kind, Year, LastValue) SELECT {kind}, {year}, 1 WHERE NOT EXISTS (SELECT 1 FROM ReferenceCounters WHERE Kind = {kind} AND Year = {year})",
                cancellationToken);
            if (inserted == 1)
            {
                return 1;
            }

            if (attempt > 3)
            {
                throw new InvalidOperationException($"Could not allocate a {kind} reference for {year}.");
            }
        }
    }
}
