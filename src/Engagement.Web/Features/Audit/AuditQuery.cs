using Engagement.Domain.Auditing;
using Engagement.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Features.Audit;

/// <summary>What the audit is filtered by: who did it, what, to which record, between which dates (UTC, inclusive).</summary>
public sealed record AuditFilter(string? ActorUserId, string? Action, string? EntityType, string? EntityId, DateOnly? From, DateOnly? To);

public sealed record AuditRow(long Id, DateTime At, string? ActorUserId, string? ActorName, string Action, string EntityType, string EntityId, string? Detail);

/// <summary>
/// Reads the audit newest first, by keyset on the id (indexes on (At, Id), (ActorUserId, At) and (Action, At)), so
/// every page costs the same however deep. The records hold ids and non-personal detail only; the actor's display name
/// is looked up for the page, never stored in the audit.
/// </summary>
public sealed class AuditQuery(EngagementDbContext db)
{
    public const int PageSize = 50;

    public IQueryable<AuditRecord> Filtered(AuditFilter filter)
    {
        var query = db.AuditRecords.AsNoTracking();
        if (!string.IsNullOrEmpty(filter.ActorUserId))
        {
            query = query.Where(a => a.ActorUserId == filter.ActorUserId);
        }

        if (!string.IsNullOrEmpty(filter.Action))
        {
            query = query.Where(a => a.Action == filter.Action);
        }

        if (!string.IsNullOrEmpty(filter.EntityType))
        {
            query = query.Where(a => a.EntityType == filter.EntityType);
        }

        if (!string.IsNullOrEmpty(filter.EntityId))
        {
            query = query.Where(a => a.EntityId == filter.EntityId.Trim());
        }

        if (filter.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(a => a.At >= start);
        }

        if (filter.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(a => a.At < end);
        }

        return query;
    }

    /// <summary>One page, newest first, of the records older than <paramref name="beforeId"/>; and whether more follow.</summary>
    public async Task<(List<AuditRow> Rows, long? NextBefore)> PageAsync(AuditFilter filter, long? beforeId, int size = PageSize, CancellationToken cancellationToken = default)
    {
        var query = Filtered(filter);
        if (beforeId is { } before)
        {
            query = query.Where(a => a.Id < before);
        }

        var rows = await query.OrderByDescending(a => a.Id).Take(size + 1)
            .Select(a => new AuditRow(a.Id, a.At, a.ActorUserId, db.Users.Where(u => u.Id == a.ActorUserId).Select(u => u.DisplayName).FirstOrDefault(), a.Action, a.EntityType, a.EntityId, a.Detail))
            .ToListAsync(cancellationToken);
        var more = rows.Count > size;
        if (more)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        return (rows, more ? rows[^1].Id : null);
    }

    public Task<List<string>> ActionsAsync(CancellationToken cancellationToken = default) =>
        db.AuditRecords.AsNoTracking().Select(a => a.Action).Distinct().OrderBy(a => a).ToListAsync(cancellationToken);

    public Task<List<string>> EntityTypesAsync(CancellationToken cancellationToken = default) =>
        db.AuditRecords.AsNoTracking().Select(a => a.EntityType).Distinct().OrderBy(a => a).ToListAsync(cancellationToken);
}
