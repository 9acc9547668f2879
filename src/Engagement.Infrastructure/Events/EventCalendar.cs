using Engagement.Domain.Events;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Engagement.Infrastructure.Events;

/// <summary>
/// An iCalendar (RFC 5545) file for one event, written by Ical.Net, with times in Europe/London (a VTIMEZONE and
/// DTSTART;TZID=Europe/London) so calendars show the UK time whatever the reader's own zone. SEQUENCE is the event's
/// stored <see cref="Event.CalendarSequence"/>, which only ever grows, so a calendar app always takes the newer copy.
/// </summary>
public static class EventCalendar
{
    public const string ContentType = "text/calendar";
    public const string TimeZoneId = "Europe/London";

    /// <param name="joiningLink">Only for a confirmed attendee's own copy; never in the public download.</param>
    public static string Create(Event ev, ServiceOptions service, DateTime now, string? joiningLink = null)
    {
        var host = Uri.TryCreate(service.PublicBaseUrl, UriKind.Absolute, out var uri) ? uri.Host : "localhost";
        var page = service.Link($"/events/{ev.Id}");
        var description = ev.Description.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (!string.IsNullOrWhiteSpace(joiningLink))
        {
            description += "\n\nJoin online: " + joiningLink;
        }

        description += "\n\nDetails: " + page;
        var calendar = new Calendar
        {
            ProductId = $"-//{service.CouncilName}//Engagement events//EN",
            Method = "PUBLISH",
        };
        calendar.AddTimeZone(VTimeZone.FromDateTimeZone(TimeZoneId, ev.StartsAt.AddYears(-1), includeHistoricalData: false));
        calendar.Events.Add(new CalendarEvent
        {
            Uid = $"event-{ev.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}@{host}",
            DtStamp = new CalDateTime(DateTime.SpecifyKind(now, DateTimeKind.Utc)),
            DtStart = Local(ev.StartsAt),
            DtEnd = Local(ev.EndsAt),
            Summary = WithoutControls(ev.Title),
            Description = WithoutControls(description),
            Location = WithoutControls(ev.Mode == AttendanceMode.Online ? "Online" : ev.Venue ?? ""),
            Url = new Uri(page),
            Status = ev.IsCancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
            Sequence = ev.CalendarSequence,
        });
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private static CalDateTime Local(DateTime utc) => new(UkTime.FromUtc(utc), TimeZoneId);

    /// <summary>Control characters other than the line break cannot be represented in a TEXT value.</summary>
    private static string WithoutControls(string value) =>
        string.Concat(value.Where(c => c == '\n' || !char.IsControl(c)));
}
