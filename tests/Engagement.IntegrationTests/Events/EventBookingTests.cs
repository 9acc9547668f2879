using System.Diagnostics;
using Engagement.Domain.Events;
using Engagement.Infrastructure.Events;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.Web.Features.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static Engagement.IntegrationTests.Events.EventsTestSupport;

namespace Engagement.IntegrationTests.Events;

public sealed class EventBookingTests(EngagementFactory factory, ITestOutputHelper output) : IClassFixture<EngagementFactory>
{
    [Fact]
    public async Task Two_hundred_concurrent_registrations_for_thirty_places_never_overbook()
    {
        var eventId = await AddEventAsync(factory, capacity: 30, title: "Concurrency workshop");
        var stopwatch = Stopwatch.StartNew();

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() =>
            RegisterAsync(factory, Command(eventId, $"person{i}@example.org")))));

        stopwatch.Stop();
        output.WriteLine($"200 concurrent registrations for 30 places took {stopwatch.ElapsedMilliseconds} ms");
        Assert.All(results, r => Assert.True(r.Succeeded, r.Error));
        Assert.Equal(30, results.Count(r => r.Value!.Status == RegistrationStatus.Confirmed));
        Assert.Equal(170, results.Count(r => r.Value!.Status == RegistrationStatus.Waitlisted));

        var registrations = await RegistrationsAsync(factory, eventId);
        Assert.Equal(30, registrations.Count(r => r.Status == RegistrationStatus.Confirmed));
        Assert.Equal(170, registrations.Count(r => r.Status == RegistrationStatus.Waitlisted));
        await using var db = factory.CreateDbContext();
        Assert.Equal(30, (await db.Events.SingleAsync(e => e.Id == eventId)).ConfirmedCount);
        Assert.Equal(200, await db.OutboxMessages.CountAsync(m => m.Kind == EventEmails.ConfirmationKind && registrations.Select(r => r.Id.ToString()).Contains(m.RelatedId!)));
    }

    [Fact]
    public async Task Cancelling_a_confirmed_place_promotes_the_earliest_waitlisted_and_emails_them()
    {
        var eventId = await AddEventAsync(factory, capacity: 1, title: "Small workshop");
        var firstToken = "first-token-" + Guid.NewGuid().ToString("N");
        Assert.Equal(RegistrationStatus.Confirmed, (await RegisterAsync(factory, Command(eventId, "first@example.org", token: firstToken))).Value!.Status);
        Assert.Equal(RegistrationStatus.Waitlisted, (await RegisterAsync(factory, Command(eventId, "second@example.org"))).Value!.Status);
        Assert.Equal(RegistrationStatus.Waitlisted, (await RegisterAsync(factory, Command(eventId, "third@example.org"))).Value!.Status);

        using (var scope = factory.Services.CreateScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<CancelRegistrationHandler>().HandleAsync(new CancelRegistration(firstToken));
            Assert.True(result!.Succeeded, result.Error);
        }

        var registrations = await RegistrationsAsync(factory, eventId);
        Assert.Equal(RegistrationStatus.Cancelled, registrations[0].Status);
        Assert.Equal(RegistrationStatus.Confirmed, registrations[1].Status);
        Assert.Equal(RegistrationStatus.Waitlisted, registrations[2].Status);
        await using var db = factory.CreateDbContext();
        Assert.Equal(1, (await db.Events.SingleAsync(e => e.Id == eventId)).ConfirmedCount);
        var promotion = await db.OutboxMessages.SingleAsync(m => m.Kind == EventEmails.PromotionKind && m.RelatedId == registrations[1].Id.ToString());
        Assert.Equal("second@example.org", promotion.ToAddress);
        Assert.Contains("Small workshop", promotion.Subject);
        Assert.Contains("https://meet.example.org/secret-room", promotion.TextBody);
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.Kind == EventEmails.PromotionKind && m.RelatedId == registrations[2].Id.ToString()));
    }

    [Fact]
    public async Task Cancelling_with_nobody_waiting_gives_the_place_back()
    {
        var eventId = await AddEventAsync(factory, capacity: 5);
        var token = "t-" + Guid.NewGuid().ToString("N");
        await RegisterAsync(factory, Command(eventId, "alone@example.org", token: token));

        using var scope = factory.Services.CreateScope();
        var handler = scope.ServiceProvider.GetRequiredService<CancelRegistrationHandler>();
        Assert.True((await handler.HandleAsync(new CancelRegistration(token)))!.Succeeded);
        Assert.False((await handler.HandleAsync(new CancelRegistration(token)))!.Succeeded);
        Assert.Null(await handler.HandleAsync(new CancelRegistration("no-such-token")));

        await using var db = factory.CreateDbContext();
        Assert.Equal(0, (await db.Events.SingleAsync(e => e.Id == eventId)).ConfirmedCount);
    }

    [Fact]
    public async Task The_same_email_cannot_book_twice()
    {
        var eventId = await AddEventAsync(factory);
        Assert.True((await RegisterAsync(factory, Command(eventId, "twice@example.org"))).Succeeded);

        var again = await RegisterAsync(factory, Command(eventId, "  TWICE@Example.org "));

        Assert.False(again.Succeeded);
        Assert.Equal(RegisterForEventHandler.AlreadyBooked, again.Error);
        Assert.Single(await RegistrationsAsync(factory, eventId));
        await using var db = factory.CreateDbContext();
        Assert.Equal(1, (await db.Events.SingleAsync(e => e.Id == eventId)).ConfirmedCount);
    }

    [Fact]
    public async Task Confirmation_email_has_the_calendar_and_private_link_and_the_joining_link_only_when_confirmed()
    {
        var eventId = await AddEventAsync(factory, capacity: 1, mode: AttendanceMode.Online);
        await RegisterAsync(factory, Command(eventId, "confirmed@example.org", token: "tok-confirmed-" + eventId));
        await RegisterAsync(factory, Command(eventId, "waiting@example.org", token: "tok-waiting-" + eventId));

        var registrations = await RegistrationsAsync(factory, eventId);
        await using var db = factory.CreateDbContext();
        var confirmed = await db.OutboxMessages.SingleAsync(m => m.Kind == EventEmails.ConfirmationKind && m.RelatedId == registrations[0].Id.ToString());
        var waiting = await db.OutboxMessages.SingleAsync(m => m.Kind == EventEmails.ConfirmationKind && m.RelatedId == registrations[1].Id.ToString());
        Assert.Contains("https://meet.example.org/secret-room", confirmed.TextBody);
        Assert.Contains("/registrations/tok-confirmed-" + eventId, confirmed.TextBody);
        Assert.Equal("text/calendar", confirmed.AttachmentContentType);
        Assert.Contains("BEGIN:VCALENDAR", confirmed.AttachmentContent);
        Assert.DoesNotContain("secret-room", waiting.TextBody);
        Assert.Contains("/registrations/tok-waiting-" + eventId, waiting.TextBody);
    }
}
