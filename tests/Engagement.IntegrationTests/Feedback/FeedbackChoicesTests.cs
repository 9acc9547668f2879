using AngleSharp.Html.Dom;
using Engagement.Infrastructure.Data;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.Web.Features.Events;
using Engagement.Web.Features.Feedback;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Engagement.IntegrationTests.Events.EventsTestSupport;

namespace Engagement.IntegrationTests.Feedback;

/// <summary>
/// The feedback form's priorities and events come from a copy held in memory (decision 0029): it must change as soon
/// as staff change them, on this instance and on another one sharing the database, and follow the clock.
/// </summary>
public sealed class FeedbackChoicesTests(FeedbackChoicesTests.ClockFactory factory) : IClassFixture<FeedbackChoicesTests.ClockFactory>
{
    /// <summary>Its own database (the tests retire a priority) and a clock moved by hand.</summary>
    public sealed class ClockFactory : EngagementFactory
    {
        public TestClock Clock { get; } = new();

        protected override TimeProvider TestTime => Clock;

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Feedback:MinimumSecondsToComplete"] = "0" };
    }

    /// <summary>A second app instance on the first one's database file.</summary>
    private sealed class SecondInstance(string directory) : EngagementFactory(directory)
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Feedback:MinimumSecondsToComplete"] = "0" };
    }

    [Fact]
    public async Task A_held_copy_is_served_until_staff_add_rename_or_cancel_an_event_or_retire_a_priority()
    {
        factory.Clock.Reset();
        var client = factory.CreateBrowserClient();
        await ToPrioritiesAsync(client);
        var store = factory.Services.GetRequiredService<FeedbackChoicesStore>();

        // Shown twice with nothing changed: the second is served from the held copy.
        var before = await PrioritiesPageAsync(client);
        var loads = store.Loads;
        Assert.Equal(Options(before), Options(await PrioritiesPageAsync(client)));
        Assert.Equal(loads, store.Loads);

        var title = "Held choices workshop " + Guid.NewGuid().ToString("N")[..8];
        var eventId = await AddEventAsync(factory, title: title, startsIn: TimeSpan.FromDays(2));
        Assert.True(Offers(await PrioritiesPageAsync(client), title));

        await using (var db = factory.CreateDbContext())
        {
            var ev = await db.Events.SingleAsync(e => e.Id == eventId);
            ev.Title = title + " (renamed)";
            await db.SaveChangesAsync();
        }

        Assert.True(Offers(await PrioritiesPageAsync(client), title + " (renamed)"));

        using (var scope = factory.Services.CreateScope())
        {
            var cancelled = await scope.ServiceProvider.GetRequiredService<ManageEventHandler>().CancelEventAsync(eventId, null);
            Assert.True(cancelled.Succeeded, cancelled.Error);
        }

        Assert.False(Offers(await PrioritiesPageAsync(client), title));

        var retired = PriorityNumbers(before).Max();
        await SetLiveAsync(factory, retired, false);
        try
        {
            Assert.DoesNotContain(retired, PriorityNumbers(await PrioritiesPageAsync(client)));
        }
        finally
        {
            await SetLiveAsync(factory, retired, true);
        }

        Assert.Contains(retired, PriorityNumbers(await PrioritiesPageAsync(client)));
    }

    [Fact]
    public async Task A_booking_does_not_reload_the_held_copy_but_a_change_through_another_instance_does()
    {
        factory.Clock.Reset();
        var title = "Second instance workshop " + Guid.NewGuid().ToString("N")[..8];
        var eventId = await AddEventAsync(factory, title: title, startsIn: TimeSpan.FromDays(3));
        var client = factory.CreateBrowserClient();
        await ToPrioritiesAsync(client);
        Assert.True(Offers(await PrioritiesPageAsync(client), title));
        var store = factory.Services.GetRequiredService<FeedbackChoicesStore>();
        var loads = store.Loads;

        // A booking changes the event's row (its confirmed count), not what the form offers.
        var booked = await RegisterAsync(factory, Command(eventId, $"held.{Guid.NewGuid():N}@example.org"));
        Assert.True(booked.Succeeded, booked.Error);
        await PrioritiesPageAsync(client);
        Assert.Equal(loads, store.Loads);

        await using var second = new SecondInstance(factory.DataDirectory);
        using (var scope = second.Services.CreateScope())
        {
            var cancelled = await scope.ServiceProvider.GetRequiredService<ManageEventHandler>().CancelEventAsync(eventId, null);
            Assert.True(cancelled.Succeeded, cancelled.Error);
        }

        Assert.False(Offers(await PrioritiesPageAsync(client), title));
        Assert.True(store.Loads > loads);
    }

    [Fact]
    public async Task Events_come_into_and_go_out_of_the_window_as_time_passes()
    {
        factory.Clock.Reset();
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var soon = "Soon workshop " + Guid.NewGuid().ToString("N")[..8];
        var later = "Later workshop " + Guid.NewGuid().ToString("N")[..8];
        var old = "Old workshop " + Guid.NewGuid().ToString("N")[..8];
        await AddEventAsync(factory, title: soon, startsIn: TimeSpan.FromDays(7) + TimeSpan.FromMinutes(30));
        await AddEventAsync(factory, title: later, startsIn: TimeSpan.FromDays(9));
        var oldId = await AddEventAsync(factory, title: old, startsIn: TimeSpan.FromDays(1));
        await using (var db = factory.CreateDbContext())
        {
            var ev = await db.Events.SingleAsync(e => e.Id == oldId);
            ev.StartsAt = now.AddMonths(-6).AddMinutes(20);
            ev.EndsAt = ev.StartsAt.AddHours(2);
            await db.SaveChangesAsync();
        }

        var client = factory.CreateBrowserClient();
        await ToPrioritiesAsync(client);
        var page = await PrioritiesPageAsync(client);
        Assert.False(Offers(page, soon));
        Assert.False(Offers(page, later));
        Assert.True(Offers(page, old));

        // Three quarters of an hour later, from the same held copy: one is now within a week, the other past six months.
        var loads = factory.Services.GetRequiredService<FeedbackChoicesStore>().Loads;
        factory.Clock.Advance(TimeSpan.FromMinutes(45));
        page = await PrioritiesPageAsync(client);
        Assert.True(Offers(page, soon));
        Assert.False(Offers(page, old));
        Assert.Equal(loads, factory.Services.GetRequiredService<FeedbackChoicesStore>().Loads);

        // Two days later (past the held copy's hour, and the draft's day, so a new journey): nine days ahead is within a week too.
        factory.Clock.Advance(TimeSpan.FromDays(2));
        client = factory.CreateBrowserClient();
        await ToPrioritiesAsync(client);
        page = await PrioritiesPageAsync(client);
        Assert.True(Offers(page, soon));
        Assert.True(Offers(page, later));
        factory.Clock.Reset();
    }

    private static async Task ToPrioritiesAsync(HttpClient client)
    {
        var (_, page) = await Html.GetAsync(client, "/feedback/who");
        page = await FeedbackJourney.PostAsync(client, page, new() { ["Input.Role"] = "CarerOrFamily" });
        page = await FeedbackJourney.PostAsync(client, page, new() { ["Input.Section"] = "HomeCare" });
        page = await FeedbackJourney.PostAsync(client, page, new() { ["Input.Text"] = "Choices test" });
        Assert.Contains("priorities", page.Title);
    }

    private static async Task<IHtmlDocument> PrioritiesPageAsync(HttpClient client)
    {
        var (_, page) = await Html.GetAsync(client, "/feedback/priorities");
        Assert.Contains("priorities", page.Title);
        return page;
    }

    private static List<string> Options(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("input[name='Input.Priorities'], select[name='Input.EventId'] option").Select(e => e.OuterHtml)];

    private static List<int> PriorityNumbers(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("input[name='Input.Priorities']").Select(e => int.Parse(e.GetAttribute("value")!, System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>Whether the event list offers an event with this title (each option reads "Title (date)").</summary>
    private static bool Offers(IHtmlDocument page, string title) =>
        page.QuerySelectorAll("select[name='Input.EventId'] option").Any(e => e.TextContent.Trim().StartsWith(title + " (", StringComparison.Ordinal));

    private static async Task SetLiveAsync(EngagementFactory factory, int number, bool live)
    {
        await using var db = factory.CreateDbContext();
        var priority = await db.Priorities.SingleAsync(p => p.Number == number);
        priority.IsLive = live;
        await db.SaveChangesAsync();
    }
}
