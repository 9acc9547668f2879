using System.Net;
using System.Net.Http.Headers;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.Web.Features.PublicLog;
using Microsoft.EntityFrameworkCore;
using static Engagement.IntegrationTests.PublicLog.PublicLogTestSupport;

namespace Engagement.IntegrationTests.PublicLog;

/// <summary>
/// The whole log's CSV is written to a file once per change and sent from disk (decision 0032). With the output cache
/// off, every request reaches the endpoint: the file must be byte for byte what the streamed download gives, follow
/// each change at once, be written once however many ask at the same moment, and support resuming and 304s.
/// </summary>
public sealed class OpenDataFileTests(OpenDataFileTests.NoOutputCacheFactory factory) : IClassFixture<OpenDataFileTests.NoOutputCacheFactory>
{
    public sealed class NoOutputCacheFactory : EngagementFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["OutputCache:Enabled"] = "false" };
    }

    private const string Whole = "/you-said-we-did.csv";

    /// <summary>A filter that leaves nothing out, so the same rows are streamed from the database, not sent from the file.</summary>
    private const string Streamed = "/you-said-we-did.csv?from=1900-01-01";

    private int Writes => factory.GetService<OpenDataFiles>().Writes;

    [Fact]
    public async Task The_whole_log_file_is_the_streamed_download_written_once_per_change()
    {
        var m = Marker();
        var entry = await AddEntryAsync(factory, $"File {m}", "x", DateTime.UtcNow.AddYears(7), priorities: [2]);
        var client = factory.CreateBrowserClient();

        var first = await client.GetAsync(Whole);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("text/csv", first.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment; filename=\"you-said-we-did.csv\"", first.Content.Headers.ContentDisposition!.ToString());
        var body = await first.Content.ReadAsByteArrayAsync();
        Assert.Equal(await client.GetByteArrayAsync(Streamed), body);
        Assert.Contains($"File {m}", System.Text.Encoding.UTF8.GetString(body));
        var writes = Writes;

        // Nothing changed: the same file, not written again, with an entity tag a client can send back.
        var again = await client.GetAsync(Whole);
        Assert.Equal(body, await again.Content.ReadAsByteArrayAsync());
        Assert.Equal(writes, Writes);
        var tag = again.Headers.ETag;
        Assert.NotNull(tag);
        Assert.Equal(tag, first.Headers.ETag);
        using (var conditional = new HttpRequestMessage(HttpMethod.Get, Whole))
        {
            conditional.Headers.IfNoneMatch.Add(tag!);
            Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(conditional)).StatusCode);
        }

        using (var resume = new HttpRequestMessage(HttpMethod.Get, Whole))
        {
            resume.Headers.Range = new RangeHeaderValue(100, null);
            var rest = await client.SendAsync(resume);
            Assert.Equal(HttpStatusCode.PartialContent, rest.StatusCode);
            Assert.Equal(body[100..], await rest.Content.ReadAsByteArrayAsync());
        }

        // A change is in the next download, and the file it replaces is gone.
        using (var db = factory.CreateDbContext())
        {
            var tracked = await db.ResponseEntries.SingleAsync(e => e.Id == entry.Id);
            tracked.Title = $"Renamed {m}";
            await db.SaveChangesAsync();
        }

        var changed = await client.GetAsync(Whole);
        var changedBytes = await changed.Content.ReadAsByteArrayAsync();
        var changedBody = System.Text.Encoding.UTF8.GetString(changedBytes);
        Assert.Contains($"Renamed {m}", changedBody);
        Assert.DoesNotContain($"File {m}", changedBody);
        Assert.NotEqual(tag, changed.Headers.ETag);
        Assert.Equal(writes + 1, Writes);
        Assert.Equal(await client.GetByteArrayAsync(Streamed), changedBytes);
        Assert.Single(Directory.GetFiles(Path.Combine(factory.DataDirectory, "open-data")));

        using (var db = factory.CreateDbContext())
        {
            Assert.True((await db.ResponseEntries.SingleAsync(e => e.Id == entry.Id)).Unpublish(DateTime.UtcNow).Succeeded);
            await db.SaveChangesAsync();
        }

        Assert.DoesNotContain(entry.Reference, await client.GetStringAsync(Whole));
    }

    [Fact]
    public async Task Many_downloads_at_the_same_moment_after_a_change_write_the_file_once()
    {
        var m = Marker();
        await AddEntryAsync(factory, $"Rush {m}", "x", DateTime.UtcNow.AddYears(8), priorities: [5]);
        var writes = Writes;

        var bodies = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => factory.CreateBrowserClient().GetByteArrayAsync(Whole)));

        Assert.Equal(writes + 1, Writes);
        Assert.All(bodies, b => Assert.Equal(bodies[0], b));
        Assert.Contains($"Rush {m}", System.Text.Encoding.UTF8.GetString(bodies[0]));
    }
}
