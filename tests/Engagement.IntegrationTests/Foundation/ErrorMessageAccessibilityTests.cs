using Engagement.IntegrationTests.Feedback;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.IntegrationTests.Triage;
using static Engagement.IntegrationTests.Events.EventsTestSupport;

namespace Engagement.IntegrationTests.Foundation;

/// <summary>Every error message on every form is announced with its field (aria-describedby), radios and checkboxes included.</summary>
public sealed class ErrorMessageAccessibilityTests(FeedbackFactory factory) : IClassFixture<FeedbackFactory>
{
    [Fact]
    public async Task Public_forms_tie_every_error_message_to_its_field()
    {
        var client = factory.CreateBrowserClient();
        var (_, who) = await Html.GetAsync(client, "/feedback/who");
        Html.AssertErrorsDescribeTheirFields(await FeedbackJourney.PostAsync(client, who, []));

        var providerType = await FeedbackJourney.PostAsync(client, who, new() { ["Input.Role"] = "CareProvider" });
        Html.AssertErrorsDescribeTheirFields(await FeedbackJourney.PostAsync(client, providerType, []));
        var about = await FeedbackJourney.PostAsync(client, providerType, new() { ["Input.ProviderType"] = "HomeCare" });
        Html.AssertErrorsDescribeTheirFields(await FeedbackJourney.PostAsync(client, about, []));

        var eventId = await AddEventAsync(factory, capacity: 5, title: "Accessible errors workshop", startsIn: TimeSpan.FromDays(20));
        var (_, booking) = await Html.GetAsync(client, $"/events/{eventId}/register");
        var refused = await Html.ParseAsync(await Html.SubmitAsync(client, booking, new Dictionary<string, string> { ["Input.Name"] = "", ["Input.Email"] = "not-an-email" }, "form#registration-form"));
        Html.AssertErrorsDescribeTheirFields(refused);

        var (_, registration) = await Html.GetAsync(client, "/account/register-provider");
        Html.AssertErrorsDescribeTheirFields(await Html.ParseAsync(await Html.SubmitAsync(client, registration, new Dictionary<string, string>())));
    }

    [Fact]
    public async Task Staff_forms_tie_every_error_message_to_its_field()
    {
        var client = await Staff.CommissionerAsync(factory);
        foreach (var url in new[] { "/staff/events/new", "/staff/feedback/new", "/staff/responses/new" })
        {
            var (_, form) = await Html.GetAsync(client, url);
            var values = new Dictionary<string, string> { ["Input.Title"] = "", ["Input.Capacity"] = "0", ["Input.Text"] = "" };
            var page = await Html.ParseAsync(await Html.SubmitAsync(client, form, values, "main form[method=post]"));
            Html.AssertErrorsDescribeTheirFields(page);
        }

        var item = await Staff.NewItemAsync(factory, "An item for the not for publication form " + Guid.NewGuid().ToString("N"));
        var notForPublication = await Html.ParseAsync(await Staff.PostAsync(client, $"/staff/feedback/{item.Id}", "form#not-for-publication-form", new()));
        Html.AssertErrorsDescribeTheirFields(notForPublication);
    }
}
