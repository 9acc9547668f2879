using System.Net;
using System.Text.RegularExpressions;
using Engagement.Domain.Alerts;
using Engagement.Domain.Common;
using Engagement.Domain.Responses;
using Engagement.IntegrationTests.Email;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.IntegrationTests.PublicLog;
using Engagement.Web.Features.Alerts;
using Engagement.Web.Features.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.IntegrationTests.Alerts;

/// <summary>
/// Email alerts end to end against the real SMTP test server: subscribe, confirm once, one email per change, summaries
/// on a fake clock, expiry, unsubscribing by the link and by RFC 8058 one-click POST, two job servers, hostile input.
/// </summary>
public sealed partial class AlertTests : IAsyncLifetime
{
    private readonly int _port = SmtpServerProcess.FreePort();
    private readonly string _mailFolder = Path.Combine(Path.GetTempPath(), "engagement-tests", "smtp-" + Guid.NewGuid().ToString("N"));
    private readonly TestClock _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private EmailFactory _factory = null!;
    private SmtpServerProcess _server = null!;

    public async Task InitializeAsync()
    {
        _factory = new EmailFactory(_port, _clock);
        _ = _factory.Services;
        _server = await SmtpServerProcess.StartAsync(_port, _mailFolder);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _factory.DisposeAsync();
        if (Directory.Exists(_mailFolder))
        {
            Directory.Delete(_mailFolder, recursive: true);
        }
    }

    [GeneratedRegex(@"https://engagement\.council\.example(/alerts/confirm/[A-Za-z0-9_-]+)")]
    private static partial Regex ConfirmLink();

    private static string Address() => $"alerts-{Guid.NewGuid():N}@example.org";

    private async Task<HttpResponseMessage> SubscribeAsync(HttpClient client, string query, Dictionary<string, string> values)
    {
        var (_, page) = await Html.GetAsync(client, "/alerts" + query);
        _clock.Advance(TimeSpan.FromSeconds(MinimumCompletionTime.DefaultSeconds)); // a person takes at least the minimum time
        return await Html.SubmitAsync(client, page, values, "#alerts-form");
    }

    private List<SmtpServerProcess.Received> MailTo(string address)
    {
        return _server.Messages().Where(m => m.EnvelopeRecipients.Contains(address)).ToList();
    }

    /// <summary>Subscribes through the form, sends the outbox, follows the confirmation link; returns the client.</summary>
    private async Task<HttpClient> SubscribedAsync(string address, string query, AlertFrequency frequency)
    {
        var client = _factory.CreateBrowserClient();
        var response = await SubscribeAsync(client, query, new() { ["Input.Email"] = address, ["Input.Frequency"] = frequency.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/alerts/check-your-email", response.Headers.Location!.OriginalString);
        await _factory.DispatchAsync();
        var confirmation = Assert.Single(MailTo(address));
        var link = ConfirmLink().Match(confirmation.Message.TextBody!).Groups[1].Value;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(link)).StatusCode);
        return client;
    }

    private async Task<ResponseEntry> EntryAsync(string title, int priority, ServiceSection section = ServiceSection.HomeCare) =>
        await PublicLogTestSupport.AddEntryAsync(_factory, title, "People said something.", _clock.GetUtcNow().UtcDateTime, section, [priority]);

    private async Task ChangeAsync(ResponseEntry entry, ResponseStatus to)
    {
        await using var db = _factory.CreateDbContext();
        var loaded = await db.ResponseEntries.Include(e => e.History).SingleAsync(e => e.Id == entry.Id);
        var result = loaded.ChangeStatus(to, "What we did next", to == ResponseStatus.ActionPlanned ? new DateOnly(2027, 1, 1) : null, "test-user", _clock.GetUtcNow().UtcDateTime);
        Assert.True(result.Succeeded, result.Error);
        await db.SaveChangesAsync();
    }

