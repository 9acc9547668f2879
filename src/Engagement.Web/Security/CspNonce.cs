using System.Security.Cryptography;

namespace Engagement.Web.Security;

/// <summary>A fresh Content-Security-Policy nonce for each response.</summary>
public sealed class CspNonce
{
    public string Value { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
}
