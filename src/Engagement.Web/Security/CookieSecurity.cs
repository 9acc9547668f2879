namespace Engagement.Web.Security;

/// <summary>
/// Cookie hardening in one place. Normally every cookie is Secure, HttpOnly and named with the __Host- prefix.
/// For plain-http local development (`dotnet run` on http://localhost) Cookies:Secure=false (set in
/// appsettings.Development.json) drops the Secure flag, and with it the prefix, which browsers only accept on Secure cookies.
/// </summary>
public sealed class CookieSecurity(bool secure)
{
    public bool Secure { get; } = secure;

    public CookieSecurePolicy Policy => Secure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;

    public string Name(string baseName) => Secure ? "__Host-" + baseName : baseName;

    public static CookieSecurity From(IConfiguration configuration) => new(configuration.GetValue("Cookies:Secure", true));
}
