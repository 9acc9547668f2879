using System.Security.Cryptography;
using System.Text;

namespace Engagement.Infrastructure.Security;

/// <summary>Authenticator-app (TOTP) shared keys in base32, the form Identity's AuthenticatorTokenProvider reads.</summary>
public static class AuthenticatorKey
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>A new random key: 160 bits, 32 base32 characters.</summary>
    public static string Create()
    {
        var bytes = RandomNumberGenerator.GetBytes(20);
        var text = new StringBuilder(32);
        for (var bit = 0; bit < bytes.Length * 8; bit += 5)
        {
            var value = 0;
            for (var i = 0; i < 5; i++)
            {
                var index = bit + i;
                value = (value << 1) | ((bytes[index / 8] >> (7 - (index % 8))) & 1);
            }

            text.Append(Alphabet[value]);
        }

        return text.ToString();
    }

    /// <summary>Upper case without white space (a key read from a file ends with a new line), hyphens or padding; throws when what is left is not base32 of at least 16 characters.</summary>
    public static string Normalise(string key)
    {
        var normalised = new string(key.Where(c => !char.IsWhiteSpace(c) && c is not ('-' or '=')).ToArray()).ToUpperInvariant();
        if (normalised.Length < 16 || normalised.Any(c => !Alphabet.Contains(c, StringComparison.Ordinal)))
        {
            throw new InvalidOperationException("The demo authenticator key must be base32 (A-Z, 2-7), at least 16 characters.");
        }

        return normalised;
    }
}
