using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Email;
using Engagement.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.IntegrationTests.Email;

/// <summary>Mail at alert scale: one connection per run, the next batch at once, and the guarantees kept.</summary>
public sealed class OutboxBatchingTests : IAsyncLifetime
{
    private readonly int _port = SmtpServerProcess.FreePort();
    private readonly string _mailFolder = Path.Combine(Path.GetTempPath(), "engagement-tests", "smtp-" + Guid.NewGuid().ToString("N"));
    private readonly TestClock _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private EmailFactory _factory = null!;

    public Task InitializeAsync()
    {
        _factory = new EmailFactory(_port, _clock);
        _ = _factory.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        if (Directory.Exists(_mailFolder))
        {
            Directory.Delete(_mailFolder, recursive: true);
        }
    }

    private async Task<List<long>> QueueAsync(int count)
    {
        using var scope = _factory.Services.CreateScope();
        var outbox = scope.ServiceProvider.GetRequiredService<EmailOutbox>();
        var rows = Enumerable.Range(0, count)
            .Select(i => outbox.Queue(new EmailMessage($"person{i}@example.org", null, $"Alert {i}", "Something changed.", null, "test-batch", i.ToString(System.Globalization.CultureInfo.InvariantCulture))))
            .ToList();
        await scope.ServiceProvider.GetRequiredService<EngagementDbContext>().SaveChangesAsync();
        return rows.Select(r => r.Id).ToList();
    }

    [Fact]
    public async Task One_run_sends_every_due_batch_on_one_connection_with_stable_message_ids()
    {
        await using var server = await SmtpServerProcess.StartAsync(_port, _mailFolder);
        var ids = await QueueAsync(OutboxDispatcher.BatchSize * 2 + 50);

        Assert.Equal(ids.Count, await _factory.DispatchAsync());

        var received = server.Messages();
        Assert.Equal(ids.Select(id => $"outbox-{id}@engagement.council.example").Order(), received.Select(r => r.Message.MessageId).Order());
        Assert.Single(received.Select(r => r.Peer).Distinct());
        Assert.Equal(0, await _factory.DispatchAsync());
    }

    [Fact]
    public async Task Two_dispatchers_taking_batch_after_batch_at_once_send_each_message_exactly_once()
    {
        await using var server = await SmtpServerProcess.StartAsync(_port, _mailFolder);
        var ids = await QueueAsync(OutboxDispatcher.BatchSize * 3 + 7);
        await using var second = new EmailFactory(_port, _clock, _factory.DataDirectory);

        var results = await Task.WhenAll(Task.Run(() => _factory.DispatchAsync()), Task.Run(() => second.DispatchAsync()));

        Assert.Equal(ids.Count, results.Sum());
        var received = server.Messages();
        Assert.Equal(ids.Select(id => $"outbox-{id}@engagement.council.example").Order(), received.Select(r => r.Message.MessageId).Order());
    }

    [Fact]
    public async Task A_temporary_failure_ends_the_run_after_its_batch_so_the_back_off_applies()
    {
        await using var server = await SmtpServerProcess.StartAsync(_port, _mailFolder, temporaryFailures: 1);
        var ids = await QueueAsync(OutboxDispatcher.BatchSize + 50);

        // The first message is answered 451: the rest of that batch goes, on a new connection, and the run stops there.
        Assert.Equal(OutboxDispatcher.BatchSize - 1, await _factory.DispatchAsync());
        await using (var db = _factory.CreateDbContext())
        {
            var first = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == ids[0]);
            Assert.Null(first.SentAt);
            Assert.True(first.NextAttemptAt > _clock.GetUtcNow().UtcDateTime);
        }

        // The next run sends what is left but not the one still backing off; after its delay, that one too, once.
        Assert.Equal(50, await _factory.DispatchAsync());
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await _factory.DispatchAsync());
        Assert.Equal(ids.Count, server.Messages().Select(r => r.Message.MessageId).Distinct().Count());
    }
}
