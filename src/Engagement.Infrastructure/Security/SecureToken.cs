using System.Security.Cryptography;
using System.Text;

namespace Engagement.Infrastructure.Security;

/// <summary>
/// Private-link tokens (tracking links, registration links): 256 random bits, URL-safe, stored only as a SHA-256 hash.
/// </summary>
public static class SecureToken
{
    public static string Create() => Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
