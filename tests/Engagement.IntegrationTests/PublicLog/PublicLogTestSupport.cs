using System.Text;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Engagement.Domain.Common;
using Engagement.Domain.Feedback;
using Engagement.Domain.Responses;
using Engagement.Infrastructure.Security;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.Web.Features.Publishing;
using Microsoft.EntityFrameworkCore;

namespace Engagement.IntegrationTests.PublicLog;

/// <summary>Arranges published entries through the domain and the DbContext, and reads the log's outputs.</summary>
public static class PublicLogTestSupport
{
    private static int _sequence;

    public static string NewReference() => ResponseEntry.FormatReference(2090, 10000 + Interlocked.Increment(ref _sequence));

    public static string Marker() => "zq" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>Creates an entry, walks it to <paramref name="status"/> and publishes it (unless told not to).</summary>
    public static async Task<ResponseEntry> AddEntryAsync(
        EngagementFactory factory,
        string title,
        string youSaid,
        DateTime updatedAt,
        ServiceSection section = ServiceSection.HomeCare,
        int[]? priorities = null,
        ResponseStatus status = ResponseStatus.UnderReview,
        bool publish = true,
        string weDid = "We are looking at this.",
        bool invalidate = true)
    {
        var entry = ResponseEntry.Create(NewReference(), title, "test-user", updatedAt.AddDays(-10));
        entry.YouSaidSummary = youSaid;
        entry.WeDidMarkdown = weDid;
        entry.Section = section;
        entry.OwnerTeam = "Test team";
        entry.Priorities = (priorities ?? []).Select(p => new ResponseEntryPriority { PriorityNumber = p }).ToList();
        var at = updatedAt.AddDays(-9);
        if (publish)
        {
            Assert.True(entry.Publish(at).Succeeded);
        }

        foreach (var step in PathTo(status))
        {
            at = at.AddHours(1);
            var result = entry.ChangeStatus(step, "A note about " + step.Name(), step == ResponseStatus.ActionPlanned ? new DateOnly(2091, 1, 1) : null, "test-user", at);
            Assert.True(result.Succeeded, result.Error);
        }

        entry.LastUpdatedAt = updatedAt;
        using var db = factory.CreateDbContext();
        db.ResponseEntries.Add(entry);
        await db.SaveChangesAsync();

        // As the staff workflow does after publishing or changing an entry.
        if (invalidate)
        {
            await InvalidateAsync(factory);
        }

        return entry;
    }

    private static IEnumerable<ResponseStatus> PathTo(ResponseStatus status) => status switch
    {
        ResponseStatus.Received => [],
        ResponseStatus.UnderReview => [ResponseStatus.UnderReview],
        ResponseStatus.ActionPlanned => [ResponseStatus.UnderReview, ResponseStatus.ActionPlanned],
        ResponseStatus.InProgress => [ResponseStatus.UnderReview, ResponseStatus.ActionPlanned, ResponseStatus.InProgress],
        ResponseStatus.Completed => [ResponseStatus.UnderReview, ResponseStatus.ActionPlanned, ResponseStatus.Completed],
        ResponseStatus.NotTakenForward => [ResponseStatus.UnderReview, ResponseStatus.NotTakenForward],
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static async Task AddFeedbackAsync(EngagementFactory factory, int? entryId, DateTime submittedAt, params int[] priorities)
    {
        using var db = factory.CreateDbContext();
        var item = FeedbackItem.Receive(
            new NewFeedback(SubmitterRole.CarerOrFamily, null, ServiceSection.ExtraCareHousing, "Private feedback text", FeedbackChannel.OnlineForm, priorities),
            FeedbackItem.FormatReference(2090, 100000 + Interlocked.Increment(ref _sequence)),
            SecureToken.Hash(SecureToken.Create()),
            submittedAt,
            possibleSafeguarding: false);
        if (entryId is { } id)
        {
            Assert.True(item.LinkTo(await db.ResponseEntries.SingleAsync(e => e.Id == id), submittedAt).Succeeded);
        }

        db.FeedbackItems.Add(item);
        await db.SaveChangesAsync();
    }

    public static Task InvalidateAsync(EngagementFactory factory) => factory.GetService<PublicPagesCache>().InvalidateAsync().AsTask();

    /// <summary>The references listed on a log or priority page, in order.</summary>
    public static IReadOnlyList<string> References(IHtmlDocument page) =>
        page.QuerySelectorAll("#log-entries li[data-reference]").Select(li => li.GetAttribute("data-reference")!).ToList();

    public static string? Href(IHtmlDocument page, string rel) =>
        page.QuerySelector($".govuk-pagination a[rel={rel}]")?.GetAttribute("href");

    public static async Task<JsonDocument> GetJsonAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType!.ToString());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Every item of the JSON API for a query, following the next cursors.</summary>
    public static async Task<List<JsonElement>> AllJsonItemsAsync(HttpClient client, string query)
    {
        var items = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var url = "/api/v1/you-said-we-did?" + query + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            using var json = await GetJsonAsync(client, url);
            items.AddRange(json.RootElement.GetProperty("items").EnumerateArray().Select(e => e.Clone()));
            cursor = json.RootElement.GetProperty("next").ValueKind == JsonValueKind.Null ? null : json.RootElement.GetProperty("next").GetString();
        }
        while (cursor is not null);
        return items;
    }

    /// <summary>A strict RFC 4180 parser: quoted fields, doubled quotes, CRLF records, commas and line breaks inside quotes.</summary>
    public static List<List<string>> ParseCsv(string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (field.Length == 0 && text[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new FormatException("Unterminated quoted field");
                    }

                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(text[i++]);
                }

                if (i < text.Length && text[i] != ',' && text[i] != '\r')
                {
                    throw new FormatException($"Text after a closing quote at {i}");
                }
            }
            else if (text[i] == ',')
            {
                record.Add(field.ToString());
                field.Clear();
                i++;
            }
            else if (text[i] == '\r')
            {
                if (i + 1 >= text.Length || text[i + 1] != '\n')
                {
                    throw new FormatException($"A bare CR at {i}");
                }

                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
                i += 2;
            }
            else if (text[i] == '"' || text[i] == '\n')
            {
                throw new FormatException($"A quote or line feed in an unquoted field at {i}");
            }
            else
            {
                field.Append(text[i++]);
            }
        }

        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            records.Add(record);
        }

        return records;
    }
}
