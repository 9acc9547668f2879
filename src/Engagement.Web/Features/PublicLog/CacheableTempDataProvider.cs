using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Options;

namespace Engagement.Web.Features.PublicLog;

/// <summary>
/// The cookie TempData provider, except that it does not send a Set-Cookie deleting a TempData cookie the browser
/// never had. The layout reads TempData on every page; without this, every page would carry that Set-Cookie, and
/// output caching (rightly) refuses to store a response that sets cookies, so the public pages could never be cached.
/// </summary>
public sealed class CacheableTempDataProvider(IServiceProvider services, IOptions<CookieTempDataProviderOptions> options) : ITempDataProvider
{
    private readonly CookieTempDataProvider _inner = ActivatorUtilities.CreateInstance<CookieTempDataProvider>(services);

    public IDictionary<string, object> LoadTempData(HttpContext context) => _inner.LoadTempData(context);

    public void SaveTempData(HttpContext context, IDictionary<string, object> values)
    {
        if (values.Count == 0 && options.Value.Cookie.Name is { } name && !context.Request.Cookies.Keys.Any(k => k.StartsWith(name, StringComparison.Ordinal)))
        {
            return;
        }

        _inner.SaveTempData(context, values);
    }
}
