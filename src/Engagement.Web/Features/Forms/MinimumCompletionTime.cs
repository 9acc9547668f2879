using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Engagement.Web.Features.Forms;

/// <summary>
/// The minimum-time bot check shared by the anonymous forms: a form completed faster than its setting's number of
/// seconds (default <see cref="DefaultSeconds"/>) is treated as a likely bot. A journey with a server-side draft
/// passes the draft's start; a one-page form carries its start in a hidden field as a protected stamp
/// (<see cref="Stamp"/>), so it cannot be forged or moved back, and a missing or altered stamp counts as too fast.
/// </summary>
public sealed class MinimumCompletionTime(IDataProtectionProvider protection, TimeProvider clock, IConfiguration configuration)
{
    public const int DefaultSeconds = 3;

    // Not time-limited: the stamp is itself the time, and Data Protection's expiry is checked against the system
    // clock rather than the app's TimeProvider.
    private readonly IDataProtector _stamps = protection.CreateProtector("Engagement.Forms.Started.v1");

    /// <summary>The seconds a form must take, from <paramref name="settingKey"/>.</summary>
    public TimeSpan Minimum(string settingKey) => TimeSpan.FromSeconds(configuration.GetValue(settingKey, DefaultSeconds));

    public bool TooFast(string settingKey, DateTime startedAt) => clock.GetUtcNow().UtcDateTime - startedAt < Minimum(settingKey);

    /// <summary>A protected stamp of now, for a hidden field of a form being shown.</summary>
    public string Stamp() => _stamps.Protect(clock.GetUtcNow().UtcTicks.ToString(CultureInfo.InvariantCulture));

    /// <summary>Whether the form whose <see cref="Stamp"/> came back was completed too fast (or the stamp was forged or removed).</summary>
    public bool TooFast(string settingKey, string? stamp) => StartedAt(stamp) is not { } started || TooFast(settingKey, started);

    private DateTime? StartedAt(string? stamp)
    {
        if (string.IsNullOrEmpty(stamp) || stamp.Length > 500)
        {
            return null;
        }

        try
        {
            return long.TryParse(_stamps.Unprotect(stamp), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTime.MaxValue.Ticks
                ? new DateTime(ticks, DateTimeKind.Utc)
                : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
