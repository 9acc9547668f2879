using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Features.Privacy;

/// <summary>
/// Erases the personal data of a provider account, in the caller's unit of work, and closes the account for good: no
/// email, user name, name, phone or password is left, its sign-in methods, authenticator key and recovery codes are
/// deleted, it is disabled, locked out for ever and its security stamp changes (any session ends on its next request).
/// What belongs to the organisation stays: its name, kind of care, CQC location, approval, public page and engagement
/// records (published ones stay public as the record of what the organisation did; they point at the closed account). Staff accounts are never passed
/// here (<see cref="PersonalDataSearch.ErasableAccountQuery"/> leaves them out).
/// </summary>
public sealed class ProviderAccountErasure(EngagementDbContext db, TimeProvider clock)
{
    /// <summary>What an erased account is called wherever a name was shown (engagement record history, audit pages).</summary>
    public const string ErasedDisplayName = "Erased account";

    /// <returns>False when the account was already erased.</returns>
    public async Task<bool> EraseAsync(ApplicationUser user, string staffUserId, CancellationToken cancellationToken)
    {
        if (user.Email is null && user.IsDisabled)
        {
            return false;
        }

        var placeholder = "erased-" + user.Id;
        user.UserName = placeholder;
        user.NormalizedUserName = placeholder.ToUpperInvariant();
        user.Email = null;
        user.NormalizedEmail = null;
        user.PasswordHash = null;
        user.PhoneNumber = null;
        user.PhoneNumberConfirmed = false;
        user.TwoFactorEnabled = false;
        user.LockoutEnabled = true;
        user.LockoutEnd = DateTimeOffset.MaxValue;
        user.AccessFailedCount = 0;
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        user.DisplayName = ErasedDisplayName;
        user.IsDisabled = true;
        user.LastAuthenticatorTimeStep = null;
        user.WantsOverdueEmail = false;

        // The role stays, so the organisation is still listed as a provider; with no email and no password nothing can
        // sign in to it or reset it. Whether the email was confirmed is left as it was, so the retention rule for
        // registrations never confirmed treats the account exactly as before.
        await db.UserLogins.Where(l => l.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        await db.UserTokens.Where(t => t.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        await db.UserClaims.Where(c => c.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        db.AuditRecords.Add(new Domain.Auditing.AuditRecord
        {
            At = clock.GetUtcNow().UtcDateTime,
            ActorUserId = staffUserId,
            Action = WithdrawalAudit.AccountErased,
            EntityType = "User",
            EntityId = user.Id,
            Detail = "by=staff",
        });
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
