using System.Net;
using Engagement.IntegrationTests.FrontDoor;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.Web.Security;

namespace Engagement.IntegrationTests.Alerts;

/// <summary>The alerts form is an anonymous submission: limited per client at the production default.</summary>
public sealed class AlertRateLimitTests(DefaultLimitsFactory factory) : IClassFixture<DefaultLimitsFactory>
{
    [Fact]
    public async Task Alert_requests_past_the_default_submission_limit_are_refused_with_the_answers_kept()
    {
        var client = factory.CreateBrowserClient("198.51.100.77");
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage last = null!;
        for (var i = 0; i <= FormRateLimits.DefaultSubmissionsPerMinute; i++)
        {
            var (_, page) = await Html.GetAsync(client, "/alerts?priority=5");
            last = await Html.SubmitAsync(client, page, new Dictionary<string, string> { ["Input.Email"] = $"limit{i}@example.org", ["Input.Frequency"] = "Daily" }, "#alerts-form");
            statuses.Add(last.StatusCode);
        }

        Assert.All(statuses.Take(FormRateLimits.DefaultSubmissionsPerMinute), s => Assert.Equal(HttpStatusCode.Redirect, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.True(last.Headers.RetryAfter is not null);
    }
}
