using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Engagement.Domain.Common;
using Engagement.Domain.Responses;
using Microsoft.AspNetCore.WebUtilities;

namespace Engagement.Web.Features.PublicLog;

/// <summary>
/// The public log's filters, read from the query string once and used by the page, the feed, the CSV and the JSON API.
/// Unknown or malformed values are ignored rather than failing the request.
/// </summary>
public sealed record LogFilter
{
    public const int MaxWordsLength = 100;

    public IReadOnlyList<int> Priorities { get; init; } = [];
    public ServiceSection? Section { get; init; }
    public ResponseStatus? Status { get; init; }
    public DateOnly? UpdatedFrom { get; init; }
    public DateOnly? UpdatedTo { get; init; }
    public string? Words { get; init; }

    /// <summary>A kind of entry (<c>kind=consultation</c>: consultation outcomes only), or null for every entry.</summary>
    public EntryKind? Kind { get; init; }

    public bool IsEmpty => Priorities.Count == 0 && Section is null && Status is null && UpdatedFrom is null && UpdatedTo is null && Words is null && Kind is null;

    public static LogFilter FromQuery(IQueryCollection query)
    {
        var priorities = query["priority"]
            .Select(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .Where(n => n is > 0 and < 1000)
            .Distinct()
            .Order()
            .Take(50)
            .ToList();
        var words = query["q"].ToString().Trim();
        if (words.Length > MaxWordsLength)
        {
            words = words[..MaxWordsLength];
        }

        return new LogFilter
        {
            Priorities = priorities,
            Section = ServiceSectionText.FromSlug(query["section"].ToString()),
            Status = ResponseStatusText.FromSlug(query["status"].ToString()),
            UpdatedFrom = ParseDate(query["from"].ToString()),
            UpdatedTo = ParseDate(query["to"].ToString()),
            Words = words.Length == 0 ? null : words,
            Kind = EntryKindText.FromSlug(query["kind"].ToString()),
        };
    }

    private static DateOnly? ParseDate(string value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>The filters as query-string pairs (no cursor), for links to other pages, the feed, CSV and JSON.</summary>
    public IEnumerable<KeyValuePair<string, string>> ToQuery()
    {
        foreach (var p in Priorities)
        {
            yield return new("priority", p.ToString(CultureInfo.InvariantCulture));
        }

        if (Section is { } section)
        {
            yield return new("section", section.Slug());
        }

        if (Status is { } status)
        {
            yield return new("status", status.Slug());
        }

        if (UpdatedFrom is { } from)
        {
            yield return new("from", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (UpdatedTo is { } to)
        {
            yield return new("to", to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (Words is { } q)
        {
            yield return new("q", q);
        }

        if (Kind is { } kind)
        {
            yield return new("kind", kind.Slug());
        }
    }

    /// <summary>A URL for <paramref name="path"/> with these filters plus any extra pairs.</summary>
    public string Url(string path, params (string Key, string Value)[] extra)
    {
        var pairs = ToQuery().Concat(extra.Select(e => new KeyValuePair<string, string>(e.Key, e.Value))).ToList();
        return pairs.Count == 0 ? path : QueryHelpers.AddQueryString(path, pairs.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)));
    }
}

/// <summary>The kinds of entry the log can be filtered to (every other entry is a plain "You said, we did" entry).</summary>
public enum EntryKind
{
    ConsultationOutcome = 1,
}

public static class EntryKindText
{
    public const string ConsultationSlug = "consultation";

    public static string Slug(this EntryKind kind) => kind switch
    {
        EntryKind.ConsultationOutcome => ConsultationSlug,
        _ => kind.ToString().ToLowerInvariant(),
    };

    public static string Name(this EntryKind kind) => kind switch
    {
        EntryKind.ConsultationOutcome => "Consultation outcomes",
        _ => kind.ToString(),
    };

    public static EntryKind? FromSlug(string? slug) => slug == ConsultationSlug ? EntryKind.ConsultationOutcome : null;
}

/// <summary>
/// A keyset position in "newest update first" order: the (LastUpdatedAt, Id) of an entry, opaque to the reader.
/// </summary>
public readonly record struct LogCursor(DateTime LastUpdatedAt, int Id)
{
    public string Encode()
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{LastUpdatedAt.Ticks}.{Id}");
        return Base64Url.EncodeToString(Encoding.ASCII.GetBytes(text));
    }

    public static LogCursor? Decode(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 64 || !Base64Url.IsValid(value))
        {
            return null;
        }

        var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(value));
        var parts = text.Split('.');
        if (parts.Length != 2 ||
            !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) ||
            !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ||
            ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            return null;
        }

        return new LogCursor(new DateTime(ticks, DateTimeKind.Utc), id);
    }
}
