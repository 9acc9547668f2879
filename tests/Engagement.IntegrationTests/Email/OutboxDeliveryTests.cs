using Engagement.Infrastructure.Email;
using Engagement.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Engagement.IntegrationTests.Email;

/// <summary>The outbox dispatcher against a real SMTP server process on loopback, with time driven by a fake clock.</summary>
public sealed class OutboxDeliveryTests() : SmtpAppTests(new TestClock(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero)))
{
    private static EmailMessage Message(string toName = "Jane Resident", string subject = "We received your feedback") =>
        new("jane.resident@example.org", toName, subject, "Thank you for your feedback.\nReference YS-2026-000001.",
            "<p>Thank you for your feedback.</p>", "feedback-acknowledgement", "42");

    private async Task<Domain.Email.OutboxMessage> RowAsync(long id)
    {
        await using var db = Factory.CreateDbContext();
        return await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    [Fact]
    public async Task A_queued_message_is_delivered_with_its_headers_body_and_a_stable_message_id()
    {
        await using var server = await SmtpServerProcess.StartAsync(Port, MailFolder);
        var id = await Factory.QueueAsync(Message() with
        {
            Attachment = new EmailAttachment("event.ics", "text/calendar", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"),
        });

        Assert.Equal(1, await Factory.DispatchAsync());

        var received = Assert.Single(server.Messages());
        Assert.Equal("no-reply@council.example", Assert.Single(received.Message.From.Mailboxes).Address);
        var to = Assert.Single(received.Message.To.Mailboxes);
        Assert.Equal("jane.resident@example.org", to.Address);
        Assert.Equal("Jane Resident", to.Name);
        Assert.Equal("We received your feedback", received.Message.Subject);
        Assert.Equal($"outbox-{id}@engagement.council.example", received.Message.MessageId);
        Assert.Contains("Reference YS-2026-000001", received.Message.TextBody);
        Assert.Contains("<p>Thank you for your feedback.</p>", received.Message.HtmlBody);
        var attachment = Assert.Single(received.Message.Attachments.OfType<MimeKit.MimePart>());
        Assert.Equal("event.ics", attachment.FileName);
        Assert.Equal("text/calendar", attachment.ContentType.MimeType);

        var row = await RowAsync(id);
        Assert.Equal(Clock.GetUtcNow().UtcDateTime, row.SentAt);
        Assert.Equal(1, row.Attempts);
        Assert.Null(row.LockedBy);
        Assert.Null(row.LockedUntil);

        Assert.Equal(0, await Factory.DispatchAsync());
        Assert.Single(server.Messages());
    }

    [Fact]
    public async Task With_the_server_down_the_message_waits_and_is_delivered_once_when_it_is_back()
    {
        var id = await Factory.QueueAsync(Message());

        Assert.Equal(0, await Factory.DispatchAsync());

        var waiting = await RowAsync(id);
        Assert.Null(waiting.SentAt);
        Assert.Null(waiting.FailedAt);
        Assert.Equal(1, waiting.Attempts);
        Assert.True(waiting.NextAttemptAt > Clock.GetUtcNow().UtcDateTime);
        Assert.True(waiting.NextAttemptAt <= Clock.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(2));
        Assert.NotNull(waiting.LastError);
        Assert.DoesNotContain("jane.resident@example.org", waiting.LastError);

        await using var server = await SmtpServerProcess.StartAsync(Port, MailFolder);
        Assert.Equal(0, await Factory.DispatchAsync());
        Assert.Empty(server.Messages());

        Clock.Advance(waiting.NextAttemptAt - Clock.GetUtcNow().UtcDateTime);
        Assert.Equal(1, await Factory.DispatchAsync());
        Assert.Equal(0, await Factory.DispatchAsync());

        var received = Assert.Single(server.Messages());
        Assert.Equal($"outbox-{id}@engagement.council.example", received.Message.MessageId);
        var sent = await RowAsync(id);
        Assert.NotNull(sent.SentAt);
        Assert.Equal(2, sent.Attempts);
    }

    [Fact]
    public async Task A_server_answering_451_twice_then_accepting_gets_the_message_exactly_once()
    {
        await using var server = await SmtpServerProcess.StartAsync(Port, MailFolder, temporaryFailures: 2);
        var id = await Factory.QueueAsync(Message());

        for (var attempt = 1; attempt <= 2; attempt++)
        {
            Assert.Equal(0, await Factory.DispatchAsync());
            var row = await RowAsync(id);
            Assert.Equal(attempt, row.Attempts);
            Assert.Null(row.FailedAt);
            Assert.Contains("451", row.LastError);
            Clock.Advance(TimeSpan.FromMinutes(2));
        }

        Assert.Equal(1, await Factory.DispatchAsync());
        Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, await Factory.DispatchAsync());

        Assert.Single(server.Messages());
        var sent = await RowAsync(id);
        Assert.NotNull(sent.SentAt);
        Assert.Equal(3, sent.Attempts);
    }

    [Fact]
    public async Task A_550_marks_the_message_failed_after_one_attempt()
    {
        await using var server = await SmtpServerProcess.StartAsync(Port, MailFolder, rejectAll: true);
        var id = await Factory.QueueAsync(Message());

        Assert.Equal(0, await Factory.DispatchAsync());
        Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, await Factory.DispatchAsync());

        var row = await RowAsync(id);
        Assert.NotNull(row.FailedAt);
        Assert.Null(row.SentAt);
        Assert.Equal(1, row.Attempts);
        Assert.Contains("550", row.LastError);
        Assert.Empty(server.Messages());
    }

