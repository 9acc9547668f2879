namespace Engagement.Web.Security;

/// <summary>
/// Security headers on every response: a CSP with a per-response nonce and no 'unsafe-inline', no framing, no sniffing,
/// a strict referrer policy. The Hangfire dashboard (administrators only) ships inline script and style, so its
/// pages get a CSP that allows them; everything else gets the strict one.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, CspNonce nonce)
    {
        // Decided now: by the time the response starts, Hangfire has moved /hangfire from Path into PathBase.
        var dashboard = context.Request.Path.StartsWithSegments("/hangfire");
        if (dashboard)
        {
            // Hangfire writes <html lang> from the UI culture; the invariant culture gave lang="iv".
            try
            {
                System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo("en-GB");
                System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("en-GB");
            }
            catch (System.Globalization.CultureNotFoundException)
            {
                // A host without culture data: Hangfire keeps its default.
            }
        }

        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = dashboard
                ? "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'"
                : $"default-src 'self'; script-src 'self' 'nonce-{nonce.Value}'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers.Remove("Server");
            headers.Remove("X-Powered-By");
            return Task.CompletedTask;
        });
        return next(context);
    }
}
