using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Engagement.Web.Security;

/// <summary>
/// Forwarded headers are believed only from the proxies in <c>ForwardedHeaders:KnownProxies</c> (addresses) and
/// <c>ForwardedHeaders:KnownNetworks</c> (CIDR ranges), comma-separated; with neither set, only a proxy on loopback.
/// Anyone else's <c>X-Forwarded-For</c> is ignored, so it cannot choose the address the rate limits count.
/// </summary>
public static class TrustedProxies
{
    public static ForwardedHeadersOptions Options(IConfiguration configuration)
    {
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            ForwardLimit = 1,
        };
        var proxies = List(configuration["ForwardedHeaders:KnownProxies"]).Select(IPAddress.Parse).ToList();
        var networks = List(configuration["ForwardedHeaders:KnownNetworks"]).Select(System.Net.IPNetwork.Parse).ToList();
        if (proxies.Count + networks.Count > 0)
        {
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            proxies.ForEach(options.KnownProxies.Add);
            networks.ForEach(options.KnownIPNetworks.Add);
        }

        return options;
    }

    private static IEnumerable<string> List(string? value) =>
        (value ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
