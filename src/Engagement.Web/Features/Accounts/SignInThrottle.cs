using System.Security.Cryptography;
using System.Text;
using Engagement.Domain.Accounts;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Features.Accounts;

/// <summary>
/// Counts failed sign-ins per account (by email, whether or not an account has it) and per client address, in the
/// database so that every instance agrees, and says how long the next attempt must wait (<see cref="SignInDelay"/>).
/// Keys are SHA-256 hashes: neither the email nor the address is stored.
/// </summary>
public sealed class SignInThrottle(EngagementDbContext db, TimeProvider clock)
{
    public static string AccountKey(string email) => "account:" + Hash(email.Trim().ToUpperInvariant());

    public static string AddressKey(HttpContext http) => "address:" + Hash(http.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    public async Task<TimeSpan> WaitAsync(string accountKey, string addressKey, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.SignInThrottles.AsNoTracking()
            .Where(t => t.Key == accountKey || t.Key == addressKey)
            .ToListAsync(cancellationToken);
        var wait = TimeSpan.Zero;
        foreach (var row in rows)
        {
            var free = row.Key == accountKey ? SignInDelay.FreeAttemptsPerAccount : SignInDelay.FreeAttemptsPerAddress;
            var left = SignInDelay.Remaining(row.Failures, row.LastFailureAt, free, now);
            wait = left > wait ? left : wait;
        }

        return wait;
    }

    public async Task RecordFailureAsync(string accountKey, string addressKey, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var key in new[] { accountKey, addressKey })
        {
            var row = await db.SignInThrottles.SingleOrDefaultAsync(t => t.Key == key, cancellationToken);
            if (row is null)
            {
                db.SignInThrottles.Add(new SignInThrottleEntry { Key = key, Failures = 1, LastFailureAt = now });
            }
            else
            {
                row.Failures = now - row.LastFailureAt >= SignInDelay.Memory ? 1 : row.Failures + 1;
                row.LastFailureAt = now;
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request inserted the same key at the same moment: its count stands; this one is lost, not doubled.
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>A successful sign-in (or a completed password reset) clears the account's count, not the address's.</summary>
    public Task ResetAccountAsync(string accountKey, CancellationToken cancellationToken = default) =>
        db.SignInThrottles.Where(t => t.Key == accountKey).ExecuteDeleteAsync(cancellationToken);

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
