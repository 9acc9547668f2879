namespace Engagement.Domain.Accounts;

/// <summary>
/// How long a sign-in must wait after failed attempts: a few free tries, then a delay that doubles with each further
/// failure up to an hour. Nothing is ever locked for good, so nobody can keep an account shut by guessing at it; and the
/// person's own known device is not held back by the account's delay (see the sign-in handler).
/// </summary>
public static class SignInDelay
{
    /// <summary>Failures allowed for one account (by email, whether or not it exists) before waits begin.</summary>
    public const int FreeAttemptsPerAccount = 5;

    /// <summary>Failures allowed from one client address, across every email it tries, before waits begin.</summary>
    public const int FreeAttemptsPerAddress = 20;

    /// <summary>The longest wait.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromHours(1);

    /// <summary>Failures older than this are forgotten.</summary>
    public static readonly TimeSpan Memory = TimeSpan.FromHours(24);

    /// <summary>The wait after <paramref name="failures"/> failures: none before the free attempts are used, then 1, 2, 4 ... minutes.</summary>
    public static TimeSpan After(int failures, int freeAttempts)
    {
        if (failures < freeAttempts)
        {
            return TimeSpan.Zero;
        }

        var doublings = Math.Min(failures - freeAttempts, 10);
        var wait = TimeSpan.FromMinutes(1 << doublings);
        return wait > Longest ? Longest : wait;
    }

    /// <summary>What is left of the wait at <paramref name="now"/>, given the count and time of the last failure.</summary>
    public static TimeSpan Remaining(int failures, DateTime lastFailureAt, int freeAttempts, DateTime now)
    {
        if (now - lastFailureAt >= Memory)
        {
            return TimeSpan.Zero;
        }

        var left = lastFailureAt + After(failures, freeAttempts) - now;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }
}
