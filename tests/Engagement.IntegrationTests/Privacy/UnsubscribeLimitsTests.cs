using System.Net;
using Engagement.Infrastructure.Privacy;
using Engagement.IntegrationTests.Feedback;
using Engagement.IntegrationTests.FrontDoor;
using Engagement.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.IntegrationTests.Privacy;

/// <summary>The antiforgery-exempt one-click POST at the production default form limit.</summary>
public sealed class UnsubscribeLimitsTests(DefaultLimitsFactory factory) : IClassFixture<DefaultLimitsFactory>
{
    [Fact]
    public async Task One_click_posts_from_one_address_past_the_default_form_limit_get_429_and_another_address_is_not_limited()
    {
        var receipt = await FeedbackJourney.SubmitAsync(factory, FeedbackJourney.Command("Limit test feedback", "limits@example.org", consent: true));
        int id;
        await using (var db = factory.CreateDbContext())
        {
            id = await db.FeedbackItems.Where(f => f.Reference == receipt.Reference).Select(f => f.Id).SingleAsync();
        }

        var path = factory.Services.GetRequiredService<UnsubscribeLinks>().Path(UnsubscribeKind.ProgressEmails, [id]);
        var flood = factory.CreateBrowserClient("198.51.100.77");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= FormRateLimits.DefaultFormPostsPerMinute; i++)
        {
            var response = await flood.PostAsync(path, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses.Take(FormRateLimits.DefaultFormPostsPerMinute), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);

        var mailClient = factory.CreateBrowserClient("198.51.100.78");
        var other = await mailClient.PostAsync(path, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        await using var check = factory.CreateDbContext();
        Assert.False(await check.FeedbackItems.Where(f => f.Id == id).Select(f => f.ConsentToProgressUpdates).SingleAsync());
    }
}
