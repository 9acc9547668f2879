using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Engagement.Domain.Events;
using Engagement.Infrastructure.Events;
using Engagement.IntegrationTests.Infrastructure;
using Ical.Net;
using Microsoft.EntityFrameworkCore;
using static Engagement.IntegrationTests.Events.EventsTestSupport;

namespace Engagement.IntegrationTests.Events;

public sealed class EventJourneyTests(EngagementFactory factory) : IClassFixture<EngagementFactory>
{
    private static async Task<IHtmlDocument> PostAsync(HttpClient client, IHtmlDocument page, Dictionary<string, string> values, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var (response, next) = await Html.SubmitAndFollowAsync(client, page, values, "form#registration-form");
        Assert.Equal(expected, response.StatusCode);
        return next;
    }

    private static async Task<IHtmlDocument> ToCheckAnswersAsync(HttpClient client, int eventId, string email, string name = "Rita Resident")
    {
        var (response, page) = await Html.GetAsync(client, $"/events/{eventId}/register");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("Your details", page.Title);
        page = await PostAsync(client, page, new() { ["Input.Name"] = name, ["Input.Email"] = email });
        Assert.StartsWith("Access needs", page.Title);
        page = await PostAsync(client, page, new() { ["Input.AccessNeeds"] = "Hearing loop, please", ["Input.Consent"] = "true" });
        Assert.StartsWith("Check your answers", page.Title);
        return page;
    }

    [Fact]
    public async Task A_resident_books_a_workshop_with_plain_form_posts_and_can_cancel_from_the_private_link()
    {
        var eventId = await AddEventAsync(factory, capacity: 10, title: "Journey workshop");
        var client = factory.CreateBrowserClient();

        var (_, detail) = await Html.GetAsync(client, $"/events/{eventId}");
        Assert.Equal("Journey workshop", detail.QuerySelector("#event-title").Text());
        Assert.NotNull(detail.QuerySelector("#register-button"));
        Assert.DoesNotContain("secret-room", detail.Body!.InnerHtml);

        var check = await ToCheckAnswersAsync(client, eventId, "rita@example.org");
        Assert.Equal("rita@example.org", check.QuerySelector("#answer-email").Text());
        var send = await Html.SubmitAsync(client, check, new Dictionary<string, string>(), "form#registration-form");
        Assert.Equal(HttpStatusCode.Redirect, send.StatusCode);
        var (_, booked) = await Html.GetAsync(client, send.Headers.Location!.OriginalString);
        Assert.Equal("Place booked", booked.QuerySelector(".govuk-panel__title").Text());
        var privatePath = booked.QuerySelector("#registration-link")!.GetAttribute("href")!;

        var registration = (await RegistrationsAsync(factory, eventId)).Single();
        Assert.Equal(RegistrationStatus.Confirmed, registration.Status);
        Assert.Equal("Rita Resident", registration.Name);
        Assert.Equal("Hearing loop, please", registration.AccessNeeds);
        Assert.Null(registration.UserId);

        var (_, manage) = await Html.GetAsync(client, privatePath);
        Assert.Equal("Confirmed", manage.QuerySelector("#registration-status").Text());
        var cancelled = await Html.SubmitAsync(client, manage, new Dictionary<string, string>(), "form#cancel-form");
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Equal(RegistrationStatus.Cancelled, (await RegistrationsAsync(factory, eventId)).Single().Status);
        await using var db = factory.CreateDbContext();
        Assert.Equal(0, (await db.Events.SingleAsync(e => e.Id == eventId)).ConfirmedCount);
    }

