using System.Net;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.Web.Features.Publishing;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static Engagement.IntegrationTests.PublicLog.PublicLogTestSupport;

namespace Engagement.IntegrationTests.PublicLog;

/// <summary>
/// The output cache varies each public page only by the query parameters it reads, canonically. Each test fills an
/// entry, then changes the database without the eviction the staff workflow would do: a request still showing the old
/// data was served from that same entry; a request showing the change missed.
/// </summary>
public sealed class PublicLogCacheTests(EngagementFactory factory) : IClassFixture<EngagementFactory>
{
    private static readonly DateTime Base = new(2031, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Junk_parameters_order_and_repeats_are_served_from_the_same_log_page_entry()
    {
        var m = Marker();
        var first = await AddEntryAsync(factory, $"Cached {m}", "x", Base, priorities: [3, 5]);
        var client = factory.CreateBrowserClient();
        async Task<IReadOnlyList<string>> Refs(string query) => References((await Html.GetAsync(client, "/you-said-we-did?" + query)).Document);

        Assert.Equal([first.Reference], await Refs($"q={m}&priority=3&priority=5&utm_source=mail"));
        var second = await AddEntryAsync(factory, $"Later {m}", "x", Base.AddDays(1), priorities: [3, 5], invalidate: false);

        foreach (var query in new[]
                 {
                     $"q={m}&priority=3&priority=5",
                     $"priority=5&q={m}&priority=3&junk=1",
                     $"PRIORITY=3&priority=5&priority=3&q={m}&nocache={Guid.NewGuid():N}",
                     $"q={m}&priority=5&priority=3&status=not-a-status&after=not-a-cursor&fbclid=x",
                 })
        {
            Assert.Equal([first.Reference], await Refs(query));
        }

        // A parameter the page reads, with a value that changes the filter, is a different entry: it misses.
        Assert.Equal([second.Reference, first.Reference], await Refs($"q={m}&priority=3&priority=5&status=under-review"));
        await InvalidateAsync(factory);
        Assert.Equal([second.Reference, first.Reference], await Refs($"utm_source=mail&priority=3&priority=5&q={m}"));
    }

    [Fact]
    public async Task Pages_that_read_no_parameters_ignore_all_of_them_and_the_api_keeps_its_cursor_errors()
    {
        var m = Marker();
        var entry = await AddEntryAsync(factory, $"Entry {m}", "x", Base.AddDays(10), priorities: [7]);
        var client = factory.CreateBrowserClient();
        var url = "/you-said-we-did/" + entry.Reference;
        Assert.Contains($"Entry {m}", await client.GetStringAsync(url + "?a=1"));
        Assert.Contains($"Entry {m}", await client.GetStringAsync($"/api/v1/you-said-we-did?q={m}"));

        using (var db = factory.CreateDbContext())
        {
            await db.ResponseEntries.Where(e => e.Id == entry.Id).ExecuteUpdateAsync(u => u.SetProperty(e => e.Title, $"Renamed {m}"));
        }

        // Even parameters other pages read (priority, q, cursor) do not vary an entry page.
        foreach (var query in new[] { "", "?priority=3", $"?q={m}&b=2", "?cursor=abc&after=x" })
        {
            var body = await client.GetStringAsync(url + query);
            Assert.Contains($"Entry {m}", body);
            Assert.DoesNotContain($"Renamed {m}", body);
        }

        Assert.Contains($"Entry {m}", await client.GetStringAsync($"/api/v1/you-said-we-did?junk=1&q={m}"));
        // A malformed cursor is still a 400, not the cached first page.
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/api/v1/you-said-we-did?q={m}&cursor=not-a-cursor!")).StatusCode);

        await InvalidateAsync(factory);
        Assert.Contains($"Renamed {m}", await client.GetStringAsync(url + "?a=1"));
    }

    [Fact]
    public void The_output_cache_has_an_explicit_size_limit()
    {
        var options = factory.GetService<IOptions<OutputCacheOptions>>().Value;

        Assert.Equal(PublicPagesCache.SizeLimitBytes, options.SizeLimit);
        Assert.Equal(PublicPagesCache.MaximumBodyBytes, options.MaximumBodySize);
        Assert.True(options.SizeLimit < new OutputCacheOptions().SizeLimit, "The limit should be below the 100 MB default");
        Assert.True(options.MaximumBodySize < options.SizeLimit);
    }
}
