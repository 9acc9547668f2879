using System.Net;
using Engagement.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.IntegrationTests.Foundation;

public sealed class PublicPagesTests(EngagementFactory factory) : IClassFixture<EngagementFactory>
{
    public static TheoryData<string> PublicPages => new()
    {
        "/", "/priorities", "/priorities/1", "/priorities/18", "/accessibility", "/privacy", "/cookies",
        "/contact", "/safeguarding", "/complaints", "/account/login", "/account/forgot-password",
    };

    [Theory]
    [MemberData(nameof(PublicPages))]
    public async Task Every_public_page_answers_200_in_the_GOVUK_shell(string url)
    {
        var client = factory.CreateBrowserClient();
        var (response, page) = await Html.GetAsync(client, url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(page.QuerySelector("html.govuk-template[lang='en-GB']"));
        Assert.NotNull(page.QuerySelector("a.govuk-skip-link[href='#main-content']"));
        Assert.NotNull(page.QuerySelector("header.govuk-generic-header"));
        Assert.NotNull(page.QuerySelector(".govuk-service-navigation"));
        Assert.NotNull(page.QuerySelector(".govuk-phase-banner"));
        Assert.NotNull(page.QuerySelector("main#main-content h1"));
        foreach (var link in new[] { "/accessibility", "/privacy", "/cookies", "/contact", "/safeguarding", "/complaints" })
        {
            Assert.NotNull(page.QuerySelector($"footer a[href='{link}']"));
        }

        var navigation = page.QuerySelectorAll(".govuk-service-navigation__link").Select(a => a.Text()).ToList();
        Assert.Contains("Give feedback", navigation);
        Assert.Contains("Events", navigation);
        Assert.Contains("You said, we did", navigation);
        Assert.Contains("Priorities", navigation);

        // No crown, no crest, no GOV.UK header or typeface.
        var html = page.DocumentElement.OuterHtml;
        Assert.DoesNotContain("govuk-header__logotype", html);
        Assert.DoesNotContain("govuk-footer__crown", html);
        Assert.DoesNotContain("govuk-crest", html);
    }

    [Fact]
    public async Task Priorities_page_lists_the_eighteen_priorities_grouped_by_section()
    {
        var (_, page) = await Html.GetAsync(factory.CreateBrowserClient(), "/priorities");

        var links = page.QuerySelectorAll("main a[href^='/priorities/']").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(Enumerable.Range(1, 18).Select(n => $"/priorities/{n}"), links);
        Assert.Equal(
            ["Home care", "Residential and nursing homes", "Extra care housing", "Assistive technology", "Workforce recruitment and retention", "Co-production"],
            page.QuerySelectorAll("main h2").Select(h => h.Text()).ToList());
        Assert.Equal(3, page.QuerySelectorAll("main .govuk-tag--turquoise").Length);
    }

    [Fact]
    public async Task A_priority_that_does_not_exist_is_a_404_page()
    {
        var (response, page) = await Html.GetAsync(factory.CreateBrowserClient(), "/priorities/19");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Page not found", page.QuerySelector("h1").Text());
    }

    [Fact]
    public async Task An_unknown_address_is_a_404_page_for_anonymous_users()
    {
        var (response, page) = await Html.GetAsync(factory.CreateBrowserClient(), "/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Page not found", page.QuerySelector("h1").Text());
    }

    [Fact]
    public async Task Health_endpoints_report_live_and_ready()
    {
        var client = factory.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_web_root_served_is_the_top_level_wwwroot()
    {
        var environment = factory.Services.GetRequiredService<IWebHostEnvironment>();
        var repositoryRoot = Directory.GetParent(environment.WebRootPath)!.FullName;

        Assert.True(File.Exists(Path.Combine(repositoryRoot, "Engagement.sln")));
        Assert.False(Directory.Exists(Path.Combine(repositoryRoot, "src", "Engagement.Web", "wwwroot")));
        var served = await factory.CreateBrowserClient().GetByteArrayAsync("/css/application.css");
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(repositoryRoot, "wwwroot", "css", "application.css")), served);
    }
}