    private async Task<int> RunJobAsync(EmailFactory? factory = null)
    {
        using var scope = (factory ?? _factory).Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AlertJob>().RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Subscribe_confirm_once_get_one_email_per_change_and_unsubscribe_by_one_click_post()
    {
        var address = Address();
        var client = _factory.CreateBrowserClient();
        var (_, form) = await Html.GetAsync(client, "/alerts?priority=5&status=completed");
        Assert.True(form.QuerySelector("#Input_Priorities-5")!.HasAttribute("checked"));
        Assert.True(form.QuerySelector("#Input_Statuses-Completed")!.HasAttribute("checked"));
        Assert.False(form.QuerySelector("#Input_Priorities-6")!.HasAttribute("checked"));

        var followed = await EntryAsync("Care home fees explained " + Guid.NewGuid().ToString("N")[..6], 5);
        var other = await EntryAsync("Not followed " + Guid.NewGuid().ToString("N")[..6], 6);

        // Nothing but the confirmation goes to an unconfirmed address.
        var response = await SubscribeAsync(client, "?priority=5", new() { ["Input.Email"] = address, ["Input.Frequency"] = "Immediately" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await ChangeAsync(followed, ResponseStatus.ActionPlanned);
        Assert.Equal(0, await RunJobAsync());
        await _factory.DispatchAsync();
        var confirmation = Assert.Single(MailTo(address));
        var link = ConfirmLink().Match(confirmation.Message.TextBody!).Groups[1].Value;

        var (confirmed, confirmedPage) = await Html.GetAsync(client, link);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.NotNull(confirmedPage.QuerySelector("#manage-link"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(link)).StatusCode); // single use

        // A change before confirming is not sent; one after is, once; a change to an entry not followed is not.
        await ChangeAsync(followed, ResponseStatus.InProgress);
        await ChangeAsync(other, ResponseStatus.ActionPlanned);
        Assert.Equal(1, await RunJobAsync());
        Assert.Equal(0, await RunJobAsync());
        await _factory.DispatchAsync();
        var alert = Assert.Single(MailTo(address).Skip(1));
        Assert.Contains(followed.Title + ": In progress", alert.Message.TextBody!);
        Assert.Contains("/you-said-we-did/" + followed.Reference, alert.Message.TextBody!);
        Assert.DoesNotContain(other.Title, alert.Message.TextBody!);
        Assert.DoesNotContain("Action planned", alert.Message.TextBody!);
        Assert.Equal("List-Unsubscribe=One-Click", alert.Message.Headers["List-Unsubscribe-Post"]);
        var unsubscribe = alert.Message.Headers["List-Unsubscribe"]!.Trim('<', '>');
        Assert.Contains("/unsubscribe/", unsubscribe);
        Assert.DoesNotContain("/alerts/unsubscribe/", unsubscribe);
        Assert.Contains(unsubscribe, alert.Message.TextBody!);
        Assert.Contains("/alerts/manage/", alert.Message.TextBody!);

        // RFC 8058: a mail provider posts "List-Unsubscribe=One-Click" with no cookie and no antiforgery token.
        var oneClick = await _factory.CreateBrowserClient().PostAsync(new Uri(unsubscribe).PathAndQuery,
            new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        await using (var db = _factory.CreateDbContext())
        {
            Assert.False(await db.AlertSubscriptions.AnyAsync(s => s.Email == address));
        }

        await ChangeAsync(followed, ResponseStatus.Completed);
        await RunJobAsync();
        await _factory.DispatchAsync();
        Assert.Equal(2, MailTo(address).Count);
        // Unsubscribing twice is harmless: the subscription has gone, so there is nothing left to stop.
        var twice = await _factory.CreateBrowserClient().PostAsync(new Uri(unsubscribe).PathAndQuery, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
    }

    [Fact]
    public async Task The_manage_link_shows_the_alerts_and_its_button_stops_them_and_a_forged_link_is_not_found()
    {
        var address = Address();
        var client = await SubscribedAsync(address, "?section=extra-care-housing", AlertFrequency.Weekly);
        var entry = await EntryAsync("Extra care costs " + Guid.NewGuid().ToString("N")[..6], 9, ServiceSection.ExtraCareHousing);
        await ChangeAsync(entry, ResponseStatus.ActionPlanned);
        _clock.Advance(TimeSpan.FromDays(7));
        Assert.Equal(1, await RunJobAsync());
        await _factory.DispatchAsync();
        var alert = MailTo(address).Last();
        var manage = Regex.Match(alert.Message.TextBody!, @"https://engagement\.council\.example(/alerts/manage/\S+)").Groups[1].Value;

        var (response, page) = await Html.GetAsync(client, manage);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(address, page.QuerySelector("#subscription")!.TextContent);
        Assert.Contains("Extra care housing", page.QuerySelector("#subscription")!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("weekly", page.QuerySelector("#subscription")!.TextContent);

        foreach (var forged in new[] { manage[..^3] + "abc", "/alerts/manage/" + new string('A', 2000), "/alerts/manage/x", "/alerts/manage/1.stamp" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(forged)).StatusCode);
        }

        var stopped = await Html.SubmitAsync(client, page, new Dictionary<string, string>(), "#unsubscribe-form");
        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        Assert.NotNull((await Html.ParseAsync(stopped)).QuerySelector("#unsubscribed"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(manage)).StatusCode);
    }

    [Fact]
    public async Task Daily_and_weekly_summaries_wait_for_their_time_and_list_each_change_once()
    {
        var daily = Address();
        var weekly = Address();
        var entry = await EntryAsync("Falls sensors on loan " + Guid.NewGuid().ToString("N")[..6], 12);
        await SubscribedAsync(daily, "?priority=12", AlertFrequency.Daily);
        await SubscribedAsync(weekly, "?priority=12", AlertFrequency.Weekly);

        await ChangeAsync(entry, ResponseStatus.ActionPlanned);
        _clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, await RunJobAsync()); // neither is due yet
        await ChangeAsync(entry, ResponseStatus.InProgress);

        _clock.Advance(TimeSpan.FromHours(22));
        Assert.Equal(1, await RunJobAsync()); // the daily one, with both changes
        Assert.Equal(0, await RunJobAsync());
        await ChangeAsync(entry, ResponseStatus.Completed);
        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await RunJobAsync()); // the next day's, with the new change only
        _clock.Advance(TimeSpan.FromDays(5));
        Assert.Equal(1, await RunJobAsync()); // the weekly one, all three
        await _factory.DispatchAsync();

        var dailies = MailTo(daily).Skip(1).ToList();
        Assert.Equal(2, dailies.Count);
        Assert.StartsWith("Your daily summary: 2 changes", dailies[0].Message.Subject);
        Assert.Contains(": Action planned", dailies[0].Message.TextBody!);
        Assert.Contains(": In progress", dailies[0].Message.TextBody!);
        Assert.StartsWith("Your daily summary: 1 change", dailies[1].Message.Subject);
        Assert.Contains(": Completed", dailies[1].Message.TextBody!);
        Assert.DoesNotContain(": In progress", dailies[1].Message.TextBody!);
        var weeklies = MailTo(weekly).Skip(1).ToList();
        Assert.StartsWith("Your weekly summary: 3 changes", Assert.Single(weeklies).Message.Subject);
    }

    [Fact]
    public async Task An_unconfirmed_request_is_deleted_after_three_days_and_its_link_stops_working()
    {
        var address = Address();
        var client = _factory.CreateBrowserClient();
        await SubscribeAsync(client, "?priority=3", new() { ["Input.Email"] = address, ["Input.Frequency"] = "Daily" });
        await _factory.DispatchAsync();
        var link = ConfirmLink().Match(Assert.Single(MailTo(address)).Message.TextBody!).Groups[1].Value;

        _clock.Advance(TimeSpan.FromDays(3) - TimeSpan.FromMinutes(1));
        await RunJobAsync();
        await using (var db = _factory.CreateDbContext())
        {
            Assert.True(await db.AlertSubscriptions.AnyAsync(s => s.Email == address));
        }

        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(link)).StatusCode);
        await RunJobAsync();
        await using (var db = _factory.CreateDbContext())
        {
            Assert.False(await db.AlertSubscriptions.AnyAsync(s => s.Email == address));
        }
    }

    [Fact]
    public async Task Two_job_servers_at_once_send_each_subscriber_one_email_per_change()
    {
        var addresses = new[] { Address(), Address(), Address() };
        foreach (var address in addresses)
        {
            await SubscribedAsync(address, "?priority=14", AlertFrequency.Immediately);
        }

        var entry = await EntryAsync("Recruitment campaign " + Guid.NewGuid().ToString("N")[..6], 14, ServiceSection.Workforce);
        await ChangeAsync(entry, ResponseStatus.ActionPlanned);
        await using var second = new EmailFactory(_port, _clock, _factory.DataDirectory);
        var runs = await Task.WhenAll(Task.Run(() => RunJobAsync()), Task.Run(() => RunJobAsync(second)), Task.Run(() => RunJobAsync()));
        Assert.Equal(addresses.Length, runs.Sum());
        await _factory.DispatchAsync();
        foreach (var address in addresses)
        {
            Assert.Single(MailTo(address).Skip(1));
        }
    }

    [Fact]
    public async Task Hostile_input_gets_the_error_summary_with_answers_kept_and_hostile_titles_are_encoded_in_the_email()
    {
        var client = _factory.CreateBrowserClient();
        foreach (var (values, field) in new (Dictionary<string, string>, string)[]
        {
            (new() { ["Input.Email"] = "", ["Input.Frequency"] = "Daily", ["Input.Priorities"] = "5" }, "Enter your email address"),
            (new() { ["Input.Email"] = "a@example.org\r\nBcc: victim@example.org", ["Input.Frequency"] = "Daily", ["Input.Priorities"] = "5" }, "correct format"),
            (new() { ["Input.Email"] = "<script>alert(1)</script>@example.org", ["Input.Frequency"] = "Daily", ["Input.Priorities"] = "5" }, "correct format"),
            (new() { ["Input.Email"] = "ok@example.org", ["Input.Frequency"] = "Daily", ["Input.Priorities"] = "999" }, "Choose from the priorities"),
            (new() { ["Input.Email"] = "ok@example.org", ["Input.Frequency"] = "Daily" }, "Choose at least one"),
            (new() { ["Input.Email"] = "ok@example.org", ["Input.Frequency"] = "Hourly", ["Input.Priorities"] = "5" }, "Choose how often"),
            (new() { ["Input.Email"] = "ok@example.org", ["Input.Frequency"] = "7", ["Input.Priorities"] = "5" }, "Choose how often"),
            (new() { ["Input.Email"] = new string('a', 300) + "@example.org", ["Input.Frequency"] = "Daily", ["Input.Statuses"] = "Completed" }, "correct format"),
        })
        {
            var response = await SubscribeAsync(client, "", values);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await Html.ParseAsync(response);
            Assert.StartsWith("Error: ", page.Title);
            Assert.Contains(Html.ErrorSummary(page), e => e.Contains(field, StringComparison.Ordinal));
            if (!values["Input.Email"].Any(char.IsControl))
            {
                Assert.Equal(values["Input.Email"], page.QuerySelector("#Input_Email")!.GetAttribute("value") ?? ""); // answers kept
            }

            Html.AssertErrorsDescribeTheirFields(page);
        }

        // A filled honeypot is answered like a person, and nothing is stored or sent.
        var bot = Address();
        var botResponse = await SubscribeAsync(client, "?priority=5", new() { ["Input.Email"] = bot, ["Input.Frequency"] = "Daily", ["Input.Website"] = "http://spam.example" });
        Assert.Equal("/alerts/check-your-email", botResponse.Headers.Location!.OriginalString);
        await _factory.DispatchAsync();
        Assert.Empty(MailTo(bot));

        await using (var db = _factory.CreateDbContext())
        {
            Assert.False(await db.AlertSubscriptions.AnyAsync(s => s.Email.Contains("victim") || s.Email.Contains("script") || s.Email == bot));
        }

        var address = Address();
        await SubscribedAsync(address, "?priority=2", AlertFrequency.Immediately);
        var payload = TestData.All("xss").First(p => p.Contains("<script", StringComparison.OrdinalIgnoreCase));
        var hostile = await EntryAsync(payload, 2);
        await ChangeAsync(hostile, ResponseStatus.ActionPlanned);
        Assert.Equal(1, await RunJobAsync());
        await _factory.DispatchAsync();
        var alert = MailTo(address).Last();
        Assert.DoesNotContain("<script", alert.Message.HtmlBody!, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(payload), alert.Message.HtmlBody);
    }
}
