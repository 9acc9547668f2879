using System.Globalization;
using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using Engagement.Domain.Common;
using Engagement.Domain.Responses;
using Engagement.Infrastructure;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Text;
using Engagement.Web.Features.Publishing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Engagement.Web.Features.PublicLog;

/// <summary>
/// Open data for the public log: Atom feeds, a CSV download and a read-only JSON API. All anonymous, GET only,
/// output-cached under the public-log tag, and filtered by the same <see cref="LogFilter"/> as the page.
/// </summary>
public static class PublicLogEndpoints
{
    public const string LicenceName = "Open Government Licence v3.0";
    public const string LicenceUrl = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/";
    public const int FeedSize = 50;

    public static IEndpointRouteBuilder MapPublicLogEndpoints(this IEndpointRouteBuilder app)
    {
        // Each endpoint's cache policy varies by exactly the query parameters it reads (see PublicPagesCache).
        var group = app.MapGroup("").AllowAnonymous();
        group.MapGet("/you-said-we-did/feed", LogFeedAsync).CacheOutput(PublicPagesCache.FilteredPolicyName);
        group.MapGet("/priorities/{number:int}/feed", PriorityFeedAsync).CacheOutput(PublicPagesCache.PolicyName);
        group.MapGet("/you-said-we-did.csv", CsvAsync).CacheOutput(PublicPagesCache.CsvPolicyName);
        group.MapGet("/api/v1/you-said-we-did", ListJsonAsync).CacheOutput(PublicPagesCache.ApiListPolicyName);
        group.MapGet("/api/v1/you-said-we-did/{reference}", EntryJsonAsync).CacheOutput(PublicPagesCache.PolicyName);
        return app;
    }

    private static async Task<IResult> LogFeedAsync(HttpContext context, PublicLogQuery query, IOptions<ServiceOptions> service)
    {
        var filter = LogFilter.FromQuery(context.Request.Query);
        var page = await query.PageAsync(filter, null, null, FeedSize, context.RequestAborted);
        var title = filter.IsEmpty ? "You said, we did" : "You said, we did (filtered)";
        return Feed(service.Value, title, filter.Url("/you-said-we-did/feed"), filter.Url("/you-said-we-did"), page.Rows);
    }

    private static async Task<IResult> PriorityFeedAsync(int number, HttpContext context, PublicLogQuery query, EngagementDbContext db, IOptions<ServiceOptions> service)
    {
        var priority = await db.Priorities.AsNoTracking().Where(p => p.Number == number)
            .Select(p => new { p.Number, p.ShortTitle }).SingleOrDefaultAsync(context.RequestAborted);
        if (priority is null)
        {
            return Results.NotFound();
        }

        var page = await query.PageAsync(new LogFilter { Priorities = [number] }, null, null, FeedSize, context.RequestAborted);
        return Feed(service.Value, $"You said, we did: priority {priority.Number}, {priority.ShortTitle}",
            $"/priorities/{number}/feed", $"/priorities/{number}", page.Rows);
    }

    /// <summary>XML 1.0 cannot carry some control characters at all: they are dropped, everything else is encoded.</summary>
    public static string XmlSafe(string value) =>
        value.All(XmlConvert.IsXmlChar) ? value : new string(value.Where(XmlConvert.IsXmlChar).ToArray());

