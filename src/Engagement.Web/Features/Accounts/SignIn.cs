using Engagement.Domain.Auditing;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Identity;
using Engagement.Web.Security;
using Microsoft.AspNetCore.Identity;

namespace Engagement.Web.Features.Accounts;

public enum SignInOutcomeKind
{
    SignedIn,
    TwoFactorRequired,
    Refused,
    Wait,
}

public sealed record SignInOutcome(SignInOutcomeKind Kind, TimeSpan Wait = default)
{
    public static SignInOutcome Refused { get; } = new(SignInOutcomeKind.Refused);

    /// <summary>The one message for an unknown email, a wrong password, an unconfirmed and a disabled account.</summary>
    public const string RefusedMessage = "Enter a correct email address and password. If you registered recently, confirm your email address first using the link we sent you";

    public static string WaitMessage(TimeSpan wait)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
        return $"Too many attempts to sign in. Wait {minutes} {(minutes == 1 ? "minute" : "minutes")} and try again, or reset your password";
    }
}

/// <summary>
/// The password step of signing in. An unknown email, a wrong password, an unconfirmed and a disabled account get the
/// same answer after the same work (a password hash is verified for unknown emails too), and every failure counts
/// towards the account's and the client address's delay. A device this account signed in from before is not delayed.
/// </summary>
public sealed class SignInWithPasswordHandler(
    UserManager<ApplicationUser> users,
    EngagementSignInManager signIn,
    SignInThrottle throttle,
    KnownDevice devices,
    SignInRecorder recorder,
    IPasswordHasher<ApplicationUser> hasher)
{
    private static readonly Lazy<string> DecoyHash = new(() =>
        new PasswordHasher<ApplicationUser>().HashPassword(new ApplicationUser(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))));

    public async Task<SignInOutcome> HandleAsync(HttpContext http, string email, string password, CancellationToken cancellationToken = default)
    {
        var accountKey = SignInThrottle.AccountKey(email);
        var addressKey = SignInThrottle.AddressKey(http);
        var user = await users.FindByEmailAsync(email.Trim());
        if (!(user is not null && devices.IsKnown(http, user.Id)))
        {
            var wait = await throttle.WaitAsync(accountKey, addressKey, cancellationToken);
            if (wait > TimeSpan.Zero)
            {
                return new SignInOutcome(SignInOutcomeKind.Wait, wait);
            }
        }

        bool passwordCorrect;
        if (user?.PasswordHash is null)
        {
            // The same hashing work as for a real account, so the time taken does not tell whether the email has one.
            hasher.VerifyHashedPassword(user ?? new ApplicationUser(), DecoyHash.Value, password);
            passwordCorrect = false;
        }
        else
        {
            passwordCorrect = await users.CheckPasswordAsync(user, password);
        }

        if (user is null || !passwordCorrect || user.IsDisabled || !user.EmailConfirmed)
        {
            await recorder.FailedAsync(accountKey, addressKey, user?.Id, "password", cancellationToken);
            return SignInOutcome.Refused;
        }

        var result = await signIn.SignInAfterPasswordAsync(user);
        if (result.RequiresTwoFactor)
        {
            return new SignInOutcome(SignInOutcomeKind.TwoFactorRequired);
        }

        if (!result.Succeeded)
        {
            await recorder.FailedAsync(accountKey, addressKey, user.Id, "password", cancellationToken);
            return SignInOutcome.Refused;
        }

        await recorder.SucceededAsync(http, user, "password", cancellationToken);
        return new SignInOutcome(SignInOutcomeKind.SignedIn);
    }
}

/// <summary>What every sign-in step records: success (last sign-in time, known device, cleared delay, audit) or failure.</summary>
public sealed class SignInRecorder(EngagementDbContext db, SignInThrottle throttle, KnownDevice devices, TimeProvider clock)
{
    public async Task SucceededAsync(HttpContext http, ApplicationUser user, string step, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (!devices.IsKnown(http, user.Id))
        {
            // Failures before a sign-in from a new device were probably the person's own typing. On a known device they
            // may be someone else's guesses, which the known device simply bypasses, so they keep counting.
            await throttle.ResetAccountAsync(SignInThrottle.AccountKey(user.Email ?? ""), cancellationToken);
        }

        devices.Remember(http, user.Id);
        var tracked = await db.Users.FindAsync([user.Id], cancellationToken);
        if (tracked is not null)
        {
            tracked.LastSignInAt = now;
        }

        db.AuditRecords.Add(new AuditRecord { At = now, ActorUserId = user.Id, Action = "account.signed-in", EntityType = "User", EntityId = user.Id, Detail = "step=" + step });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task FailedAsync(string accountKey, string addressKey, string? userId, string step, CancellationToken cancellationToken = default)
    {
        await throttle.RecordFailureAsync(accountKey, addressKey, cancellationToken);
        db.AuditRecords.Add(new AuditRecord
        {
            At = clock.GetUtcNow().UtcDateTime,
            Action = "account.sign-in-failed",
            EntityType = "User",
            EntityId = userId ?? "",
            Detail = "step=" + step,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>For the code steps: is this account's sign-in held back (not on its known device)?</summary>
    public async Task<TimeSpan> WaitAsync(HttpContext http, ApplicationUser user, CancellationToken cancellationToken = default) =>
        devices.IsKnown(http, user.Id)
            ? TimeSpan.Zero
            : await throttle.WaitAsync(SignInThrottle.AccountKey(user.Email ?? ""), SignInThrottle.AddressKey(http), cancellationToken);

    public Task FailedAsync(HttpContext http, ApplicationUser user, string step, CancellationToken cancellationToken = default) =>
        FailedAsync(SignInThrottle.AccountKey(user.Email ?? ""), SignInThrottle.AddressKey(http), user.Id, step, cancellationToken);
}
