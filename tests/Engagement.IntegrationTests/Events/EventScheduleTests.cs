using Engagement.Domain.Events;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.Web.Features;
using Engagement.Web.Features.Events;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Engagement.IntegrationTests.Events.EventsTestSupport;

namespace Engagement.IntegrationTests.Events;

public sealed class EventScheduleTests(EngagementFactory factory) : IClassFixture<EngagementFactory>
{
    private sealed class WithHangfireServer : EngagementFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Jobs:RunServer"] = "true" };
    }

    [Fact]
    public async Task The_reminder_job_is_registered_every_five_minutes()
    {
        await using var app = new WithHangfireServer();
        using var connection = app.GetService<JobStorage>().GetConnection();

        var job = connection.GetRecurringJobs().Single(j => j.Id == RecurringJobSchedule.EventReminders);

        Assert.Equal("*/5 * * * *", job.Cron);
        Assert.Null(job.Error);
    }

    [Fact]
    public async Task Raising_the_capacity_gives_the_new_places_to_the_waiting_list_in_order()
    {
        var eventId = await AddEventAsync(factory, capacity: 1, title: "Growing workshop");
        foreach (var who in new[] { "g1", "g2", "g3", "g4" })
        {
            await RegisterAsync(factory, Command(eventId, who + "@example.org"));
        }

        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Engagement.Infrastructure.Data.EngagementDbContext>();
            var ev = await db.Events.AsNoTracking().SingleAsync(e => e.Id == eventId);
            var details = new EventDetails(ev.Kind, ev.Title, ev.Description, ev.StartsAt, ev.EndsAt, ev.Mode, ev.Venue, ev.AccessibilityInformation,
                ev.JoiningLink, 3, ev.RegistrationOpensAt, ev.RegistrationClosesAt, ev.Audience, []);
            var handler = scope.ServiceProvider.GetRequiredService<SaveEventHandler>();

            Assert.True((await handler.UpdateAsync(eventId, ev.Version, details, null)).Succeeded);
            Assert.Equal(SaveEventHandler.ConflictMessage, (await handler.UpdateAsync(eventId, ev.Version, details, null)).Error);
        }

        var registrations = await RegistrationsAsync(factory, eventId);
        Assert.Equal(
            [RegistrationStatus.Confirmed, RegistrationStatus.Confirmed, RegistrationStatus.Confirmed, RegistrationStatus.Waitlisted],
            registrations.Select(r => r.Status));
        await using var check = factory.CreateDbContext();
        Assert.Equal(3, (await check.Events.SingleAsync(e => e.Id == eventId)).ConfirmedCount);
        Assert.Equal(2, await check.OutboxMessages.CountAsync(m => m.Kind == EventEmails.PromotionKind && m.Subject.Contains("Growing workshop")));
    }

    [Fact]
    public async Task Capacity_cannot_be_lowered_below_the_confirmed_places()
    {
        var eventId = await AddEventAsync(factory, capacity: 5);
        await RegisterAsync(factory, Command(eventId, "keep1@example.org"));
        await RegisterAsync(factory, Command(eventId, "keep2@example.org"));

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Engagement.Infrastructure.Data.EngagementDbContext>();
        var ev = await db.Events.AsNoTracking().SingleAsync(e => e.Id == eventId);
        var details = new EventDetails(ev.Kind, "Renamed", ev.Description, ev.StartsAt, ev.EndsAt, ev.Mode, ev.Venue, null,
            ev.JoiningLink, 1, ev.RegistrationOpensAt, ev.RegistrationClosesAt, ev.Audience, []);

        var result = await scope.ServiceProvider.GetRequiredService<SaveEventHandler>().UpdateAsync(eventId, ev.Version, details, null);

        Assert.False(result.Succeeded);
        Assert.Equal("Capacity", result.Field);
        await using var check = factory.CreateDbContext();
        var saved = await check.Events.SingleAsync(e => e.Id == eventId);
        Assert.Equal(5, saved.Capacity);
        Assert.NotEqual("Renamed", saved.Title);
    }

    [Fact]
    public async Task Moving_an_event_earlier_or_cancelling_it_grows_the_calendar_sequence()
    {
        var eventId = await AddEventAsync(factory, capacity: 5, title: "Calendar sequence workshop");
        var client = factory.CreateBrowserClient();

        async Task<int> SequenceAsync()
        {
            var calendar = Ical.Net.Calendar.Load(await client.GetStringAsync($"/events/{eventId}.ics"))!;
            return Assert.Single(calendar.Events).Sequence;
        }

        var first = await SequenceAsync();
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Engagement.Infrastructure.Data.EngagementDbContext>();
            var ev = await db.Events.AsNoTracking().SingleAsync(e => e.Id == eventId);
            var earlier = new EventDetails(ev.Kind, ev.Title, ev.Description, ev.StartsAt.AddDays(-1), ev.EndsAt.AddDays(-1), ev.Mode, ev.Venue, ev.AccessibilityInformation,
                ev.JoiningLink, ev.Capacity, ev.RegistrationOpensAt, ev.RegistrationClosesAt.AddDays(-1), ev.Audience, []);
            Assert.True((await scope.ServiceProvider.GetRequiredService<SaveEventHandler>().UpdateAsync(eventId, ev.Version, earlier, null)).Succeeded);
        }

        var moved = await SequenceAsync();
        Assert.True(moved > first, $"moving earlier went from {first} to {moved}");

        using (var scope = factory.Services.CreateScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<ManageEventHandler>().CancelEventAsync(eventId, null)).Succeeded);
        }

        Assert.True(await SequenceAsync() > moved);
    }
}
