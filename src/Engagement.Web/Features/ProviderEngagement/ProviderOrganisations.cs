using System.Globalization;
using System.Text;
using Engagement.Domain.Auditing;
using Engagement.Domain.Common;
using Engagement.Domain.Providers;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Features.ProviderEngagement;

/// <summary>
/// A provider organisation is its provider account (<see cref="ApplicationUser"/> with a provider type). Only an
/// approved, unsuspended organisation records engagement; every read and write is scoped to its own account id.
/// </summary>
public static class ProviderOrganisations
{
    public const string NotApprovedMessage = "Your organisation must be approved by a commissioner before it can record engagement";

    public static Task<bool> IsApprovedAsync(EngagementDbContext db, string userId, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().Approved().AnyAsync(u => u.Id == userId, cancellationToken);

    /// <summary>Approved, unsuspended provider organisations: the ones that record engagement and stand in the market view.</summary>
    public static IQueryable<ApplicationUser> Approved(this IQueryable<ApplicationUser> users) =>
        users.Where(u => u.ProviderType != null && u.IsApproved && u.SuspendedAt == null);

    /// <summary>Gives the organisation its public address the first time it needs one: its name, made unique.</summary>
    public static async Task EnsureSlugAsync(EngagementDbContext db, string userId, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleAsync(u => u.Id == userId, cancellationToken);
        if (user.ProviderSlug is not null)
        {
            return;
        }

        var stem = Slugify(user.OrganisationName ?? user.DisplayName);
        var slug = stem;
        for (var n = 2; await db.Users.AnyAsync(u => u.ProviderSlug == slug, cancellationToken); n++)
        {
            slug = $"{stem}-{n.ToString(CultureInfo.InvariantCulture)}";
        }

        user.ProviderSlug = slug;
    }

    public static string Slugify(string name)
    {
        var slug = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                slug.Append(c);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var text = slug.ToString().Trim('-');
        if (text.Length > 60)
        {
            text = text[..60].Trim('-');
        }

        return text.Length == 0 ? "provider" : text;
    }
}

/// <summary>Concurrency and not-found answers for engagement records, like <c>EntryConcurrency</c> for entries.</summary>
public static class RecordConcurrency
{
    public const string ConflictMessage =
        "Someone else changed this record while you were working on it. Your changes have not been saved. Open the record again to see their changes, then make yours.";

    public static DomainResult Conflict { get; } = DomainResult.Conflict(ConflictMessage);

    public static DomainResult NotFound { get; } = DomainResult.NotFound("The engagement record was not found");

    public static bool IsStale(EngagementDbContext db, EngagementRecord record, Guid expectedVersion)
    {
        if (record.Version != expectedVersion)
        {
            return true;
        }

        db.Entry(record).Property(r => r.Version).OriginalValue = expectedVersion;
        return false;
    }
}

public static class EngagementAudit
{
    public const string Created = "provider-engagement.created";
    public const string Edited = "provider-engagement.edited";
    public const string StatusChanged = "provider-engagement.status-changed";
    public const string Approved = "provider-engagement.approved";
    public const string SentBack = "provider-engagement.sent-back";

    public static AuditRecord Record(int recordId, string action, string userId, DateTime at, string? detail = null) => new()
    {
        At = at,
        ActorUserId = userId,
        Action = action,
        EntityType = nameof(EngagementRecord),
        EntityId = recordId.ToString(CultureInfo.InvariantCulture),
        Detail = detail,
    };
}