    private static IResult Feed(ServiceOptions service, string title, string selfPath, string alternatePath, IReadOnlyList<LogRow> rows)
    {
        var feed = new SyndicationFeed
        {
            Id = service.Link(selfPath),
            Title = new TextSyndicationContent(XmlSafe($"{title} - {service.Name}")),
            Description = new TextSyndicationContent("Published \"You said, we did\" entries, newest update first."),
            LastUpdatedTime = rows.Count > 0 ? new DateTimeOffset(rows.Max(r => r.LastUpdatedAt)) : new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero),
            Copyright = new TextSyndicationContent($"Published under the {LicenceName}: {LicenceUrl}"),
        };
        feed.Authors.Add(new SyndicationPerson { Name = XmlSafe(service.CouncilName) });
        feed.Links.Add(new SyndicationLink(new Uri(service.Link(selfPath))) { RelationshipType = "self", MediaType = "application/atom+xml" });
        feed.Links.Add(SyndicationLink.CreateAlternateLink(new Uri(service.Link(alternatePath)), "text/html"));
        feed.Items = rows.Select(row =>
        {
            var permalink = service.Link(Permalink(row.Reference));
            var item = new SyndicationItem
            {
                Id = permalink,
                Title = new TextSyndicationContent(XmlSafe($"{row.Reference}: {row.Title}")),
                LastUpdatedTime = new DateTimeOffset(row.LastUpdatedAt),
                Content = new TextSyndicationContent(XmlSafe($"{row.YouSaidSummary}\n\nStatus: {row.Status.Name()}" +
                    (ConsultationUrl(row, service) is { } consultation ? $"\n\nConsultation outcome: {consultation}" : ""))),
            };
            if (row.FirstPublishedAt is { } published)
            {
                item.PublishDate = new DateTimeOffset(published);
            }

            item.Links.Add(SyndicationLink.CreateAlternateLink(new Uri(permalink), "text/html"));
            item.Categories.Add(new SyndicationCategory(row.Status.Slug(), null, row.Status.Name()));
            if (ConsultationUrl(row, service) is { } url)
            {
                item.Categories.Add(new SyndicationCategory(ConsultationOutcomeKind, null, "Consultation outcome"));
                item.Links.Add(new SyndicationLink(new Uri(url)) { RelationshipType = "related", MediaType = "text/html", Title = "The consultation" });
            }

            return item;
        }).ToList();

        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
        {
            new Atom10FeedFormatter(feed).WriteTo(writer);
        }

