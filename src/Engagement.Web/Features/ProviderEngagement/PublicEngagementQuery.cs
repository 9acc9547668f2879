using Engagement.Domain.Providers;
using Engagement.Domain.Responses;
using Engagement.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Features.ProviderEngagement;

public sealed record PublicHistoryItem(DateTime ChangedAt, ResponseStatus Status, string? Note);

/// <summary>An approved record as the public sees it: no reviewer, no user ids, no moderation notes.</summary>
public sealed record PublicEngagementRecord(
    int Id,
    string OrganisationName,
    string Slug,
    string ServiceName,
    ProviderServiceType ServiceType,
    string? CqcLocationId,
    DateOnly HeldOn,
    EngagementKind Kind,
    int ParticipantCount,
    EngagementParticipants Participants,
    string WhatWeHeard,
    string WhatWeDid,
    ResponseStatus Status,
    DateOnly? TargetDate,
    IReadOnlyList<int> Priorities,
    IReadOnlyList<PublicHistoryItem> History);

public sealed record DirectoryRow(string Slug, string OrganisationName, IReadOnlyList<ProviderServiceType> ServiceTypes, int Records, DateOnly LatestEngagement);

public sealed record ProviderPublicPage(string Slug, string OrganisationName, IReadOnlyList<PublicEngagementRecord> Records);

/// <summary>
/// The only way public pages read providers' records: approved records of approved, unsuspended organisations. A record
/// waiting for review or sent back is never returned from here.
/// </summary>
public sealed class PublicEngagementQuery(EngagementDbContext db)
{
    private IQueryable<EngagementRecord> Public() =>
        db.EngagementRecords.AsNoTracking().Where(r => r.Moderation == ModerationState.Approved &&
            db.Users.Any(u => u.Id == r.ProviderUserId && u.IsApproved && u.SuspendedAt == null && u.ProviderSlug != null));

    public async Task<IReadOnlyList<DirectoryRow>> DirectoryAsync(ProviderServiceType? type, CancellationToken cancellationToken = default)
    {
        var records = await Public()
            .Select(r => new { r.ProviderUserId, r.ServiceType, r.HeldOn })
            .ToListAsync(cancellationToken);
        var ids = records.Select(r => r.ProviderUserId).Distinct().ToList();
        var organisations = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.ProviderSlug, u.OrganisationName })
            .ToDictionaryAsync(u => u.Id, cancellationToken);
        return records.GroupBy(r => r.ProviderUserId)
            .Select(g => new DirectoryRow(
                organisations[g.Key].ProviderSlug!,
                organisations[g.Key].OrganisationName ?? "",
                g.Select(r => r.ServiceType).Distinct().Order().ToList(),
                g.Count(),
                g.Max(r => r.HeldOn)))
            .Where(row => type is null || row.ServiceTypes.Contains(type.Value))
            .OrderBy(row => row.OrganisationName, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>The organisation's public page, or null when it has no such page (or nothing approved yet).</summary>
    public async Task<ProviderPublicPage?> OrganisationAsync(string slug, CancellationToken cancellationToken = default)
    {
        var organisation = await db.Users.AsNoTracking()
            .Where(u => u.ProviderSlug == slug && u.IsApproved && u.SuspendedAt == null)
            .Select(u => new { u.Id, u.OrganisationName })
            .SingleOrDefaultAsync(cancellationToken);
        if (organisation is null)
        {
            return null;
        }

        var records = await ReadAsync(Public().Where(r => r.ProviderUserId == organisation.Id), cancellationToken);
        return records.Count == 0 ? null : new ProviderPublicPage(slug, organisation.OrganisationName ?? "", records);
    }

    public Task<IReadOnlyList<PublicEngagementRecord>> ForPriorityAsync(int number, CancellationToken cancellationToken = default) =>
        ReadAsync(Public().Where(r => r.Priorities.Any(p => p.PriorityNumber == number)), cancellationToken);

    private async Task<IReadOnlyList<PublicEngagementRecord>> ReadAsync(IQueryable<EngagementRecord> records, CancellationToken cancellationToken)
    {
        var rows = await records
            .OrderByDescending(r => r.HeldOn).ThenByDescending(r => r.Id)
            .Take(200)
            .Select(r => new
            {
                r.Id,
                r.ProviderUserId,
                r.ServiceName,
                r.ServiceType,
                r.CqcLocationId,
                r.HeldOn,
                r.Kind,
                r.ParticipantCount,
                r.Participants,
                r.WhatWeHeard,
                r.WhatWeDid,
                r.Status,
                r.TargetDate,
                Priorities = r.Priorities.OrderBy(p => p.PriorityNumber).Select(p => p.PriorityNumber).ToList(),
                History = r.History.OrderBy(h => h.ChangedAt).ThenBy(h => h.Id).Select(h => new PublicHistoryItem(h.ChangedAt, h.ToStatus, h.Note)).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.ProviderUserId).Distinct().ToList();
        var organisations = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.ProviderSlug, u.OrganisationName })
            .ToDictionaryAsync(u => u.Id, cancellationToken);
        return rows.Select(r => new PublicEngagementRecord(
            r.Id, organisations[r.ProviderUserId].OrganisationName ?? "", organisations[r.ProviderUserId].ProviderSlug!,
            r.ServiceName, r.ServiceType, r.CqcLocationId, r.HeldOn, r.Kind, r.ParticipantCount, r.Participants,
            r.WhatWeHeard, r.WhatWeDid, r.Status, r.TargetDate, r.Priorities, r.History)).ToList();
    }
}
