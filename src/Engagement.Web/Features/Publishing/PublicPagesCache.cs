using System.Text;
using Engagement.Web.Features.PublicLog;
using Microsoft.AspNetCore.OutputCaching;

namespace Engagement.Web.Features.Publishing;

/// <summary>
/// Public pages that show published entries (the log, entry pages, priority pages, feeds, CSV, JSON, insights, the providers' directory and pages) are
/// output-cached under one tag. Anything that changes what they show (publishing, unpublishing, a status change, an
/// edit to a published entry) calls <see cref="InvalidateAsync"/> after it commits, so the change shows at once.
/// </summary>
/// <remarks>
/// Each policy varies only by the query parameters its pages read, reduced to a canonical key (the parsed
/// <see cref="LogFilter"/> written back in a fixed order, cursors decoded and re-encoded): unknown parameters, their
/// order, repeated or malformed values all land on the same entry, so junk neither bypasses the cache nor fills it.
/// The store is bounded by <see cref="SizeLimitBytes"/>.
/// </remarks>
public sealed class PublicPagesCache(IOutputCacheStore store)
{
    public const string Tag = "public-log";

    /// <summary>Pages that read no query parameter: entry, priority and insights pages, the priority feed, JSON entry.</summary>
    public const string PolicyName = "public-log";

    /// <summary>The log page: its filters and its <c>after</c> or <c>before</c> cursor.</summary>
    public const string LogPagePolicyName = "public-log-page";

    /// <summary>The log's Atom feed: its filters only.</summary>
    public const string FilteredPolicyName = "public-log-filtered";

    /// <summary>
    /// The log's CSV download: its filters only, like the feed, but without the cache's request coalescing. A CSV can be
    /// over <see cref="MaximumBodyBytes"/>; with coalescing, the requests that waited for the one in flight were handed
    /// its response without the size check, and got an empty body (dotnet/aspnetcore#68683, fixed after this runtime).
    /// Without it, each download that misses runs itself; the whole log is sent from a file anyway (decision 0032).
    /// </summary>
    public const string CsvPolicyName = "public-log-csv";

    /// <summary>The JSON list: its filters and its <c>cursor</c>.</summary>
    public const string ApiListPolicyName = "public-log-api";

    /// <summary>The providers' directory: its service type filter only (an unknown type is the unfiltered page).</summary>
    public const string ProviderDirectoryPolicyName = "public-providers";

    /// <summary>The most the output cache holds (the default is 100 MB); the least recently used entries go first.</summary>
    public const long SizeLimitBytes = 64L * 1024 * 1024;

    /// <summary>
    /// Larger responses (the CSV download of a log of more than a few thousand entries) are streamed, not cached:
    /// the cache replays a body into each connection's buffers whole, so every concurrent download of a cached
    /// multi-megabyte file held a copy (measured: 8 MB more working set per concurrent download of a 5 MB CSV).
    /// </summary>
    public const long MaximumBodyBytes = 1024L * 1024;

    public static readonly TimeSpan Expiry = TimeSpan.FromMinutes(10);

    private const string VaryKey = "q";
    private const string InvalidCursor = "!";

    public ValueTask InvalidateAsync(CancellationToken cancellationToken = default) => store.EvictByTagAsync(Tag, cancellationToken);

    /// <summary>
    /// The output cache and its policies. With <paramref name="enabled"/> false (the benchmark's forced-miss instance)
    /// the policies exist but never look up or store anything.
    /// </summary>
    public static void Configure(OutputCacheOptions options, bool enabled)
    {
        options.SizeLimit = SizeLimitBytes;
        options.MaximumBodySize = MaximumBodyBytes;
        options.DefaultExpirationTimeSpan = Expiry;
        Add(options, enabled, PolicyName, static _ => "");
        Add(options, enabled, LogPagePolicyName, static query => LogPageKey(query));
        Add(options, enabled, FilteredPolicyName, static query => FilterKey(query));
        Add(options, enabled, CsvPolicyName, static query => FilterKey(query), coalesce: false);
        Add(options, enabled, ApiListPolicyName, static query => ApiListKey(query));
        Add(options, enabled, ProviderDirectoryPolicyName, static query => ProviderDirectoryKey(query));
    }

    private static void Add(OutputCacheOptions options, bool enabled, string name, Func<IQueryCollection, string> key, bool coalesce = true) =>
        options.AddPolicy(name, policy =>
        {
            if (!enabled)
            {
                policy.NoCache();
                return;
            }

            policy.Expire(Expiry)
                .SetLocking(coalesce)
                .SetVaryByQuery([])
                .VaryByValue(context => new KeyValuePair<string, string>(VaryKey, key(context.Request.Query)))
                .Tag(Tag);
        });

    /// <summary>The filters as the pages read them, in <see cref="LogFilter.ToQuery"/> order.</summary>
    public static string FilterKey(IQueryCollection query)
    {
        var key = new StringBuilder();
        foreach (var (name, value) in LogFilter.FromQuery(query).ToQuery())
        {
            key.Append(name).Append('=').Append(Uri.EscapeDataString(value)).Append('&');
        }

        return key.ToString();
    }

    /// <summary>The page reads <c>after</c>, or <c>before</c> when there is no valid <c>after</c>; a malformed one is ignored.</summary>
    public static string LogPageKey(IQueryCollection query)
    {
        var filters = FilterKey(query);
        if (LogCursor.Decode(query["after"].ToString()) is { } after)
        {
            return filters + "after=" + after.Encode();
        }

        return LogCursor.Decode(query["before"].ToString()) is { } before ? filters + "before=" + before.Encode() : filters;
    }

    public static string ProviderDirectoryKey(IQueryCollection query) =>
        Engagement.Domain.Providers.EngagementRecordText.ServiceTypeFromSlug(query["type"].ToString())?.ToString() ?? "";

    /// <summary>The API answers 400 to a malformed cursor, so that must not share the first page's entry.</summary>
    public static string ApiListKey(IQueryCollection query)
    {
        var raw = query["cursor"].ToString();
        if (raw.Length == 0)
        {
            return FilterKey(query);
        }

        return FilterKey(query) + "cursor=" + (LogCursor.Decode(raw)?.Encode() ?? InvalidCursor);
    }
}