        return Results.Bytes(buffer.ToArray(), "application/atom+xml; charset=utf-8");
    }

    public static string Permalink(string reference) => "/you-said-we-did/" + Uri.EscapeDataString(reference);

    private static async Task CsvAsync(HttpContext context, PublicLogQuery query, EngagementDbContext db, OpenDataFiles files, IOptions<ServiceOptions> service)
    {
        var filter = LogFilter.FromQuery(context.Request.Query);
        context.Response.ContentType = CsvContentType;
        context.Response.Headers.ContentDisposition = "attachment; filename=\"you-said-we-did.csv\"";
        if (!filter.IsEmpty)
        {
            // The writer leaves the response body open: it is the output cache's capture stream when the page is cached,
            // and closing it left every cached copy of the CSV empty.
            await WriteCsvAsync(context.Response.Body, query.AllAsync(filter, context.RequestAborted), service.Value);
            return;
        }

        // The whole log: written once per change and sent from disk (decision 0032), with its stamp as the entity tag,
        // so a download can be resumed (Range) and a client that has this version gets 304 Not Modified.
        var stamp = await ChangeStamp.ReadAsync(db, context.RequestAborted);
        var path = await files.WholeLogCsvAsync(stamp, (stream, token) => WriteCsvAsync(stream, query.AllAsync(filter, token), service.Value), context.RequestAborted);
        await TypedResults.PhysicalFile(path, CsvContentType, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{stamp:N}\""), enableRangeProcessing: true)
            .ExecuteAsync(context);
    }

    private const string CsvContentType = "text/csv; charset=utf-8";

    private static async Task WriteCsvAsync(Stream output, IAsyncEnumerable<LogRow> rows, ServiceOptions service)
    {
        await using var csv = SpreadsheetCsv.Open(output);
        await csv.RowAsync("reference", "title", "status", "section", "priorities", "owner_team", "target_date", "first_published", "last_updated", "you_said", "permalink", "kind", "consultation");
        await foreach (var row in rows)
        {
            await csv.RowAsync(
            [
                row.Reference, row.Title, row.Status.Name(), row.Section.Name(),
                string.Join(";", row.Priorities.Select(p => p.ToString(CultureInfo.InvariantCulture))),
                row.OwnerTeam, row.TargetDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
                IsoUtc(row.FirstPublishedAt), IsoUtc(row.LastUpdatedAt), row.YouSaidSummary, service.Link(Permalink(row.Reference)),
                Kind(row), ConsultationUrl(row, service) ?? "",
            ]);
        }
    }

    /// <summary>The kind of entry in the open data: a consultation's published outcome, or any other entry.</summary>
    public const string ConsultationOutcomeKind = "consultation-outcome";

    public const string EntryKindValue = "entry";

    public static string Kind(LogRow row) => row.IsConsultationOutcome ? ConsultationOutcomeKind : EntryKindValue;

    /// <summary>The address of the consultation whose outcome the entry is, or null.</summary>
    public static string? ConsultationUrl(LogRow row, ServiceOptions service) =>
        row.ConsultationId is { } id ? service.Link(Consultations.OutcomeText.ConsultationPath(id)) : null;

    public static string IsoUtc(DateTime? value) => value?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "";

    private static async Task<IResult> ListJsonAsync(HttpContext context, PublicLogQuery query, IOptions<ServiceOptions> service)
    {
        var filter = LogFilter.FromQuery(context.Request.Query);
        var rawCursor = context.Request.Query["cursor"].ToString();
        var cursor = LogCursor.Decode(rawCursor);
        if (rawCursor.Length > 0 && cursor is null)
        {
            return Results.Problem("The cursor is not valid: start again from the first page.", statusCode: StatusCodes.Status400BadRequest);
        }

        var page = await query.PageAsync(filter, cursor, null, PublicLogQuery.PageSize, context.RequestAborted);
        var next = page.Next?.Encode();
        return Results.Json(new
        {
            licence = new { name = LicenceName, url = LicenceUrl },
            items = page.Rows.Select(r => JsonItem(r, service.Value)),
            next,
            nextUrl = next is null ? null : service.Value.Link(filter.Url("/api/v1/you-said-we-did", ("cursor", next))),
        });
    }

    private static async Task<IResult> EntryJsonAsync(string reference, HttpContext context, PublicLogQuery query, IOptions<ServiceOptions> service)
    {
        var entry = await query.EntryAsync(reference, context.RequestAborted);
        if (entry is null)
        {
            return Results.NotFound();
        }

        return Results.Json(new
        {
            licence = new { name = LicenceName, url = LicenceUrl },
            item = JsonItem(entry.Row, service.Value),
            weDidMarkdown = entry.WeDidMarkdown,
            raisedBy = entry.RaisedBy,
            history = entry.History.Select(h => new { at = IsoUtc(h.ChangedAt), from = h.FromStatus?.Slug(), to = h.ToStatus.Slug(), toName = h.ToStatus.Name(), note = h.Note }),
            events = entry.Events.Select(e => new { id = e.Id, title = e.Title, startsAt = IsoUtc(e.StartsAt), url = service.Value.Link($"/events/{e.Id}") }),
        });
    }

    private static object JsonItem(LogRow r, ServiceOptions service) => new
    {
        reference = r.Reference,
        title = r.Title,
        status = r.Status.Slug(),
        statusName = r.Status.Name(),
        section = r.Section.Slug(),
        sectionName = r.Section.Name(),
        priorities = r.Priorities,
        ownerTeam = r.OwnerTeam,
        targetDate = r.TargetDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        firstPublished = IsoUtc(r.FirstPublishedAt),
        lastUpdated = IsoUtc(r.LastUpdatedAt),
        youSaid = r.YouSaidSummary,
        url = service.Link(Permalink(r.Reference)),
        kind = Kind(r),
        consultationUrl = ConsultationUrl(r, service),
    };
}
