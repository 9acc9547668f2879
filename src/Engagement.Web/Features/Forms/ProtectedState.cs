using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Engagement.Web.Features.Forms;

/// <summary>
/// A value carried between pages (a multi-page form's answers in a hidden field, or a receipt in a redirect) as an
/// encrypted, signed, time-limited string, so nothing is half-saved in the database and nothing can be forged.
/// Reading gives null when the string is missing, tampered with or expired.
/// </summary>
public sealed class ProtectedState<T>(IDataProtectionProvider provider, TimeProvider clock, string purpose, TimeSpan lifetime)
    where T : class
{
    // The value is never rendered as JSON; relaxed escaping only keeps it small.
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ITimeLimitedDataProtector _protector = provider.CreateProtector(purpose).ToTimeLimitedDataProtector();

    public string Protect(T value) => _protector.Protect(JsonSerializer.Serialize(value, Json), clock.GetUtcNow().Add(lifetime));

    public T? Unprotect(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(_protector.Unprotect(value), Json);
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