    [Fact]
    public async Task Missing_answers_show_govuk_errors_and_save_nothing()
    {
        var eventId = await AddEventAsync(factory);
        var client = factory.CreateBrowserClient();
        var (_, page) = await Html.GetAsync(client, $"/events/{eventId}/register");

        page = await PostAsync(client, page, new() { ["Input.Name"] = "", ["Input.Email"] = "not-an-email" });

        Assert.StartsWith("Error: ", page.Title);
        Assert.Equal(["Enter your full name", "Enter an email address in the correct format, like name@example.com"], Html.ErrorSummary(page));
        Assert.NotNull(page.QuerySelector("#Input_Name-error"));
        page = await PostAsync(client, page, new() { ["Input.Name"] = "A", ["Input.Email"] = "a@example.org" });
        page = await PostAsync(client, page, new() { ["Input.Consent"] = "" });
        Assert.Equal(["Select that you agree to us using your details to run the event"], Html.ErrorSummary(page));
        Assert.Empty(await RegistrationsAsync(factory, eventId));
    }

    [Fact]
    public async Task A_second_booking_with_the_same_email_is_told_it_is_already_booked()
    {
        var eventId = await AddEventAsync(factory);
        var client = factory.CreateBrowserClient();
        var first = await ToCheckAnswersAsync(client, eventId, "dup@example.org");
        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitAsync(client, first, new Dictionary<string, string>(), "form#registration-form")).StatusCode);

        var otherClient = factory.CreateBrowserClient();
        var second = await ToCheckAnswersAsync(otherClient, eventId, "DUP@example.org");
        var response = await Html.SubmitAsync(otherClient, second, new Dictionary<string, string>(), "form#registration-form");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains("You are already booked on this event", Html.ErrorSummary(page));
        Assert.Single(await RegistrationsAsync(factory, eventId));
    }

    [Fact]
    public async Task Anonymous_people_are_refused_a_provider_forum_with_a_sign_in_link()
    {
        var eventId = await AddEventAsync(factory, audience: EventAudience.CareHomeProviders, title: "Forum for care homes");
        var client = factory.CreateBrowserClient();

        var (_, detail) = await Html.GetAsync(client, $"/events/{eventId}");
        Assert.Null(detail.QuerySelector("#register-button"));
        Assert.Contains("Sign in with your provider account", detail.QuerySelector("#cannot-book").Text());
        Assert.NotNull(detail.QuerySelector("#cannot-book a[href='/account/register-provider']"));

        var (_, register) = await Html.GetAsync(client, $"/events/{eventId}/register");
        Assert.Contains("Sign in with your provider account", register.QuerySelector("#refusal").Text());
        Assert.Null(register.QuerySelector("form#registration-form"));
    }

    [Fact]
    public async Task A_home_care_provider_is_refused_the_care_home_forum()
    {
        var eventId = await AddEventAsync(factory, audience: EventAudience.CareHomeProviders);
        var client = factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(client, TestAccounts.HomeCareProvider);

        var (_, page) = await Html.GetAsync(client, $"/events/{eventId}/register");

        Assert.Contains("not registered as a care home provider", page.QuerySelector("#refusal").Text());
    }

    [Fact]
    public async Task An_unapproved_provider_is_refused_and_an_approved_one_books_with_their_account()
    {
        var eventId = await AddEventAsync(factory, audience: EventAudience.CareHomeProviders, capacity: 5);
        await using (var db = factory.CreateDbContext())
        {
            var user = await db.Users.SingleAsync(u => u.Email == TestAccounts.CareHomeProvider);
            user.IsApproved = false;
            await db.SaveChangesAsync();
        }

        var client = factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(client, TestAccounts.CareHomeProvider);
        var (_, refused) = await Html.GetAsync(client, $"/events/{eventId}/register");
        Assert.Contains("waiting to be approved", refused.QuerySelector("#refusal").Text());

        await using (var db = factory.CreateDbContext())
        {
            var user = await db.Users.SingleAsync(u => u.Email == TestAccounts.CareHomeProvider);
            user.IsApproved = true;
            await db.SaveChangesAsync();
        }

        var (_, page) = await Html.GetAsync(client, $"/events/{eventId}/register");
        Assert.Equal("Riverside Care Home", page.QuerySelector<IHtmlInputElement>("#Input_Organisation")!.Value);
        page = await PostAsync(client, page, new());
        page = await PostAsync(client, page, new() { ["Input.Consent"] = "true" });
        var booked = await Html.SubmitAsync(client, page, new Dictionary<string, string>(), "form#registration-form");
        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        var registration = (await RegistrationsAsync(factory, eventId)).Single();
        Assert.NotNull(registration.UserId);
        Assert.Equal("Riverside Care Home", registration.Organisation);
    }

    [Fact]
    public async Task The_calendar_file_parses_with_uk_times_and_no_joining_link()
    {
        var start = new DateTime(2027, 7, 14, 9, 30, 0, DateTimeKind.Utc); // 10:30am BST
        int eventId;
        await using (var db = factory.CreateDbContext())
        {
            var ev = new Event
            {
                Kind = EventKind.CoProductionWorkshop,
                Audience = EventAudience.Anyone,
                Title = "Summer workshop; tea, cake",
                Description = "Line one\nLine two",
                StartsAt = start,
                EndsAt = start.AddHours(2),
                Mode = AttendanceMode.Both,
                Venue = "Guildhall, Bath",
                JoiningLink = "https://meet.example.org/secret-room",
                Capacity = 10,
                RegistrationOpensAt = DateTime.UtcNow,
                RegistrationClosesAt = start.AddDays(-1),
                CreatedAt = DateTime.UtcNow,
            };
            db.Events.Add(ev);
            await db.SaveChangesAsync();
            eventId = ev.Id;
        }

        var response = await factory.CreateBrowserClient().GetAsync($"/events/{eventId}.ics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("secret-room", text);
        var calendar = Calendar.Load(text)!;
        var vevent = Assert.Single(calendar.Events);
        Assert.Equal("Summer workshop; tea, cake", vevent.Summary);
        Assert.Equal("Guildhall, Bath", vevent.Location);
        Assert.StartsWith("Line one\nLine two", vevent.Description);
        Assert.Equal("Europe/London", vevent.DtStart!.TzId);
        Assert.Equal(new DateTime(2027, 7, 14, 10, 30, 0), vevent.DtStart.Value);
        Assert.Equal(start, vevent.DtStart.AsUtc);
        Assert.Equal(start.AddHours(2), vevent.DtEnd!.AsUtc);
        Assert.Contains(calendar.TimeZones, z => z.TzId == "Europe/London");
    }

    [Fact]
    public async Task Upcoming_list_shows_places_left_and_waiting_list_and_filters_by_kind()
    {
        var open = await AddEventAsync(factory, capacity: 3, title: "Listed open workshop");
        var full = await AddEventAsync(factory, capacity: 1, title: "Listed full workshop");
        await RegisterAsync(factory, Command(full, "filler@example.org"));

        var (_, page) = await Html.GetAsync(factory.CreateBrowserClient(), "/events?kind=workshop");

        var items = page.QuerySelectorAll("#event-list > li").ToList();
        Assert.Contains(items, i => i.Text().Contains("Listed open workshop") && i.Text().Contains("3 places left"));
        Assert.Contains(items, i => i.Text().Contains("Listed full workshop") && i.Text().Contains("waiting list"));
        Assert.DoesNotContain(items, i => i.Text().Contains("Care home provider forum"));
        var (_, forums) = await Html.GetAsync(factory.CreateBrowserClient(), "/events?kind=care-home-forum");
        Assert.Contains(forums.QuerySelectorAll("#event-list > li"), i => i.Text().Contains("Care home provider forum"));
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateBrowserClient().GetAsync("/events/past")).StatusCode);
        _ = open;
    }

    [Fact]
    public async Task A_wrong_registration_token_is_not_found()
    {
        var response = await factory.CreateBrowserClient().GetAsync("/registrations/" + new string('x', 43));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