    [Fact]
    public async Task A_recipient_name_with_CR_LF_cannot_add_a_header_or_a_recipient()
    {
        await using var server = await SmtpServerProcess.StartAsync(Port, MailFolder);
        await Factory.QueueAsync(Message(toName: "Eve\r\nBcc: attacker@example.org", subject: "Hello\r\nBcc: attacker@example.org"));

        Assert.Equal(1, await Factory.DispatchAsync());

        var received = Assert.Single(server.Messages());
        Assert.Equal(["jane.resident@example.org"], received.EnvelopeRecipients);
        Assert.Single(received.Message.To.Mailboxes);
        Assert.Empty(received.Message.Bcc);
        Assert.Empty(received.Message.Cc);
        Assert.DoesNotContain(received.Message.Headers, h => h.Field.Equals("Bcc", StringComparison.OrdinalIgnoreCase));
        var headerLines = received.Raw[..received.Raw.IndexOf("\r\n\r\n", StringComparison.Ordinal)].Split("\r\n");
        Assert.DoesNotContain(headerLines, line => line.StartsWith("Bcc", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Two_dispatchers_running_at_once_send_each_message_exactly_once()
    {
        await using var server = await SmtpServerProcess.StartAsync(Port, MailFolder);
        var ids = new List<long>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add(await Factory.QueueAsync(Message(subject: $"Message {i}")));
        }

        await using var second = new EmailFactory(Port, Clock, Factory.DataDirectory);
        var results = await Task.WhenAll(
            Task.Run(() => Factory.DispatchAsync()),
            Task.Run(() => second.DispatchAsync()),
            Task.Run(() => Factory.DispatchAsync()));

        Assert.Equal(ids.Count, results.Sum());
        var received = server.Messages();
        Assert.Equal(ids.Count, received.Count);
        Assert.Equal(
            ids.Select(id => $"outbox-{id}@engagement.council.example").Order(),
            received.Select(r => r.Message.MessageId).Order());
    }

    [Fact]
    public async Task A_message_committed_by_an_instance_that_stopped_before_sending_is_sent_by_the_next()
    {
        await using var server = await SmtpServerProcess.StartAsync(Port, MailFolder);
        long id;
        await using (var first = new EmailFactory(SmtpServerProcess.FreePort(), Clock, Factory.DataDirectory))
        {
            id = await first.QueueAsync(Message());
        }

        await using var restarted = new EmailFactory(Port, Clock, Factory.DataDirectory);
        Assert.Equal(1, await restarted.DispatchAsync());

        var received = Assert.Single(server.Messages());
        Assert.Equal($"outbox-{id}@engagement.council.example", received.Message.MessageId);
    }

    [Fact]
    public async Task A_claim_its_dispatcher_could_not_release_lapses_after_seconds_and_the_message_is_sent_once()
    {
        await using var server = await SmtpServerProcess.StartAsync(Port, MailFolder);
        var id = await Factory.QueueAsync(Message());
        var claim = OutboxDispatcher.ClaimDuration(new EmailOptions());
        Assert.Equal(TimeSpan.FromSeconds(45), claim);
        await using (var db = Factory.CreateDbContext())
        {
            // A dispatcher that claimed the row, then died (or its disk filled) before recording anything.
            var until = Clock.GetUtcNow().UtcDateTime + claim;
            await db.OutboxMessages.Where(m => m.Id == id)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.LockedBy, "dead-instance").SetProperty(m => m.LockedUntil, until));
        }

        Clock.Advance(claim - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await Factory.DispatchAsync());
        Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await Factory.DispatchAsync());
        Assert.Equal(0, await Factory.DispatchAsync());

        var received = Assert.Single(server.Messages());
        Assert.Equal($"outbox-{id}@engagement.council.example", received.Message.MessageId);
    }
}
