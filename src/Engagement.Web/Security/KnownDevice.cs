using Microsoft.AspNetCore.DataProtection;

namespace Engagement.Web.Security;

/// <summary>
/// A device that has signed in to an account before carries a protected cookie naming that account (its id only). Such a
/// device is not held back by the sign-in delays, so someone guessing at a person's email cannot keep them out.
/// </summary>
public sealed class KnownDevice(IDataProtectionProvider protection, CookieSecurity cookies, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(180);
    private const int MaxAccounts = 5;

    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("Engagement.KnownDevice").ToTimeLimitedDataProtector();

    public string CookieName => cookies.Name("Engagement.Device");

    public bool IsKnown(HttpContext http, string userId) => Accounts(http).Contains(userId);

    public void Remember(HttpContext http, string userId)
    {
        var accounts = Accounts(http).Where(a => a != userId).Prepend(userId).Take(MaxAccounts).ToList();
        var expires = clock.GetUtcNow().Add(Lifetime);
        http.Response.Cookies.Append(CookieName, _protector.Protect(string.Join('|', accounts), expires), new CookieOptions
        {
            Expires = expires,
            HttpOnly = true,
            Secure = cookies.Secure || http.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            IsEssential = true,
            Path = "/",
        });
    }

    private List<string> Accounts(HttpContext http)
    {
        if (!http.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value))
        {
            return [];
        }

        try
        {
            return _protector.Unprotect(value).Split('|', StringSplitOptions.RemoveEmptyEntries).ToList();
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return [];
        }
    }
}
