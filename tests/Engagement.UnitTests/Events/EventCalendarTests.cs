using Engagement.Domain.Events;
using Engagement.Infrastructure;
using Engagement.Infrastructure.Events;

namespace Engagement.UnitTests.Events;

public sealed class EventCalendarTests
{
    private static readonly ServiceOptions Service = new() { PublicBaseUrl = "https://engage.example.gov.uk", CouncilName = "Example Council" };

    private static Event Workshop() => new()
    {
        Id = 42,
        Title = "Summer workshop; tea, cake",
        Description = "Line one\r\nLine two\u0007",
        StartsAt = new DateTime(2027, 7, 14, 9, 30, 0, DateTimeKind.Utc),
        EndsAt = new DateTime(2027, 7, 14, 11, 30, 0, DateTimeKind.Utc),
        Mode = AttendanceMode.InPerson,
        Venue = "Guildhall, Bath",
        RegistrationOpensAt = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc),
        RegistrationClosesAt = new DateTime(2027, 7, 1, 0, 0, 0, DateTimeKind.Utc),
    };

    [Fact]
    public void The_file_names_the_uk_time_zone_with_its_summer_and_winter_rules()
    {
        var text = EventCalendar.Create(Workshop(), Service, new DateTime(2026, 12, 2, 0, 0, 0, DateTimeKind.Utc));

        Assert.Contains("BEGIN:VTIMEZONE\r\nTZID:Europe/London", text, StringComparison.Ordinal);
        Assert.Contains("BEGIN:DAYLIGHT", text, StringComparison.Ordinal);
        Assert.Contains("BEGIN:STANDARD", text, StringComparison.Ordinal);
        Assert.Contains("DTSTART;TZID=Europe/London:20270714T103000", text, StringComparison.Ordinal);
        Assert.Contains("SUMMARY:Summer workshop\\; tea\\, cake", text, StringComparison.Ordinal);
        Assert.Contains("UID:event-42@engage.example.gov.uk", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\u0007", text, StringComparison.Ordinal);
        Assert.All(text.Split("\r\n"), line => Assert.True(System.Text.Encoding.UTF8.GetByteCount(line) <= 75, line));
    }

    [Fact]
    public void The_sequence_is_the_stored_one_and_grows_with_every_revision_whichever_way_the_event_moves()
    {
        var ev = Workshop();
        var now = new DateTime(2026, 12, 2, 0, 0, 0, DateTimeKind.Utc);
        var sequences = new List<int> { Sequence(ev, now) };

        Assert.True(ev.Reschedule(ev.StartsAt.AddDays(-7), ev.EndsAt.AddDays(-7), now).Succeeded);
        ev.Revise();
        sequences.Add(Sequence(ev, now));
        Assert.True(ev.Cancel(now).Succeeded);
        sequences.Add(Sequence(ev, now));

        Assert.Equal([0, 1, 2], sequences);
        Assert.Contains("STATUS:CANCELLED", EventCalendar.Create(ev, Service, now), StringComparison.Ordinal);
    }

    private static int Sequence(Event ev, DateTime now)
    {
        var line = EventCalendar.Create(ev, Service, now).Split("\r\n").SingleOrDefault(l => l.StartsWith("SEQUENCE:", StringComparison.Ordinal));
        return line is null ? 0 : int.Parse(line["SEQUENCE:".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
