using System.Net;
using Engagement.Domain.Alerts;
using Engagement.Domain.Common;
using Engagement.Domain.Consultations;
using Engagement.Domain.Events;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.Web.Features.Events;
using Engagement.Web.Features.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.IntegrationTests.Alerts;

/// <summary>
/// Following new consultations, provider forum audiences and event series, and the minimum-time bot check: the same
/// form, job, watermark and real SMTP test server as <see cref="AlertTests"/>.
/// </summary>
public sealed partial class AlertTests
{
    private static string Unique(string title) => title + " " + Guid.NewGuid().ToString("N")[..6];

    /// <summary>A consultation with one question, written through the domain as the staff pages do; published unless told not to.</summary>
    private async Task<Consultation> ConsultationAsync(string title, DateTime opensAt, int priority = 10, ConsultationAudience audience = ConsultationAudience.Everyone, bool publish = true)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        var consultation = Consultation.Create(
            new ConsultationDetails(title, "What should we change?", "", "", ServiceSection.ExtraCareHousing, audience, opensAt, opensAt.AddDays(28), [priority], []), now).Value!;
        Assert.True(consultation.AddQuestion(new QuestionDetails(QuestionKind.LongText, "Tell us", null, true, false, false, 500, 1, []), now).Succeeded);
        if (publish)
        {
            Assert.True(consultation.Publish(now).Succeeded);
        }

