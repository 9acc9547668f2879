using Engagement.Domain.Feedback;
using Engagement.IntegrationTests.Feedback;
using Engagement.IntegrationTests.Infrastructure;

namespace Engagement.IntegrationTests.Privacy;

public sealed class DataRequestsHostileInputTests(PrivacyFactory factory) : IClassFixture<PrivacyFactory>
{
    [Fact]
    public async Task Every_xss_payload_as_feedback_text_and_name_comes_out_encoded_on_the_held_data_page_and_in_the_json()
    {
        const string email = "hostile@example.org";
        var payloads = TestData.All("xss").Where(p => p.Length <= FeedbackLimits.NameMaxLength).Take(150).ToList();
        foreach (var payload in payloads)
        {
            await FeedbackJourney.SubmitAsync(factory, FeedbackJourney.Command(payload, email, consent: true) with { ContactName = payload });
        }

        var client = factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(client, TestAccounts.Commissioner);
        var (_, list) = await Html.GetAsync(client, "/staff/data-requests");
        var layoutScripts = list.QuerySelectorAll("script").Length;
        var (_, form) = await Html.GetAsync(client, "/staff/data-requests/new");
        var today = DateTime.UtcNow;
        var recorded = await Html.SubmitAsync(client, form, new Dictionary<string, string>
        {
            ["Input.Kind"] = "Access",
            ["Input.ReceivedOn.Day"] = today.Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.ReceivedOn.Month"] = today.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.ReceivedOn.Year"] = today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var (_, request) = await Html.GetAsync(client, recorded.Headers.Location!.OriginalString);
        var found = await Html.ParseAsync(await Html.SubmitAsync(client, request, new Dictionary<string, string> { ["Query"] = email }, "form[action*='handler=Search']"));

        Assert.Equal(payloads.Count, found.QuerySelectorAll(".app-held-feedback").Length);
        Assert.Equal(layoutScripts, found.QuerySelectorAll("script").Length);
        Assert.Empty(found.QuerySelectorAll("iframe, object, embed, svg, img, math, base"));
        Assert.DoesNotContain(found.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        var text = found.QuerySelector("main")!.TextContent;
        Assert.All(payloads, p => Assert.Contains(p.Trim(), text));

        var export = await Html.SubmitAsync(client, found, new Dictionary<string, string>(), "form[action*='handler=Export']");
        Assert.Equal("application/json", export.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", export.Headers.GetValues("X-Content-Type-Options").Single());
        var json = System.Text.Json.JsonDocument.Parse(await export.Content.ReadAsStringAsync()).RootElement;
        await using var db = factory.CreateDbContext();
        var stored = Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.FeedbackItems.Where(f => f.ContactEmail == email).OrderBy(f => f.Id).Select(f => f.Text));
        Assert.Equal(await stored, json.GetProperty("Feedback").EnumerateArray().Select(f => f.GetProperty("Text").GetString()!));
    }
}
