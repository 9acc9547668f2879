using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Email;
using Engagement.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.IntegrationTests.Email;

/// <summary>Mail at alert scale: one connection per run, the next batch at once, and the guarantees kept.</summary>
public sealed class OutboxBatchingTests() : SmtpAppTests(new TestClock(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero)))
{
    private async Task<List<long>> QueueAsync(int count)
    {
        using var scope = Factory.Services.CreateScope();
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
        await using var server = await SmtpServerProcess.StartAsync(Port, MailFolder);
        var ids = await QueueAsync(OutboxDispatcher.BatchSize * 2 + 50);

        Assert.Equal(ids.Count, await Factory.DispatchAsync());

        var received = server.Messages();
        Assert.Equal(ids.Select(id => $"outbox-{id}@engagement.council.example").Order(), received.Select(r => r.Message.MessageId).Order());
        Assert.Single(received.Select(r => r.Peer).Distinct());
        Assert.Equal(0, await Factory.DispatchAsync());
    }

    [Fact]
    public async Task Two_dispatchers_taking_batch_after_batch_at_once_send_each_message_exactly_once()
    {
        await using var server = await SmtpServerProcess.StartAsync(Port, MailFolder);
        var ids = await QueueAsync(OutboxDispatcher.BatchSize * 3 + 7);
        await using var second = new EmailFactory(Port, Clock, Factory.DataDirectory);

        var results = await Task.WhenAll(Task.Run(() => Factory.DispatchAsync()), Task.Run(() => second.DispatchAsync()));

        Assert.Equal(ids.Count, results.Sum());
        var received = server.Messages();
        Assert.Equal(ids.Select(id => $"outbox-{id}@engagement.council.example").Order(), received.Select(r => r.Message.MessageId).Order());
    }

    [Fact]
    public async Task A_temporary_failure_ends_the_run_after_its_batch_so_the_back_off_applies()
    {
        await using var server = await SmtpServerProcess.StartAsync(Port, MailFolder, temporaryFailures: 1);
        var ids = await QueueAsync(OutboxDispatcher.BatchSize + 50);

        // The first message is answered 451: the rest of that batch goes, on a new connection, and the run stops there.
        Assert.Equal(OutboxDispatcher.BatchSize - 1, await Factory.DispatchAsync());
        await using (var db = Factory.CreateDbContext())
        {
            var first = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == ids[0]);
            Assert.Null(first.SentAt);
            Assert.True(first.NextAttemptAt > Clock.GetUtcNow().UtcDateTime);
        }

        // The next run sends what is left but not the one still backing off; after its delay, that one too, once.
        Assert.Equal(50, await Factory.DispatchAsync());
        Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await Factory.DispatchAsync());
        Assert.Equal(ids.Count, server.Messages().Select(r => r.Message.MessageId).Distinct().Count());
    }
}
