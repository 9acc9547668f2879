using System.Diagnostics;
using System.Globalization;
using Engagement.Infrastructure;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Engagement.Web.Features.Email;

/// <summary>
/// `dotnet Engagement.Web.dll mail-benchmark --messages 10000` (run by .ci/mail-benchmark.sh against the SMTP test
/// server): queues that many outbox rows, then runs the real dispatcher until none is due, and prints messages per
/// second. Beside it, in the same run, the transport alone on a sample: one connection per message (how the dispatcher
/// sent before) against one connection for all of them, so the figures are ratios on the same machine and moment.
/// </summary>
public static class MailBenchmark
{
    public const string Command = "mail-benchmark";
    private const string Kind = "benchmark";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        var count = Option(args, "--messages", 10_000);
        var sample = Math.Min(count, Option(args, "--sample", 500));
        using var scope = services.CreateScope();
        var provider = scope.ServiceProvider;
        var db = provider.GetRequiredService<EngagementDbContext>();
        var outbox = provider.GetRequiredService<EmailOutbox>();
        var service = provider.GetRequiredService<IOptions<ServiceOptions>>().Value;
        var transport = provider.GetRequiredService<IEmailTransport>();
        var from = provider.GetRequiredService<IOptions<EmailOptions>>().Value.From;

        // The transport alone, same messages, same server: a new connection each time, then one connection.
        var messages = Enumerable.Range(0, sample).Select(i => OutboxMimeMessage.Build(Row(i), from, service.PublicBaseUrl)).ToList();
        var perMessage = Stopwatch.StartNew();
        foreach (var message in messages)
        {
            await transport.SendAsync(message, CancellationToken.None);
        }

        perMessage.Stop();
        var reused = Stopwatch.StartNew();
        await using (var session = transport.OpenSession())
        {
            foreach (var message in messages)
            {
                await session.SendAsync(message, CancellationToken.None);
            }
        }

        reused.Stop();

        for (var queued = 0; queued < count; queued += 1000)
        {
            for (var i = queued; i < Math.Min(count, queued + 1000); i++)
            {
                outbox.Queue(new EmailMessage($"subscriber{i}@example.org", null, $"Changes you follow ({i})",
                    "An entry you follow has changed.\nSee it at the link below.", "<p>An entry you follow has changed.</p>", Kind, i.ToString(CultureInfo.InvariantCulture)));
            }

            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }

        var dispatcher = provider.GetRequiredService<OutboxDispatcher>();
        var runs = 0;
        var sent = 0;
        var clock = Stopwatch.StartNew();
        while (await db.OutboxMessages.AnyAsync(m => m.Kind == Kind && m.SentAt == null && m.FailedAt == null))
        {
            sent += await dispatcher.RunAsync(CancellationToken.None);
            runs++;
        }

        clock.Stop();
        var failed = await db.OutboxMessages.CountAsync(m => m.Kind == Kind && m.FailedAt != null);
        output.WriteLine($"Transport alone, {sample} messages: one connection per message {Rate(sample, perMessage.Elapsed)}/s, one connection for all {Rate(sample, reused.Elapsed)}/s (ratio {perMessage.Elapsed / reused.Elapsed:0.0}x)");
        output.WriteLine($"Dispatcher (claim, send, record; SQLite outbox): {sent} messages in {clock.Elapsed.TotalSeconds:0.0} s over {runs} run(s): {Rate(sent, clock.Elapsed)} messages per second; failed {failed}");
        return failed == 0 && sent == count ? 0 : 1;
    }

    private static Engagement.Domain.Email.OutboxMessage Row(int i) => new()
    {
        Id = -1 - i,
        ToAddress = $"sample{i}@example.org",
        Subject = "Benchmark sample",
        TextBody = "An entry you follow has changed.",
        Kind = Kind,
        CreatedAt = DateTime.UtcNow,
        NextAttemptAt = DateTime.UtcNow,
    };

    private static string Rate(int count, TimeSpan elapsed) => (count / Math.Max(elapsed.TotalSeconds, 0.001)).ToString("0", CultureInfo.InvariantCulture);

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : fallback;
    }
}
