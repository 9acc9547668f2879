using Engagement.IntegrationTests.Infrastructure;
using static Engagement.IntegrationTests.PublicLog.PublicLogTestSupport;

namespace Engagement.IntegrationTests.PublicLog;

/// <summary>
/// The open-data downloads through a real Kestrel server with the output cache on, as in production, and a log whose
/// CSV is over the output cache's 1 MB limit. Many downloads of the same address at the same moment (the output cache
/// lets one through and the others wait for its result) must each get the whole body.
/// </summary>
public sealed class OpenDataOverKestrelTests(OpenDataOverKestrelTests.KestrelFactory factory) : IClassFixture<OpenDataOverKestrelTests.KestrelFactory>
{
    public sealed class KestrelFactory : EngagementFactory, IAsyncLifetime
    {
        public KestrelFactory() => UseKestrel(0);

        public async Task InitializeAsync()
        {
            StartServer();
            using var writer = new StringWriter();
            Assert.Equal(0, await Engagement.Web.Features.PublicLog.VolumeGenerator.RunAsync(Services, ["--entries", "5000", "--feedback", "10"], writer));
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
    }

    [Theory]
    [InlineData("/you-said-we-did.csv")]
    [InlineData("/you-said-we-did.csv?priority=8")]
    [InlineData("/you-said-we-did/feed")]
    [InlineData("/you-said-we-did.csv?from=1900-01-01")]
    public async Task Downloads_at_the_same_moment_each_get_the_whole_body(string url)
    {
        var m = Marker();
        await AddEntryAsync(factory, $"Together {m}", "Said at once", DateTime.UtcNow.AddYears(6), priorities: [8]);
        using var client = factory.CreateClient();
        Assert.Equal("http", client.BaseAddress!.Scheme);
        var expected = await client.GetByteArrayAsync(url);
        Assert.Contains($"Together {m}", System.Text.Encoding.UTF8.GetString(expected));
        Assert.True(url != "/you-said-we-did.csv" || expected.Length > Engagement.Web.Features.Publishing.PublicPagesCache.MaximumBodyBytes, "the whole log is over the cache's limit");

        for (var round = 0; round < 3; round++)
        {
            await InvalidateAsync(factory);
            var bodies = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => client.GetByteArrayAsync(url)));
            Assert.All(bodies, body => Assert.Equal(expected.Length, body.Length));
            Assert.All(bodies, body => Assert.Equal(expected, body));
        }
    }
}
