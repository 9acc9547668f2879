using System.Net;
using AngleSharp.Dom;
using Engagement.IntegrationTests.Feedback;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.IntegrationTests.Triage;
using Engagement.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Engagement.IntegrationTests.FrontDoor;

/// <summary>The rate limits at their production defaults (no raised limits), each client on its own address.</summary>
public class DefaultLimitsFactory : EngagementFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimiting:FormPostsPerMinute"] = FormRateLimits.DefaultFormPostsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimiting:SubmissionsPerMinute"] = FormRateLimits.DefaultSubmissionsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Feedback:MinimumSecondsToComplete"] = "0",
    };
}

/// <summary>The same defaults behind a proxy: forwarded headers on, believed only from loopback (the default).</summary>
public sealed class BehindProxyFactory : DefaultLimitsFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings) { ["ForwardedHeaders:Enabled"] = "true" };
}

public sealed class RateLimitTests(DefaultLimitsFactory factory) : IClassFixture<DefaultLimitsFactory>
{
    [Fact]
    public async Task Several_whole_feedback_journeys_from_one_shared_address_all_go_through_at_the_defaults()
    {
        // A care home's wifi: several people, one address, each a whole journey (seven posts).
        for (var person = 0; person < 5; person++)
        {
            var client = factory.CreateBrowserClient("198.51.100.10");
            var check = await FeedbackJourney.ToCheckAnswersAsync(client, $"Shared wifi journey {person} {Guid.NewGuid():N}");
            var (response, confirmation) = await FeedbackJourney.SendAsync(client, check);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotNull(confirmation.QuerySelector(".govuk-panel--confirmation"));
        }
    }

    [Fact]
    public async Task Finished_submissions_past_the_default_are_refused_with_the_GOV_UK_page_Retry_After_and_the_answers_kept()
    {
        var client = factory.CreateBrowserClient("198.51.100.20");
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i <= FormRateLimits.DefaultSubmissionsPerMinute; i++)
        {
            var response = await Staff.PostAsync(client, "/account/forgot-password", "main form[method=post]", new() { ["Input.Email"] = $"nobody{i}@example.com" });
            statuses.Add(response.StatusCode);
            refused = response;
        }

        Assert.All(statuses.Take(FormRateLimits.DefaultSubmissionsPerMinute), s => Assert.NotEqual(HttpStatusCode.TooManyRequests, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.True(int.Parse(refused!.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);
        var page = await Html.ParseAsync(refused);
        Assert.Contains("Sorry, there is a problem", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("engagement@example.gov.uk", page.Body!.TextContent);
        var retry = page.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("main form[method=post]");
        Assert.NotNull(retry);
        Assert.Equal("/account/forgot-password", retry!.GetAttribute("action"));
        Assert.Contains(retry.Elements.OfType<AngleSharp.Html.Dom.IHtmlInputElement>(), i => i.Name == "Input.Email" && i.Value == $"nobody{FormRateLimits.DefaultSubmissionsPerMinute}@example.com");

        // Another address is not affected.
        var other = await Staff.PostAsync(factory.CreateBrowserClient("198.51.100.21"), "/account/forgot-password", "main form[method=post]", new() { ["Input.Email"] = "someone@example.com" });
        Assert.NotEqual(HttpStatusCode.TooManyRequests, other.StatusCode);
    }

    [Fact]
    public async Task Question_pages_past_the_default_form_post_limit_are_refused()
    {
        var client = factory.CreateBrowserClient("198.51.100.30");
        var (_, page) = await Html.GetAsync(client, "/feedback/who");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= FormRateLimits.DefaultFormPostsPerMinute; i++)
        {
            statuses.Add((await Html.SubmitAsync(client, page, new Dictionary<string, string> { ["Input.Role"] = "SomeoneElse" }, "form#feedback-form")).StatusCode);
        }

        // Each accepted answer redirects to the next question (post-redirect-get).
        Assert.All(statuses.Take(FormRateLimits.DefaultFormPostsPerMinute), s => Assert.Equal(HttpStatusCode.Redirect, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task A_signed_in_commissioner_is_never_limited()
    {
        var client = factory.CreateBrowserClient("198.51.100.40");
        await TestAccounts.SignInAsync(client, TestAccounts.Commissioner);
        var item = await Staff.NewItemAsync(factory, "Notes from a busy commissioner " + Guid.NewGuid().ToString("N"));
        var (_, page) = await Html.GetAsync(client, $"/staff/feedback/{item.Id}");
        var notes = FormRateLimits.DefaultFormPostsPerMinute + 10;
        for (var i = 0; i < notes; i++)
        {
            var response = await Html.SubmitAsync(client, page, new Dictionary<string, string> { ["Note.Text"] = $"Quick note {i}" }, "form#note-form");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        await using var db = factory.CreateDbContext();
        Assert.Equal(notes, await db.FeedbackNotes.CountAsync(n => n.FeedbackItemId == item.Id));
    }
}

public sealed class ForwardedHeaderTests(BehindProxyFactory factory) : IClassFixture<BehindProxyFactory>
{
    private static async Task<List<HttpStatusCode>> SignInsAsync(HttpClient client, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            var (_, page) = await Html.GetAsync(client, "/account/login");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/account/login");
            var fields = page.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("main form[method=post]")!.Elements
                .OfType<AngleSharp.Html.Dom.IHtmlInputElement>().Where(e => e.Type == "hidden")
                .Select(e => new KeyValuePair<string, string>(e.Name!, e.Value)).ToList();
            fields.Add(new("Input.Email", $"made-up{i}@example.com"));
            fields.Add(new("Input.Password", "not the password at all"));
            request.Content = new FormUrlEncodedContent(fields);
            request.Headers.Add("X-Forwarded-For", $"192.0.2.{i + 1}");
            statuses.Add((await client.SendAsync(request)).StatusCode);
        }

        return statuses;
    }

    [Fact]
    public async Task A_made_up_X_Forwarded_For_from_a_client_that_is_not_a_known_proxy_does_not_escape_the_limit()
    {
        var statuses = await SignInsAsync(factory.CreateBrowserClient("203.0.113.50"), FormRateLimits.DefaultSubmissionsPerMinute + 1);

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task The_known_proxy_s_forwarded_address_is_the_one_counted()
    {
        var statuses = await SignInsAsync(factory.CreateBrowserClient("127.0.0.1"), FormRateLimits.DefaultSubmissionsPerMinute + 2);

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses);
    }
}
