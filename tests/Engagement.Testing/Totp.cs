using OtpNet;

namespace Engagement.Testing;

/// <summary>
/// Authenticator-app codes as an app computes them (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), from a base32
/// key, with Otp.NET. Shared by the integration and browser tests; checked against Identity's own verification in a test.
/// </summary>
public static class Totp
{
    /// <summary>The demo staff accounts' key in every test app (Seed:DemoAuthenticatorKey).</summary>
    public const string DemoKey = TestApp.DemoAuthenticatorKey;

    public static string Code(string base32Key, DateTimeOffset? at = null) =>
        new OtpNet.Totp(FromBase32(base32Key)).ComputeTotp((at ?? DateTimeOffset.UtcNow).UtcDateTime);

    public static byte[] FromBase32(string key) => Base32Encoding.ToBytes(key.Replace(" ", "", StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant());
}
