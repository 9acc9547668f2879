using System.Globalization;
using System.Text;
using Engagement.Domain.Events;

namespace Engagement.Infrastructure.Events;

/// <summary>
/// An iCalendar (RFC 5545) file for one event, with times in Europe/London (a VTIMEZONE block and
/// DTSTART;TZID=Europe/London), so calendars show the UK time whatever the reader's own zone.
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
        var description = new StringBuilder(ev.Description);
        if (!string.IsNullOrWhiteSpace(joiningLink))
        {
            description.Append("\n\nJoin online: ").Append(joiningLink);
        }

        description.Append("\n\nDetails: ").Append(page);
        var location = ev.Mode == AttendanceMode.Online ? "Online" : ev.Venue ?? "";

        var lines = new List<string>
        {
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//" + Escape(service.CouncilName) + "//Engagement events//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "BEGIN:VTIMEZONE",
            "TZID:" + TimeZoneId,
            "X-LIC-LOCATION:" + TimeZoneId,
            "BEGIN:DAYLIGHT",
            "TZOFFSETFROM:+0000",
            "TZOFFSETTO:+0100",
            "TZNAME:BST",
            "DTSTART:19700329T010000",
            "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
            "END:DAYLIGHT",
            "BEGIN:STANDARD",
            "TZOFFSETFROM:+0100",
            "TZOFFSETTO:+0000",
            "TZNAME:GMT",
            "DTSTART:19701025T020000",
            "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
            "END:STANDARD",
            "END:VTIMEZONE",
            "BEGIN:VEVENT",
            $"UID:event-{ev.Id.ToString(CultureInfo.InvariantCulture)}@{host}",
            "DTSTAMP:" + now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture),
            $"DTSTART;TZID={TimeZoneId}:" + Local(ev.StartsAt),
            $"DTEND;TZID={TimeZoneId}:" + Local(ev.EndsAt),
            "SUMMARY:" + Escape(ev.Title),
            "DESCRIPTION:" + Escape(description.ToString()),
            "LOCATION:" + Escape(location),
            "URL:" + page,
            "STATUS:" + (ev.IsCancelled ? "CANCELLED" : "CONFIRMED"),
            "SEQUENCE:" + Sequence(ev).ToString(CultureInfo.InvariantCulture),
            "END:VEVENT",
            "END:VCALENDAR",
        };

        var text = new StringBuilder();
        foreach (var line in lines)
        {
            Fold(text, line);
        }

        return text.ToString();
    }

    /// <summary>Changes with every reschedule or cancellation, so calendars replace the old copy.</summary>
    private static long Sequence(Event ev) => (ev.StartsAt.Ticks / TimeSpan.TicksPerMinute % 100000) + (ev.IsCancelled ? 1 : 0);

    private static string Local(DateTime utc) => UkTime.FromUtc(utc).ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);

    /// <summary>TEXT escaping: backslash, semicolon, comma and new lines; other control characters are dropped.</summary>
    private static string Escape(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var c in value.Replace("\r\n", "\n", StringComparison.Ordinal))
        {
            switch (c)
            {
                case '\\': text.Append(@"\\"); break;
                case ';': text.Append(@"\;"); break;
                case ',': text.Append(@"\,"); break;
                case '\n': text.Append(@"\n"); break;
                default:
                    if (!char.IsControl(c))
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        return text.ToString();
    }

    /// <summary>Lines longer than 75 octets are folded (CRLF then a space), never inside a UTF-8 sequence.</summary>
    private static void Fold(StringBuilder output, string line)
    {
        var octets = 0;
        var limit = 75;
        for (var i = 0; i < line.Length; i++)
        {
            var width = char.IsHighSurrogate(line[i]) && i + 1 < line.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(line.AsSpan(i, width));
            if (octets + size > limit)
            {
                output.Append("\r\n ");
                octets = 0;
                limit = 74;
            }

            output.Append(line, i, width);
            octets += size;
            i += width - 1;
        }

        output.Append("\r\n");
    }
}
