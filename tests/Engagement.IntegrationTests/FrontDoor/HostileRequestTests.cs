using System.Net;
using System.Text;
using AngleSharp.Dom;
using Engagement.IntegrationTests.Feedback;
using Engagement.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Engagement.IntegrationTests.FrontDoor;

/// <summary>Hostile but ordinary requests answer 4xx with a GOV.UK page, never 5xx.</summary>
public sealed class HostileRequestTests(FeedbackFactory factory) : IClassFixture<FeedbackFactory>
{
    private async Task<(HttpClient Client, string Token)> FormAsync()
    {
        var client = factory.CreateBrowserClient();
        var (_, page) = await Html.GetAsync(client, "/feedback/who");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return (client, token);
    }

    private static async Task AssertGovukErrorAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.NotNull(page.QuerySelector("h1.govuk-heading-l"));
        Assert.DoesNotContain("   at ", page.Body!.TextContent);
    }

    [Fact]
    public async Task Oversize_bodies_get_413_whether_or_not_they_declare_their_length()
    {
        var (client, token) = await FormAsync();
        var huge = "__RequestVerificationToken=" + token + "&Input.Text=" + new string('x', 300 * 1024);

        using var declared = new StringContent(huge, Encoding.ASCII, "application/x-www-form-urlencoded");
        await AssertGovukErrorAsync(await client.PostAsync("/feedback/text", declared), HttpStatusCode.RequestEntityTooLarge);

        using var chunked = new StreamContent(new MemoryStream(Encoding.ASCII.GetBytes(huge)));
        chunked.Headers.ContentType = new("application/x-www-form-urlencoded");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/feedback/text") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        await AssertGovukErrorAsync(await client.SendAsync(request), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Too_many_or_too_deep_form_keys_and_malformed_multipart_get_400()
    {
        var (client, token) = await FormAsync();

        var many = string.Join("&", Enumerable.Range(0, 1100).Select(i => $"k{i}=v")) + "&__RequestVerificationToken=" + token;
        await AssertGovukErrorAsync(await client.PostAsync("/feedback/who", new StringContent(many, Encoding.ASCII, "application/x-www-form-urlencoded")), HttpStatusCode.BadRequest);

        var deep = "__RequestVerificationToken=" + token + "&Input" + string.Concat(Enumerable.Repeat("[a]", 200)) + "=x&Input.Role=Resident";
        var deepResponse = await client.PostAsync("/feedback/who", new StringContent(deep, Encoding.ASCII, "application/x-www-form-urlencoded"));
        Assert.True((int)deepResponse.StatusCode < 500, $"deep keys: {(int)deepResponse.StatusCode}");

        using var multipart = new StringContent("--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end boundary", Encoding.ASCII);
        multipart.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=xyz");
        await AssertGovukErrorAsync(await client.PostAsync("/feedback/who", multipart), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_control_character_in_the_feedback_text_gets_a_field_message_and_keeps_the_answer_and_a_NUL_gets_400()
    {
        var client = factory.CreateBrowserClient();
        var (_, page) = await Html.GetAsync(client, "/feedback/who");
        page = await FeedbackJourney.PostAsync(client, page, new() { ["Input.Role"] = "CarerOrFamily" });
        page = await FeedbackJourney.PostAsync(client, page, new() { ["Input.Section"] = "HomeCare" });
        foreach (var bad in new[] { "Bell\u0007 rings", "Escape \u001b[31m red", "Back\u0008space" })
        {
            var refused = await FeedbackJourney.PostAsync(client, page, new() { ["Input.Text"] = bad });
            Assert.StartsWith("Error: ", refused.Title);
            Assert.Contains("hidden character", Html.ErrorSummary(refused).Single());
            Assert.StartsWith(bad[..4], refused.QuerySelector("textarea[name='Input.Text']")!.TextContent.TrimStart('\n'));
        }

        // ASP.NET Core's form reader cannot read a NUL at all ("the form value contains invalid characters"), so that
        // form is refused whole with the GOV.UK 400 page; nobody can type one.
        var nul = await Html.SubmitAsync(client, page, new Dictionary<string, string> { ["Input.Text"] = "Before\0after" }, "form#feedback-form");
        await AssertGovukErrorAsync(nul, HttpStatusCode.BadRequest);

        await using var db = factory.CreateDbContext();
        Assert.False(await db.FeedbackItems.AnyAsync(f => f.Text.StartsWith("Bell") || f.Text.StartsWith("Before")));
    }

    [Fact]
    public async Task The_hangfire_statistics_address_fetched_by_an_administrator_gets_405_not_a_fault()
    {
        var client = factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(client, TestAccounts.Admin);

        await AssertGovukErrorAsync(await client.GetAsync("/hangfire/stats"), HttpStatusCode.MethodNotAllowed);
    }

    [Theory]
    [InlineData("/〱google.com")]
    [InlineData("/\u3031google.com/%2e%2e")]
    [InlineData("//evil.example")]
    [InlineData("/ok\r\nSet-Cookie: x=y")]
    public async Task An_unsafe_return_url_falls_back_to_the_default_page(string returnUrl)
    {
        var client = factory.CreateBrowserClient();
        var (get, page) = await Html.GetAsync(client, "/account/login?returnUrl=" + Uri.EscapeDataString(returnUrl));
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        var response = await Html.SubmitAsync(client, page, new Dictionary<string, string>
        {
            ["Input.Email"] = TestAccounts.CareHomeProvider,
            ["Input.Password"] = EngagementFactory.DemoPassword,
        }, "main form[method=post]", "/account/login?returnUrl=" + Uri.EscapeDataString(returnUrl));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }
}

