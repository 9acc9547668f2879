using System.Security.Cryptography;
using System.Text.Json;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Security;
using Engagement.Web.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Features.Journeys;

/// <summary>
/// Holds journey drafts server-side: the answers encrypted in <see cref="SavedDraft"/>, the key in a strictly necessary
/// cookie ("__Host-Engagement.Draft.{journey}", HttpOnly, Secure, for <see cref="Lifetime"/> after the last answer). A person can leave
/// and come back to the same answers; a missing, tampered or expired key gives no draft. Expired drafts are deleted
/// whenever a new one is started, so answers never outlive their lifetime by more than that.
/// </summary>
public sealed class JourneyDrafts(EngagementDbContext db, IDataProtectionProvider provider, CookieSecurity cookies, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>The cookie's name in production (Secure, so __Host- prefixed), as the cookies page lists it.</summary>
    public static string CookieName(string journey) => "__Host-" + BaseName(journey);

    /// <summary>Whether the browser sent a draft key (so a missing draft has expired, rather than never started).</summary>
    public bool HasKey(HttpContext http, string journey) => http.Request.Cookies.ContainsKey(Cookie(journey));

    public Task<TDraft?> LoadAsync<TDraft>(HttpContext http, string journey, CancellationToken cancellationToken)
        where TDraft : JourneyDraft =>
        http.Request.Cookies.TryGetValue(Cookie(journey), out var key)
            ? LoadByKeyAsync<TDraft>(journey, key, cancellationToken)
            : Task.FromResult<TDraft?>(null);

    /// <summary>
    /// Saves the draft under the browser's key, or under a new key (set in the cookie) for a new draft. A journey whose
    /// drafts may be resumed later from an emailed link (consultations) keeps them for its own <paramref name="lifetime"/>.
    /// </summary>
    public async Task SaveAsync<TDraft>(HttpContext http, string journey, TDraft draft, CancellationToken cancellationToken, TimeSpan? lifetime = null)
        where TDraft : JourneyDraft
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var expires = now + (lifetime ?? Lifetime);
        var data = Protector(journey).Protect(JsonSerializer.Serialize(draft));
        if (http.Request.Cookies.TryGetValue(Cookie(journey), out var key) && !string.IsNullOrEmpty(key) && key.Length <= 100)
        {
            // The draft the browser's key names, if it is still live: one UPDATE, without reading the row first (every
            // answer of every journey comes through here).
            var hash = SecureToken.Hash(key);
            var updated = await db.SavedDrafts
                .Where(d => d.KeyHash == hash && d.Journey == journey && d.ExpiresAt > now)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.Data, data).SetProperty(d => d.UpdatedAt, now).SetProperty(d => d.ExpiresAt, expires), cancellationToken);
            if (updated > 0)
            {
                SetCookie(http, journey, key, expires);
                return;
            }
        }

        await db.SavedDrafts.Where(d => d.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
        key = SecureToken.Create();
        db.SavedDrafts.Add(new SavedDraft { KeyHash = SecureToken.Hash(key), Journey = journey, Data = data, CreatedAt = now, UpdatedAt = now, ExpiresAt = expires });
        await db.SaveChangesAsync(cancellationToken);
        SetCookie(http, journey, key, expires);
    }

    /// <summary>The browser's draft key, for a "come back later" link that carries it (null without a draft).</summary>
    public string? CurrentKey(HttpContext http, string journey) =>
        http.Request.Cookies.TryGetValue(Cookie(journey), out var key) && !string.IsNullOrEmpty(key) && key.Length <= 100 ? key : null;

    /// <summary>
    /// Opens the draft a "come back later" link names in this browser (perhaps another device): its key goes into the
    /// cookie. Null when the link's draft has expired, been sent or never existed.
    /// </summary>
    public async Task<TDraft?> ResumeAsync<TDraft>(HttpContext http, string journey, string key, CancellationToken cancellationToken)
        where TDraft : JourneyDraft
    {
        var draft = await LoadByKeyAsync<TDraft>(journey, key, cancellationToken);
        if (draft is not null)
        {
            var hash = SecureToken.Hash(key);
            var expires = await db.SavedDrafts.AsNoTracking().Where(d => d.KeyHash == hash).Select(d => d.ExpiresAt).SingleAsync(cancellationToken);
            SetCookie(http, journey, key, expires);
        }

        return draft;
    }

    private async Task<TDraft?> LoadByKeyAsync<TDraft>(string journey, string? key, CancellationToken cancellationToken)
        where TDraft : JourneyDraft
    {
        if (string.IsNullOrEmpty(key) || key.Length > 100)
        {
            return null;
        }

        var hash = SecureToken.Hash(key);
        var now = clock.GetUtcNow().UtcDateTime;
        var data = await db.SavedDrafts.AsNoTracking()
            .Where(d => d.KeyHash == hash && d.Journey == journey && d.ExpiresAt > now)
            .Select(d => d.Data)
            .SingleOrDefaultAsync(cancellationToken);
        if (data is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<TDraft>(Protector(journey).Unprotect(data));
        }
        catch (Exception e) when (e is CryptographicException or JsonException)
        {
            return null;
        }
    }

    private void SetCookie(HttpContext http, string journey, string key, DateTime expires) =>
        http.Response.Cookies.Append(Cookie(journey), key, new CookieOptions
        {
            HttpOnly = true,
            Secure = cookies.Secure || http.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
            Path = "/",
            Expires = expires,
        });

    /// <summary>Deletes the draft and its cookie (after sending, or when the person starts again).</summary>
    public async Task DiscardAsync(HttpContext http, string journey, CancellationToken cancellationToken)
    {
        if (http.Request.Cookies.TryGetValue(Cookie(journey), out var key) && !string.IsNullOrEmpty(key) && key.Length <= 100)
        {
            var hash = SecureToken.Hash(key);
            await db.SavedDrafts.Where(d => d.KeyHash == hash).ExecuteDeleteAsync(cancellationToken);
        }

        http.Response.Cookies.Delete(Cookie(journey), new CookieOptions { Path = "/", Secure = cookies.Secure || http.Request.IsHttps });
    }

    private static string BaseName(string journey) => "Engagement.Draft." + journey;

    private string Cookie(string journey) => cookies.Name(BaseName(journey));

    private IDataProtector Protector(string journey) => provider.CreateProtector("Engagement.Journey.Draft.v1", journey);
}
