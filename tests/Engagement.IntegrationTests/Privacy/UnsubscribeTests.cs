using System.Net;
using Engagement.Domain.Events;
using Engagement.Infrastructure.Events;
using Engagement.IntegrationTests.Email;
using Engagement.IntegrationTests.Events;
using Engagement.IntegrationTests.Feedback;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.Web.Features.Events;
using Engagement.Web.Features.Responses;
using Engagement.Web.Features.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.IntegrationTests.Privacy;

/// <summary>One-click unsubscribe (RFC 8058) from emails caught by a real SMTP server process.</summary>
public sealed class UnsubscribeTests() : SmtpAppTests(new TestClock(DateTimeOffset.UtcNow))
{
    [Fact]
    public async Task The_link_and_the_one_click_post_from_caught_emails_stop_progress_emails_and_no_more_are_sent()
    {
        await using var server = await SmtpServerProcess.StartAsync(Port, MailFolder);
        var first = await FeedbackJourney.SubmitAsync(Factory, FeedbackJourney.Command("First person's feedback", "first@example.org", consent: true));
        var second = await FeedbackJourney.SubmitAsync(Factory, FeedbackJourney.Command("Second person's feedback", "second@example.org", consent: true));
        await Factory.DispatchAsync();

        // The acknowledgement carries the headers and a visible link to the same address.
        var acknowledgement = server.Messages().Single(m => m.EnvelopeRecipients.Contains("first@example.org")).Message;
        var url = OneClickUrl(acknowledgement);
        Assert.Contains(url, acknowledgement.TextBody);
        Assert.Contains(WebUtility.HtmlEncode(url), acknowledgement.HtmlBody);
        var path = new Uri(url).PathAndQuery;

        // The visible link: a confirmation page whose button posts the one-click body.
        var client = Factory.CreateBrowserClient();
        var (getResponse, page) = await Html.GetAsync(client, path);
        Assert.Equal(HttpStatusCode.OK, getResponse.StatusCode);
        Assert.StartsWith("Stop progress emails", page.Title);
        Assert.True(await ConsentAsync(first.Reference));
        var confirmed = await Html.SubmitAsync(client, page, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("You have unsubscribed", await confirmed.Content.ReadAsStringAsync());
        Assert.False(await ConsentAsync(first.Reference));
        Assert.True(await ConsentAsync(second.Reference));

        // Link both to one entry and publish: only the second person is emailed, and that email can be stopped by a
        // mail client's one-click POST (no cookies, no antiforgery token).
        var entryId = await LinkBothAsync(first.Reference, second.Reference);
        Assert.Equal(1, await QueueProgressAsync(entryId));
        await Factory.DispatchAsync();
        var progress = server.Messages().Where(m => (m.Message.Subject ?? "").StartsWith("An update on your feedback", StringComparison.Ordinal)).ToList();
        Assert.Equal(["second@example.org"], progress.SelectMany(m => m.EnvelopeRecipients));

        using var mailClient = Factory.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        var oneClickPath = new Uri(OneClickUrl(progress[0].Message)).PathAndQuery;
        var wrongBody = await mailClient.PostAsync(oneClickPath, new FormUrlEncodedContent([new("List-Unsubscribe", "Other")]));
        Assert.Equal(HttpStatusCode.BadRequest, wrongBody.StatusCode);
        var forged = await mailClient.PostAsync(oneClickPath[..^4] + "AAAA", OneClickBody());
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.True(await ConsentAsync(second.Reference));

        var oneClick = await mailClient.PostAsync(oneClickPath, OneClickBody());
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        Assert.False(await ConsentAsync(second.Reference));
        Assert.Equal(HttpStatusCode.OK, (await mailClient.PostAsync(oneClickPath, OneClickBody())).StatusCode);

        // Nobody is emailed about the next change.
        var before = server.Messages().Count;
        Assert.Equal(0, await QueueProgressAsync(entryId));
        await Factory.DispatchAsync();
        Assert.Equal(before, server.Messages().Count);
        await using var db = Factory.CreateDbContext();
        Assert.Equal(2, await db.AuditRecords.CountAsync(a => a.Action == Web.Features.Privacy.WithdrawalAudit.ProgressEmailsStopped));
    }

    [Fact]
    public async Task A_reminder_carries_one_click_unsubscribe_and_after_it_no_further_reminder_is_sent()
    {
        await using var server = await SmtpServerProcess.StartAsync(Port, MailFolder);
        var eventId = await EventsTestSupport.AddEventAsync(Factory, startsIn: TimeSpan.FromHours(47));
        Assert.True((await EventsTestSupport.RegisterAsync(Factory, EventsTestSupport.Command(eventId, "attendee@example.org"))).Succeeded);
        Assert.True((await EventsTestSupport.RegisterAsync(Factory, EventsTestSupport.Command(eventId, "other@example.org"))).Succeeded);
        await RunRemindersAsync();
        await Factory.DispatchAsync();
        var reminder = server.Messages().Single(m => (m.Message.Subject ?? "").StartsWith("Reminder:", StringComparison.Ordinal) && m.EnvelopeRecipients.Contains("attendee@example.org"));

        using var mailClient = Factory.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        var response = await mailClient.PostAsync(new Uri(OneClickUrl(reminder.Message)).PathAndQuery, OneClickBody());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        Clock.Advance(TimeSpan.FromHours(46));
        await RunRemindersAsync();
        await Factory.DispatchAsync();
        var reminders = server.Messages().Where(m => (m.Message.Subject ?? "").StartsWith("Reminder:", StringComparison.Ordinal)).SelectMany(m => m.EnvelopeRecipients).ToList();
        Assert.Equal(1, reminders.Count(r => r == "attendee@example.org"));
        Assert.Equal(2, reminders.Count(r => r == "other@example.org"));
        await using var db = Factory.CreateDbContext();
        var registration = await db.Registrations.SingleAsync(r => r.NormalisedEmail == "attendee@example.org");
        Assert.Equal(RegistrationStatus.Confirmed, registration.Status);
        Assert.True(registration.RemindersStopped);
    }

    private static string OneClickUrl(MimeKit.MimeMessage message)
    {
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        var header = message.Headers["List-Unsubscribe"];
        Assert.Matches("^<https://engagement.council.example/unsubscribe/[^>]+>$", header);
        return header!.Trim('<', '>');
    }

    private static FormUrlEncodedContent OneClickBody() => new([new("List-Unsubscribe", "One-Click")]);

    private async Task<bool> ConsentAsync(string reference)
    {
        await using var db = Factory.CreateDbContext();
        return await db.FeedbackItems.Where(f => f.Reference == reference).Select(f => f.ConsentToProgressUpdates).SingleAsync();
    }

    private async Task<int> LinkBothAsync(string firstReference, string secondReference)
    {
        string staff;
        int firstId, secondId;
        await using (var db = Factory.CreateDbContext())
        {
            staff = await db.Users.Where(u => u.Email == TestAccounts.Commissioner).Select(u => u.Id).SingleAsync();
            firstId = await db.FeedbackItems.Where(f => f.Reference == firstReference).Select(f => f.Id).SingleAsync();
            secondId = await db.FeedbackItems.Where(f => f.Reference == secondReference).Select(f => f.Id).SingleAsync();
        }

        using var scope = Factory.Services.CreateScope();
        var link = scope.ServiceProvider.GetRequiredService<LinkFeedbackToEntryHandler>();
        var entryId = (await link.HandleAsync(new LinkFeedbackToEntry(firstId, null, true, staff))).Value;
        await using var check = Factory.CreateDbContext();
        var reference = await check.ResponseEntries.Where(e => e.Id == entryId).Select(e => e.Reference).SingleAsync();
        Assert.True((await link.HandleAsync(new LinkFeedbackToEntry(secondId, reference, false, staff))).Succeeded);
        return entryId;
    }

    private async Task<int> QueueProgressAsync(int entryId)
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Engagement.Infrastructure.Data.EngagementDbContext>();
        var entry = await db.ResponseEntries.Include(e => e.History).SingleAsync(e => e.Id == entryId);
        var queued = await scope.ServiceProvider.GetRequiredService<ProgressEmails>().QueueAsync(entry, published: true, CancellationToken.None);
        await db.SaveChangesAsync();
        return queued;
    }

    private async Task RunRemindersAsync()
    {
        using var scope = Factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<EventReminderJob>().RunAsync(CancellationToken.None);
    }
}