        await using var db = _factory.CreateDbContext();
        db.Consultations.Add(consultation);
        await db.SaveChangesAsync();
        return consultation;
    }

    private async Task PublishAsync(Consultation consultation)
    {
        await using var db = _factory.CreateDbContext();
        var loaded = await db.Consultations.Include(c => c.Questions).SingleAsync(c => c.Id == consultation.Id);
        Assert.True(loaded.Publish(_clock.GetUtcNow().UtcDateTime).Succeeded);
        await db.SaveChangesAsync();
    }

    private EventDetails Forum(string title, EventAudience audience, DateTime startsAt) => new(
        audience == EventAudience.HomeCareProviders ? EventKind.HomeCareProviderForum : EventKind.CareHomeProviderForum,
        title, "The quarterly forum.", startsAt, startsAt.AddHours(2), AttendanceMode.InPerson, "Guildhall, Bath", null, null, 40,
        _clock.GetUtcNow().UtcDateTime, startsAt.AddDays(-1), audience, []);

    private async Task<int> AddForumAsync(string title, EventAudience audience, DateTime startsAt)
    {
        using var scope = _factory.Services.CreateScope();
        var created = await scope.ServiceProvider.GetRequiredService<SaveEventHandler>().CreateAsync(Forum(title, audience, startsAt), null);
        Assert.True(created.Succeeded, created.Error);
        return created.Value;
    }

    private async Task<IReadOnlyList<int>> AddSeriesAsync(string title, EventAudience audience)
    {
        using var scope = _factory.Services.CreateScope();
        var firstLocal = new DateTime(2026, 4, 14, 10, 0, 0);
        var first = UkTime.ToUtc(firstLocal)!.Value;
        var created = await scope.ServiceProvider.GetRequiredService<SaveEventHandler>().CreateSeriesAsync(Forum(title, audience, first), firstLocal, firstLocal.AddHours(2), null);
        Assert.True(created.Succeeded, created.Error);
        return created.Value!;
    }

    private async Task RescheduleAsync(int eventId, TimeSpan by)
    {
        using var scope = _factory.Services.CreateScope();
        await using var db = _factory.CreateDbContext();
        var ev = await db.Events.AsNoTracking().SingleAsync(e => e.Id == eventId);
        var details = Forum(ev.Title, ev.Audience, ev.StartsAt + by) with { RegistrationOpensAt = ev.RegistrationOpensAt, RegistrationClosesAt = ev.RegistrationClosesAt + by };
        var moved = await scope.ServiceProvider.GetRequiredService<SaveEventHandler>().UpdateAsync(eventId, ev.Version, details, null);
        Assert.True(moved.Succeeded, moved.Error);
    }

    private async Task CancelAsync(int eventId)
    {
        using var scope = _factory.Services.CreateScope();
        var cancelled = await scope.ServiceProvider.GetRequiredService<ManageEventHandler>().CancelEventAsync(eventId, null);
        Assert.True(cancelled.Succeeded, cancelled.Error);
    }

    [Fact]
    public async Task New_consultations_are_sent_once_when_they_open_never_while_drafted_or_waiting_to_open()
    {
        var client = _factory.CreateBrowserClient();
        var (_, list) = await Html.GetAsync(client, "/consultations");
        Assert.Equal("/alerts?consultations=new", list.QuerySelector("#alerts-link")!.GetAttribute("href"));
        var (_, form) = await Html.GetAsync(client, "/alerts?consultations=new");
        Assert.True(form.QuerySelector("#Input_NewConsultations")!.HasAttribute("checked"));
        Assert.False(form.QuerySelector("#Input_Priorities")!.HasAttribute("checked"));

        var address = Address();
        await SubscribedAsync(address, "?consultations=new&priority=10", AlertFrequency.Immediately);
        var now = _clock.GetUtcNow().UtcDateTime;
        var draft = await ConsultationAsync(Unique("Drafted, opening date passed"), now.AddHours(-1), publish: false);
        var upcoming = await ConsultationAsync(Unique("Day services review"), now.AddHours(2));
        var otherPriority = await ConsultationAsync(Unique("About another priority"), now.AddMinutes(-1), priority: 11);
        var invited = await ConsultationAsync(Unique("By invitation"), now.AddMinutes(-1), audience: ConsultationAudience.InvitationOnly);
        Assert.Equal(0, await RunJobAsync()); // published but not open yet; a draft never counts

        _clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        Assert.Equal(1, await RunJobAsync());
        Assert.Equal(0, await RunJobAsync());

        // Published after its opening time: it opens as it is published.
        _clock.Advance(TimeSpan.FromMinutes(1));
        await PublishAsync(draft);
        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, await RunJobAsync());
        Assert.Equal(0, await RunJobAsync());
        await _factory.DispatchAsync();

        var alerts = MailTo(address).Skip(1).ToList();
        Assert.Equal(2, alerts.Count);
        Assert.Contains("New consultation: " + upcoming.Title, alerts[0].Message.TextBody!);
        Assert.Contains("/consultations/" + upcoming.Id, alerts[0].Message.TextBody!);
        Assert.Contains("new consultations about them", alerts[0].Message.TextBody!);
        Assert.Contains("New consultation: " + draft.Title, alerts[1].Message.TextBody!);
        Assert.DoesNotContain(upcoming.Title, alerts[1].Message.TextBody!);
        foreach (var alert in alerts)
        {
            Assert.DoesNotContain(otherPriority.Title, alert.Message.TextBody!);
            Assert.DoesNotContain(invited.Title, alert.Message.TextBody!);
            Assert.Equal("List-Unsubscribe=One-Click", alert.Message.Headers["List-Unsubscribe-Post"]);
        }

        // Each consultation's page pre-fills the form with new consultations about its priorities.
        var (_, detail) = await Html.GetAsync(client, "/consultations/" + upcoming.Id);
        var link = detail.QuerySelector("#alerts-link")!.GetAttribute("href")!;
        Assert.Equal("/alerts?consultations=new&priority=10", link);
        var (_, prefilled) = await Html.GetAsync(client, link);
        Assert.True(prefilled.QuerySelector("#Input_NewConsultations")!.HasAttribute("checked"));
        Assert.True(prefilled.QuerySelector("#Input_Priorities-10")!.HasAttribute("checked"));
    }

    [Fact]
    public async Task Forum_audiences_and_series_are_sent_each_event_published_moved_or_cancelled_once()
    {
        var series = await AddSeriesAsync(Unique("Care home provider forum"), EventAudience.CareHomeProviders);
        var client = _factory.CreateBrowserClient();
        var (_, page) = await Html.GetAsync(client, "/events/" + series[0]);
        var link = page.QuerySelector("#alerts-link")!.GetAttribute("href")!;
        Guid seriesId;
        await using (var db = _factory.CreateDbContext())
        {
            seriesId = (await db.Events.SingleAsync(e => e.Id == series[0])).SeriesId!.Value;
        }

        Assert.Equal($"/alerts?series={seriesId:N}&audience=care-home-providers", link);
        var (_, prefilled) = await Html.GetAsync(client, link);
        Assert.True(prefilled.QuerySelector($"input[name='Input.Series'][value='{seriesId:N}']")!.HasAttribute("checked"));
        Assert.True(prefilled.QuerySelector("#Input_Audiences")!.HasAttribute("checked")); // care home providers
        Assert.False(prefilled.QuerySelector("#Input_Audiences-HomeCareProviders")!.HasAttribute("checked"));
        Assert.False(prefilled.QuerySelector("#Input_NewConsultations")!.HasAttribute("checked"));

        var bySeries = Address();
        var byCareHomes = Address();
        var byHomeCare = Address();
        await SubscribedAsync(bySeries, $"?series={seriesId:N}", AlertFrequency.Immediately);
        await SubscribedAsync(byCareHomes, "?audience=care-home-providers", AlertFrequency.Immediately);
        await SubscribedAsync(byHomeCare, "?audience=home-care-providers", AlertFrequency.Immediately);
        Assert.Equal(0, await RunJobAsync()); // the series was published before anyone confirmed

        var extra = await AddForumAsync(Unique("Extra care home forum on fees"), EventAudience.CareHomeProviders, new DateTime(2026, 3, 20, 10, 0, 0, DateTimeKind.Utc));
        Assert.Equal(1, await RunJobAsync()); // the care home audience only
        await RescheduleAsync(series[1], TimeSpan.FromDays(7));
        Assert.Equal(2, await RunJobAsync()); // the series and the care home audience
        await CancelAsync(series[2]);
        Assert.Equal(2, await RunJobAsync());
        Assert.Equal(0, await RunJobAsync());
        await _factory.DispatchAsync();

        await using (var db = _factory.CreateDbContext())
        {
            Assert.Equal(7, await db.EventChanges.CountAsync(c => series.Contains(c.EventId) || c.EventId == extra)); // 5 published, 1 moved, 1 cancelled
        }

        Dictionary<int, string> titles;
        await using (var db = _factory.CreateDbContext())
        {
            titles = await db.Events.ToDictionaryAsync(e => e.Id, e => e.Title);
        }

        string Title(int id) => titles[id];
        var seriesAlerts = MailTo(bySeries).Skip(1).ToList();
        Assert.Equal(2, seriesAlerts.Count);
        Assert.Contains(": moved to ", seriesAlerts[0].Message.TextBody!);
        Assert.Contains("/events/" + series[1], seriesAlerts[0].Message.TextBody!);
        Assert.Contains(Title(series[2]) + ": cancelled", seriesAlerts[1].Message.TextBody!);
        Assert.DoesNotContain(Title(extra), string.Concat(seriesAlerts.Select(a => a.Message.TextBody)));

        var careHomeAlerts = MailTo(byCareHomes).Skip(1).ToList();
        Assert.Equal(3, careHomeAlerts.Count);
        Assert.Contains(Title(extra) + ": new event on 20 March 2026", careHomeAlerts[0].Message.TextBody!);
        Assert.Contains("care home provider forums", careHomeAlerts[0].Message.TextBody!);
        Assert.Empty(MailTo(byHomeCare).Skip(1));
    }

    [Fact]
    public async Task Consultations_and_events_wait_for_the_daily_summary_and_are_listed_once()
    {
        var address = Address();
        await SubscribedAsync(address, "?consultations=new&audience=home-care-providers", AlertFrequency.Daily);
        var now = _clock.GetUtcNow().UtcDateTime;
        var consultation = await ConsultationAsync(Unique("Home care rates"), now.AddHours(3), priority: 4);
        var forum = await AddForumAsync(Unique("Home care provider forum"), EventAudience.HomeCareProviders, now.AddDays(30));

        _clock.Advance(TimeSpan.FromHours(4));
        Assert.Equal(0, await RunJobAsync()); // not due yet
        _clock.Advance(TimeSpan.FromHours(20));
        Assert.Equal(1, await RunJobAsync());
        Assert.Equal(0, await RunJobAsync());
        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await RunJobAsync()); // nothing new the next day: no email
        await CancelAsync(forum);
        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await RunJobAsync());
        await _factory.DispatchAsync();

        var summaries = MailTo(address).Skip(1).ToList();
        Assert.Equal(2, summaries.Count);
        Assert.StartsWith("Your daily summary: 2 changes", summaries[0].Message.Subject);
        Assert.Contains("New consultation: " + consultation.Title, summaries[0].Message.TextBody!);
        Assert.Contains(": new event on ", summaries[0].Message.TextBody!);
        Assert.StartsWith("Your daily summary: 1 change", summaries[1].Message.Subject);
        Assert.Contains(": cancelled", summaries[1].Message.TextBody!);
        Assert.DoesNotContain(consultation.Title, summaries[1].Message.TextBody!);
    }

    [Fact]
    public async Task Two_job_servers_at_once_send_each_consultation_and_event_once()
    {
        var addresses = new[] { Address(), Address(), Address() };
        foreach (var address in addresses)
        {
            await SubscribedAsync(address, "?consultations=new&audience=care-home-providers", AlertFrequency.Immediately);
        }

        var now = _clock.GetUtcNow().UtcDateTime;
        var consultation = await ConsultationAsync(Unique("Care home quality framework"), now.AddMinutes(3));
        var forum = await AddForumAsync(Unique("Care home forum"), EventAudience.CareHomeProviders, now.AddDays(20));
        _clock.Advance(TimeSpan.FromMinutes(5));
        await using var second = new Email.EmailFactory(_port, _clock, _factory.DataDirectory);
        var runs = await Task.WhenAll(Task.Run(() => RunJobAsync()), Task.Run(() => RunJobAsync(second)), Task.Run(() => RunJobAsync()), Task.Run(() => RunJobAsync(second)));
        Assert.Equal(addresses.Length, runs.Sum());
        Assert.Equal(0, await RunJobAsync(second));
        await _factory.DispatchAsync();
        foreach (var address in addresses)
        {
            var alert = Assert.Single(MailTo(address).Skip(1));
            Assert.Contains(consultation.Title, alert.Message.TextBody!);
            Assert.Contains("/events/" + forum, alert.Message.TextBody!);
        }
    }

    [Fact]
    public async Task A_job_server_with_its_clock_behind_never_sends_a_consultation_twice()
    {
        var address = Address();
        await SubscribedAsync(address, "?consultations=new", AlertFrequency.Immediately);
        var start = _clock.GetUtcNow();
        var consultation = await ConsultationAsync(Unique("Carers' breaks"), start.UtcDateTime.AddSeconds(108));
        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await RunJobAsync());

        // A second server 30 seconds behind runs after it: its window is empty, and it must not move the watermark
        // back to before the opening.
        await using var behind = new Email.EmailFactory(_port, new TestClock(_clock.GetUtcNow() - TimeSpan.FromSeconds(30)), _factory.DataDirectory);
        Assert.Equal(0, await RunJobAsync(behind));
        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, await RunJobAsync());
        await _factory.DispatchAsync();
        Assert.Contains(consultation.Title, Assert.Single(MailTo(address).Skip(1)).Message.TextBody!);
    }

    [Fact]
    public async Task Made_up_series_audiences_and_consultation_choices_get_the_error_summary_and_titles_are_encoded()
    {
        var client = _factory.CreateBrowserClient();
        foreach (var (name, value) in new[]
        {
            ("Input.Series", Guid.NewGuid().ToString("N")),
            ("Input.Series", "not-a-series"),
            ("Input.Audiences", "Anyone"),
            ("Input.Audiences", "InvitationOnly"),
            ("Input.Audiences", "99"),
            ("Input.NewConsultations", "maybe"),
        })
        {
            var email = Address();
            var response = await SubscribeAsync(client, "", new() { ["Input.Email"] = email, ["Input.Frequency"] = "Daily", [name] = value });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await Html.ParseAsync(response);
            Assert.StartsWith("Error: ", page.Title);
            Assert.Contains(Html.ErrorSummary(page), e => e.Contains("Choose from the priorities", StringComparison.Ordinal));
            Assert.Equal(email, page.QuerySelector("#Input_Email")!.GetAttribute("value"));
            Html.AssertErrorsDescribeTheirFields(page);
        }

        await using (var db = _factory.CreateDbContext())
        {
            Assert.False(await db.AlertSubscriptions.AnyAsync(s => s.EventAudiences != "" || s.EventSeries != "" || s.NewConsultations));
        }

        var address = Address();
        await SubscribedAsync(address, "?consultations=new", AlertFrequency.Immediately);
        var payload = TestData.All("xss").First(p => p.Contains("<script", StringComparison.OrdinalIgnoreCase));
        await ConsultationAsync(payload[..Math.Min(payload.Length, ConsultationLimits.TitleMaxLength)], _clock.GetUtcNow().UtcDateTime.AddMinutes(1));
        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await RunJobAsync());
        await _factory.DispatchAsync();
        var alert = MailTo(address).Last();
        Assert.DoesNotContain("<script", alert.Message.HtmlBody!, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_request_sent_faster_than_the_production_minimum_time_is_answered_like_a_person_and_nothing_is_stored()
    {
        using (var scope = _factory.Services.CreateScope())
        {
            // The production default, not lowered for this test.
            Assert.Equal(TimeSpan.FromSeconds(3), scope.ServiceProvider.GetRequiredService<MinimumCompletionTime>().Minimum(Web.Pages.Alerts.IndexModel.MinimumSecondsSetting));
        }

        var bots = new List<string>();
        var anonymous = _factory.CreateBrowserClient();
        var signedIn = _factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(signedIn, TestAccounts.CareHomeProvider);
        foreach (var client in new[] { anonymous, signedIn })
        {
            foreach (var (wait, started) in new (TimeSpan, string?)[]
            {
                (TimeSpan.Zero, null),
                (TimeSpan.FromSeconds(2.9), null),
                (TimeSpan.FromSeconds(10), ""), // the stamp removed
                (TimeSpan.FromSeconds(10), "forged-stamp"),
            })
            {
                var bot = Address();
                bots.Add(bot);
                var (_, form) = await Html.GetAsync(client, "/alerts?priority=5");
                _clock.Advance(wait);
                var values = new Dictionary<string, string> { ["Input.Email"] = bot, ["Input.Frequency"] = "Daily" };
                if (started is not null)
                {
                    values["Input.Started"] = started;
                }

                var response = await Html.SubmitAsync(client, form, values, "#alerts-form");
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.Equal("/alerts/check-your-email", response.Headers.Location!.OriginalString);
                await using var db = _factory.CreateDbContext();
                Assert.False(await db.AlertSubscriptions.AnyAsync(s => s.Email == bot));
            }

            // At the minimum, a person's request is stored and confirmed by email.
            var person = Address();
            var (_, page) = await Html.GetAsync(client, "/alerts?priority=5");
            _clock.Advance(TimeSpan.FromSeconds(3));
            var sent = await Html.SubmitAsync(client, page, new Dictionary<string, string> { ["Input.Email"] = person, ["Input.Frequency"] = "Daily" }, "#alerts-form");
            Assert.Equal("/alerts/check-your-email", sent.Headers.Location!.OriginalString);
            await using (var db = _factory.CreateDbContext())
            {
                Assert.True(await db.AlertSubscriptions.AnyAsync(s => s.Email == person));
            }

            // Shown again with an error, the form keeps the time it was first shown.
            var (_, again) = await Html.GetAsync(client, "/alerts");
            _clock.Advance(TimeSpan.FromSeconds(3));
            var refused = await Html.SubmitAsync(client, again, new Dictionary<string, string> { ["Input.Email"] = person, ["Input.Frequency"] = "Daily" }, "#alerts-form");
            var errors = await Html.ParseAsync(refused);
            Assert.Contains(Html.ErrorSummary(errors), e => e.Contains("Choose at least one", StringComparison.Ordinal));
            var corrected = Address();
            var fixedUp = await Html.SubmitAsync(client, errors, new Dictionary<string, string> { ["Input.Email"] = corrected, ["Input.Priorities"] = "5" }, "#alerts-form");
            Assert.Equal("/alerts/check-your-email", fixedUp.Headers.Location!.OriginalString);
            await using (var db = _factory.CreateDbContext())
            {
                Assert.True(await db.AlertSubscriptions.AnyAsync(s => s.Email == corrected));
            }
        }

        await _factory.DispatchAsync();
        Assert.All(bots, bot => Assert.Empty(MailTo(bot)));
        Assert.Equal(4, _server.Messages().Count(m => m.Message.Subject == "Confirm your email alerts")); // two people, twice each
    }
}
