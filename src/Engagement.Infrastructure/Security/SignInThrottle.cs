namespace Engagement.Infrastructure.Security;

/// <summary>
/// Failed sign-in attempts for one key: an account (the SHA-256 of the normalised email, so unknown emails are counted
/// the same way) or a client address (the SHA-256 of the address). Holds no personal data in clear.
/// </summary>
public sealed class SignInThrottleEntry
{
    public string Key { get; set; } = "";

    public int Failures { get; set; }

    public DateTime LastFailureAt { get; set; }
}
