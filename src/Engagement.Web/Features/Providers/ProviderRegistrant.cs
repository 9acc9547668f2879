using System.Security.Claims;
using Engagement.Domain.Events;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Features.Providers;

/// <summary>
/// Who is asking, for the audience rules of events, forums and consultations: the public, or a provider organisation
/// with its kinds of care and whether it is approved. Approved means approved and not suspended: a suspended
/// organisation is treated as not approved everywhere, so it can neither register for provider-only events, suggest
/// forum agenda items nor answer provider-only consultations.
/// </summary>
public static class ProviderRegistrant
{
    /// <summary>The signed-in user: a provider organisation if they hold the provider role, otherwise the public.</summary>
    public static Task<Registrant> ForUserAsync(EngagementDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken = default) =>
        user.IsInRole(Roles.Provider) && user.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId
            ? ForProviderAsync(db, userId, cancellationToken)
            : Task.FromResult(Registrant.Public);

    /// <summary>A provider account by its user id (the public if there is no such account).</summary>
    public static async Task<Registrant> ForProviderAsync(EngagementDbContext db, string providerUserId, CancellationToken cancellationToken = default)
    {
        var account = await db.Users.AsNoTracking().Where(u => u.Id == providerUserId)
            .Select(u => new { u.ProviderType, u.IsApproved, u.SuspendedAt, u.OtherProviderTypes }).SingleOrDefaultAsync(cancellationToken);
        return account is null ? Registrant.Public : Registrant.Provider(account.ProviderType, account.IsApproved && account.SuspendedAt == null, account.OtherProviderTypes);
    }
}
