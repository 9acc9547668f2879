using Engagement.Domain.Events;
using Engagement.Infrastructure.Events;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.Web.Features.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Engagement.IntegrationTests.Events.EventsTestSupport;

namespace Engagement.IntegrationTests.Events;

public sealed class EventReminderJobTests(EngagementFactory factory) : IClassFixture<EngagementFactory>
{
    private async Task<int> RunJobAsync()
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<EventReminderJob>().RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Reminders_are_queued_once_per_registration_and_hour_and_skip_cancelled_events()
    {
        var soon = await AddEventAsync(factory, capacity: 2, title: "Reminder soon", startsIn: TimeSpan.FromHours(40));
        var cancelled = await AddEventAsync(factory, capacity: 2, title: "Reminder cancelled", startsIn: TimeSpan.FromHours(40));
        var later = await AddEventAsync(factory, capacity: 2, title: "Reminder later", startsIn: TimeSpan.FromDays(10));
        foreach (var id in new[] { soon, cancelled, later })
        {
            await RegisterAsync(factory, Command(id, $"a{id}@example.org"));
            await RegisterAsync(factory, Command(id, $"b{id}@example.org"));
            await RegisterAsync(factory, Command(id, $"c{id}@example.org")); // waiting list: no reminder
        }

        using (var scope = factory.Services.CreateScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<ManageEventHandler>().CancelEventAsync(cancelled, null)).Succeeded);
        }

        await RunJobAsync();
        await RunJobAsync();

        await using var db = factory.CreateDbContext();
        var soonIds = (await RegistrationsAsync(factory, soon)).Where(r => r.Status == RegistrationStatus.Confirmed).Select(r => r.Id).ToList();
        var sent = await db.RemindersSent.AsNoTracking().ToListAsync();
        Assert.Equal(2, sent.Count(s => soonIds.Contains(s.RegistrationId)));
        Assert.All(sent.Where(s => soonIds.Contains(s.RegistrationId)), s => Assert.Equal(48, s.HoursBefore));
        var reminders = await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == EventEmails.ReminderKind).ToListAsync();
        Assert.Equal(2, reminders.Count(m => m.Subject.Contains("Reminder soon")));
        Assert.DoesNotContain(reminders, m => m.Subject.Contains("Reminder cancelled"));
        Assert.DoesNotContain(reminders, m => m.Subject.Contains("Reminder later"));
    }

    [Fact]
    public async Task A_rescheduled_event_gets_fresh_reminders_at_its_new_time()
    {
        var id = await AddEventAsync(factory, capacity: 5, title: "Moving workshop", startsIn: TimeSpan.FromHours(30));
        await RegisterAsync(factory, Command(id, "mover@example.org"));
        await RunJobAsync();

        await using (var db = factory.CreateDbContext())
        {
            var ev = await db.Events.SingleAsync(e => e.Id == id);
            ev.StartsAt = DateTime.UtcNow.AddHours(1);
            ev.EndsAt = ev.StartsAt.AddHours(1);
            await db.SaveChangesAsync();
        }

        await RunJobAsync();
        await RunJobAsync();

        await using var check = factory.CreateDbContext();
        var registrationId = (await RegistrationsAsync(factory, id)).Single().Id;
        var sent = await check.RemindersSent.AsNoTracking().Where(s => s.RegistrationId == registrationId).OrderBy(s => s.Id).ToListAsync();
        Assert.Equal([48, 2], sent.Select(s => s.HoursBefore));
        Assert.Equal(2, await check.OutboxMessages.CountAsync(m => m.Kind == EventEmails.ReminderKind && m.Subject.Contains("Moving workshop")));
    }
}
