using System.Net;
using Engagement.IntegrationTests.Feedback;
using Engagement.IntegrationTests.Infrastructure;

namespace Engagement.IntegrationTests.Foundation;

public sealed class LimitsAndLogsTests(FeedbackFactory factory) : IClassFixture<FeedbackFactory>
{
    [Fact]
    public async Task An_oversize_body_gets_413_with_the_GOVUK_error_page()
    {
        var client = factory.CreateBrowserClient();
        var (_, page) = await Html.GetAsync(client, "/feedback/who");
        var huge = new string('x', 300 * 1024);

        var response = await Html.SubmitAsync(client, page, new Dictionary<string, string> { ["Input.Text"] = huge }, "form#feedback-form");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var error = await Html.ParseAsync(response);
        Assert.Equal("What you sent was too large", error.QuerySelector("h1").Text());
    }

    [Fact]
    public async Task Feedback_text_and_contact_details_never_reach_the_logs()
    {
        var sentinel = "SENTINEL-" + Guid.NewGuid().ToString("N");
        var email = $"{sentinel.ToLowerInvariant()}@example.org";
        var client = factory.CreateBrowserClient();

        var check = await FeedbackJourney.ToCheckAnswersAsync(client, "My words " + sentinel, new Dictionary<string, string>
        {
            ["Input.ContactName"] = "Name " + sentinel,
            ["Input.ContactEmail"] = email,
            ["Input.ConsentToProgressUpdates"] = "true",
        });
        var (_, confirmation) = await FeedbackJourney.SendAsync(client, check);
        Assert.Equal("Feedback sent", confirmation.QuerySelector(".govuk-panel__title").Text());

        Assert.NotEmpty(factory.Logs.Lines);
        var leaks = factory.Logs.Lines.Where(l => l.Contains(sentinel, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(leaks.Count == 0, "Personal data in the logs:\n" + string.Join("\n", leaks));
    }
}
