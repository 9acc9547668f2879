using System.Net;
using System.Text;
using AngleSharp.Dom;
using Engagement.Domain.Events;
using Engagement.Infrastructure.Events;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.Web.Features.Events;
using Microsoft.EntityFrameworkCore;
using static Engagement.IntegrationTests.Events.EventsTestSupport;

namespace Engagement.IntegrationTests.Events;

public sealed class StaffEventsTests(EngagementFactory factory) : IClassFixture<EngagementFactory>
{
    private async Task<HttpClient> CommissionerAsync()
    {
        var client = factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(client, TestAccounts.Commissioner);
        return client;
    }

    /// <summary>RFC 4180: quoted fields with doubled quotes, CRLF rows.</summary>
    private static List<List<string>> ParseCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') { quoted = false; }
                else { cell.Append(c); }
            }
            else if (c == '"') { quoted = true; }
            else if (c == ',') { row.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\r') { }
            else if (c == '\n') { row.Add(cell.ToString()); cell.Clear(); rows.Add(row); row = []; }
            else { cell.Append(c); }
        }

        return rows;
    }

    [Fact]
    public async Task Attendee_csv_parses_and_neutralises_formula_cells()
    {
        var eventId = await AddEventAsync(factory, capacity: 10);
        await RegisterAsync(factory, Command(eventId, "f1@example.org", name: "=HYPERLINK(\"http://evil.example\",\"click\")"));
        await RegisterAsync(factory, Command(eventId, "f2@example.org", name: "+SUM(1,2)"));
        await RegisterAsync(factory, Command(eventId, "f3@example.org", name: "-2+3"));
        await RegisterAsync(factory, Command(eventId, "f4@example.org", name: "@cmd"));
        await RegisterAsync(factory, Command(eventId, "f5@example.org", name: "Ordinary, \"quoted\" name"));
        var client = await CommissionerAsync();

        var response = await client.GetAsync($"/staff/events/{eventId}/attendees.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var rows = ParseCsv((await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF'));
        Assert.Equal(["Name", "Email", "Organisation", "Access needs", "Status", "Booked at (UK time)"], rows[0]);
        var names = rows.Skip(1).Select(r => r[0]).ToList();
        Assert.Equal(6, rows[1].Count);
        Assert.Contains("'=HYPERLINK(\"http://evil.example\",\"click\")", names);
        Assert.Contains("'+SUM(1,2)", names);
        Assert.Contains("'-2+3", names);
        Assert.Contains("'@cmd", names);
        Assert.Contains("Ordinary, \"quoted\" name", names);
        Assert.All(rows.Skip(1), r => Assert.Equal("Confirmed", r[4]));
    }

    [Fact]
    public async Task The_attendee_csv_and_staff_pages_are_not_for_providers_or_anonymous_people()
    {
        var eventId = await AddEventAsync(factory);
        var provider = factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(provider, TestAccounts.CareHomeProvider);

        Assert.NotEqual(HttpStatusCode.OK, (await factory.CreateBrowserClient().GetAsync($"/staff/events/{eventId}/attendees.csv")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await provider.GetAsync($"/staff/events/{eventId}/attendees.csv")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await provider.GetAsync("/staff/providers")).StatusCode);
    }

    [Fact]
    public async Task Every_xss_payload_is_encoded_on_public_pages_the_attendee_list_and_the_csv()
    {
        var payloads = TestData.All("xss");
        Assert.NotEmpty(payloads);
        var client = await CommissionerAsync();
        var publicClient = factory.CreateBrowserClient();
        var ids = new List<int>();
        foreach (var payload in payloads)
        {
            var title = payload.Length > EventLimits.TitleMaxLength ? payload[..EventLimits.TitleMaxLength] : payload;
            var id = await AddEventAsync(factory, capacity: 5, title: title, description: payload, startsIn: TimeSpan.FromDays(300));
            await RegisterAsync(factory, Command(id, $"xss{id}@example.org", name: payload.Length > 200 ? payload[..200] : payload));
            ids.Add(id);
        }

        var (_, list) = await Html.GetAsync(publicClient, "/events");
        Assert.Empty(list.QuerySelectorAll("main script, main img, main iframe, main svg:not(.govuk-button__start-icon), main [onerror], main [onload]"));
        for (var i = 0; i < ids.Count; i++)
        {
            var payload = payloads[i];
            var (_, detail) = await Html.GetAsync(publicClient, $"/events/{ids[i]}");
            AssertInert(detail, $"/events/{ids[i]}");
            Assert.Equal(payload.Length > 200 ? payload[..200] : payload, detail.QuerySelector("#event-title")!.TextContent);

            var (_, attendees) = await Html.GetAsync(client, $"/staff/events/{ids[i]}");
            AssertInert(attendees, $"/staff/events/{ids[i]}");

            var csv = await client.GetStringAsync($"/staff/events/{ids[i]}/attendees.csv");
            var name = ParseCsv(csv.TrimStart('\uFEFF'))[1][0];
            var expected = (payload.Length > 200 ? payload[..200] : payload).Trim(); // names are stored trimmed
            Assert.Equal(expected[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + expected : expected, name);
        }
    }

    private static void AssertInert(AngleSharp.Html.Dom.IHtmlDocument page, string url)
    {
        var main = page.QuerySelector("main")!;
        Assert.True(main.QuerySelectorAll("script, iframe, object, embed, img, video, audio, math, form[action^='javascript'], a[href^='javascript' i]").Length == 0, url + " has active content");
        Assert.True(main.QuerySelectorAll("*").All(e => e.Attributes.All(a => !a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase))), url + " has an event handler attribute");
        Assert.True(main.QuerySelectorAll("svg").All(s => s.ClassList.Contains("govuk-button__start-icon")), url + " has an unexpected svg");
    }

    [Fact]
    public async Task A_commissioner_creates_a_quarterly_care_home_forum_series_in_one_step()
    {
        var client = await CommissionerAsync();
        var (_, form) = await Html.GetAsync(client, "/staff/events/series");
        var year = DateTime.UtcNow.Year + 1;

        var response = await Html.SubmitAsync(client, form, new Dictionary<string, string>
        {
            ["Input.Kind"] = "CareHomeProviderForum",
            ["Input.Title"] = "Series care home forum",
            ["Input.Description"] = "Quarterly forum.",
            ["Input.StartDate"] = $"{year}-01-20",
            ["Input.StartTime"] = "10:00",
            ["Input.EndTime"] = "12:00",
            ["Input.Mode"] = "InPerson",
            ["Input.Venue"] = "Guildhall, Bath",
            ["Input.Capacity"] = "40",
            ["Input.Priorities"] = "5",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = factory.CreateDbContext();
        var series = await db.Events.AsNoTracking().Where(e => e.Title == "Series care home forum").OrderBy(e => e.StartsAt).ToListAsync();
        Assert.Equal(4, series.Count);
        Assert.Single(series.Select(e => e.SeriesId).Distinct());
        Assert.NotNull(series[0].SeriesId);
        Assert.All(series, e => Assert.Equal(EventAudience.CareHomeProviders, e.Audience));
        Assert.Equal([1, 4, 7, 10], series.Select(e => UkTime.FromUtc(e.StartsAt).Month));
        Assert.All(series, e => Assert.Equal(10, UkTime.FromUtc(e.StartsAt).Hour));
        Assert.Equal(new DateTime(year, 1, 20, 10, 0, 0), series[0].StartsAt);

        // 20 January is in the third week of the month: every forum is on that weekday in the third week.
        Assert.All(series, e => Assert.Equal(new DateTime(year, 1, 20).DayOfWeek, UkTime.FromUtc(e.StartsAt).DayOfWeek));
        Assert.All(series, e => Assert.Equal(2, (UkTime.FromUtc(e.StartsAt).Day - 1) / 7));
    }

    [Fact]
    public async Task Creating_an_event_with_missing_fields_shows_errors_and_saves_nothing()
    {
        var client = await CommissionerAsync();
        var (_, form) = await Html.GetAsync(client, "/staff/events/new");
        await using var before = factory.CreateDbContext();
        var count = await before.Events.CountAsync();

        var response = await Html.SubmitAsync(client, form, new Dictionary<string, string> { ["Input.Title"] = "", ["Input.Capacity"] = "0" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.StartsWith("Error: ", page.Title);
        Assert.Contains("Enter a title", Html.ErrorSummary(page));
        Assert.Contains("Enter the number of places, from 1 to 10,000", Html.ErrorSummary(page));
        await using var after = factory.CreateDbContext();
        Assert.Equal(count, await after.Events.CountAsync());
    }

    [Fact]
    public async Task Rescheduling_emails_everyone_registered_and_cancelling_tells_them_too()
    {
        var eventId = await AddEventAsync(factory, capacity: 1, title: "Reschedule me");
        await RegisterAsync(factory, Command(eventId, "resched1@example.org"));
        await RegisterAsync(factory, Command(eventId, "resched2@example.org"));
        var client = await CommissionerAsync();
        var (_, edit) = await Html.GetAsync(client, $"/staff/events/{eventId}/edit");
        var newDate = DateTime.UtcNow.AddDays(40).ToString("yyyy-MM-dd");

        var saved = await Html.SubmitAsync(client, edit, new Dictionary<string, string>
        {
            ["Input.StartDate"] = newDate,
            ["Input.StartTime"] = "14:00",
            ["Input.EndTime"] = "15:30",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using (var db = factory.CreateDbContext())
        {
            var ev = await db.Events.SingleAsync(e => e.Id == eventId);
            Assert.Equal(14, UkTime.FromUtc(ev.StartsAt).Hour);
            Assert.Equal(2, await db.OutboxMessages.CountAsync(m => m.Kind == EventEmails.RescheduledKind && m.Subject.Contains("Reschedule me")));
        }

        var (_, attendees) = await Html.GetAsync(client, $"/staff/events/{eventId}");
        Assert.Equal($"/staff/feedback/new?eventId={eventId}", attendees.QuerySelector("#record-feedback")!.GetAttribute("href"));
        var cancelled = await Html.SubmitAsync(client, attendees, new Dictionary<string, string>(), "form#cancel-event-form");
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        await using var check = factory.CreateDbContext();
        Assert.True((await check.Events.SingleAsync(e => e.Id == eventId)).IsCancelled);
        Assert.Equal(2, await check.OutboxMessages.CountAsync(m => m.Kind == EventEmails.CancelledKind && m.Subject.Contains("Reschedule me")));
    }

    [Fact]
    public async Task Staff_message_everyone_confirmed_and_mark_attendance()
    {
        var eventId = await AddEventAsync(factory, capacity: 1, title: "Message me");
        await RegisterAsync(factory, Command(eventId, "msg1@example.org"));
        await RegisterAsync(factory, Command(eventId, "msg2@example.org"));
        var client = await CommissionerAsync();
        var (_, page) = await Html.GetAsync(client, $"/staff/events/{eventId}");

        var sent = await Html.SubmitAsync(client, page, new Dictionary<string, string> { ["Message.Subject"] = "Parking", ["Message.Text"] = "Use the car park on Walcot Street." }, "form#message-form");

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        await using (var db = factory.CreateDbContext())
        {
            var messages = await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == EventEmails.MessageKind && m.Subject.Contains("Message me")).ToListAsync();
            Assert.Equal("msg1@example.org", Assert.Single(messages).ToAddress);
        }

        (_, page) = await Html.GetAsync(client, $"/staff/events/{eventId}");
        var form = page.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("#attendee-table form")!;
        var marked = await Html.SubmitAsync(client, form, new List<KeyValuePair<string, string>> { new("attended", "false") });
        Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);
        Assert.Equal(RegistrationStatus.NoShow, (await RegistrationsAsync(factory, eventId))[0].Status);
    }

    [Fact]
    public async Task A_provider_registers_confirms_their_email_and_a_commissioner_approves_them()
    {
        var client = factory.CreateBrowserClient();
        var (_, form) = await Html.GetAsync(client, "/account/register-provider");
        var response = await Html.SubmitAsync(client, form, new Dictionary<string, string>
        {
            ["Input.Name"] = "Nia New",
            ["Input.Email"] = "nia@newcare.example",
            ["Input.Password"] = "short",
            ["Input.OrganisationName"] = "New Care Ltd",
            ["Input.ProviderType"] = "HomeCare",
        });
        var page = await Html.ParseAsync(response);
        Assert.Contains("Password must be 12 characters or more", Html.ErrorSummary(page));

        response = await Html.SubmitAsync(client, page, new Dictionary<string, string>
        {
            ["Input.Password"] = "a long and unusual passphrase 93",
            ["Input.ProviderType"] = "HomeCare",
            ["Input.OtherProviderTypes"] = "77",
        });
        page = await Html.ParseAsync(response);
        Assert.Equal(["Select only the kinds of care listed"], Html.ErrorSummary(page));
        Assert.Equal("Input_OtherProviderTypes-hint Input_OtherProviderTypes-error", page.QuerySelector("#Input_OtherProviderTypes")!.Closest("fieldset")!.GetAttribute("aria-describedby"));
        Assert.Equal("New Care Ltd", page.QuerySelector("#Input_OrganisationName")!.GetAttribute("value"));

        response = await Html.SubmitAsync(client, page, new Dictionary<string, string>
        {
            ["Input.Password"] = "a long and unusual passphrase 93",
            ["Input.ProviderType"] = "HomeCare",
            ["Input.OtherProviderTypes"] = "ExtraCareHousing",
            ["Input.CqcLocationId"] = "1-123456789",
        });
        page = await Html.ParseAsync(response);
        Assert.Equal("Check your email", page.QuerySelector("h1").Text());

        await using (var db = factory.CreateDbContext())
        {
            var user = await db.Users.SingleAsync(u => u.Email == "nia@newcare.example");
            Assert.False(user.IsApproved);
            Assert.False(user.EmailConfirmed);
            Assert.Equal(Engagement.Domain.Common.ProviderTypeSet.Bit(Engagement.Domain.Common.ProviderType.ExtraCareHousing), user.OtherProviderTypes);
            var email = await db.OutboxMessages.SingleAsync(m => m.Kind == "provider-confirm-email" && m.RelatedId == user.Id);
            var link = System.Text.RegularExpressions.Regex.Match(email.TextBody!, @"https://localhost(/account/confirm-email\?\S+)").Groups[1].Value;
            var (_, confirmed) = await Html.GetAsync(client, link);
            Assert.Equal("Email address confirmed", confirmed.QuerySelector("h1").Text());
        }

        var commissioner = await CommissionerAsync();
        var (_, pending) = await Html.GetAsync(commissioner, "/staff/providers");
        var row = pending.QuerySelectorAll("#pending-providers tbody tr").Single(r => r.Text().Contains("New Care Ltd"));
        Assert.Contains("Home care, extra care housing", row.Text(), StringComparison.Ordinal);
        var approve = await Html.SubmitAsync(commissioner, row.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("form")!, new List<KeyValuePair<string, string>>());
        Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
        await using var check = factory.CreateDbContext();
        var approved = await check.Users.SingleAsync(u => u.Email == "nia@newcare.example");
        Assert.True(approved.IsApproved);
        Assert.True(approved.EmailConfirmed);
        Assert.True(await check.AuditRecords.AnyAsync(a => a.Action == "provider.approved" && a.EntityId == approved.Id));
    }
}
