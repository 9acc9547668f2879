using System.Net;
using Engagement.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Engagement.IntegrationTests.Foundation;

[Collection(HangfireDashboardCollection.Name)]
public sealed class SecurityBaselineTests(EngagementFactory factory) : IClassFixture<EngagementFactory>
{
    [Fact]
    public async Task Staff_area_sends_anonymous_users_to_sign_in()
    {
        var response = await factory.CreateBrowserClient().GetAsync("/staff");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Staff_area_forbids_a_provider()
    {
        var client = factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(client, TestAccounts.CareHomeProvider);

        var response = await client.GetAsync("/staff");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Commissioner_reaches_staff_but_not_admin_or_hangfire()
    {
        var client = factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(client, TestAccounts.Commissioner);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/staff")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await client.GetAsync("/admin")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await client.GetAsync("/hangfire")).StatusCode);
    }

    [Fact]
    public async Task Admin_reaches_the_hangfire_dashboard()
    {
        var client = factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(client, TestAccounts.Admin);

        var response = await client.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Hangfire", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Security_headers_are_on_every_page()
    {
        var response = await factory.CreateBrowserClient().GetAsync("/");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();

        Assert.Matches("script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.False(response.Headers.Contains("Server"));

        var again = await factory.CreateBrowserClient().GetAsync("/");
        Assert.NotEqual(csp, again.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Script_tags_carry_the_response_nonce()
    {
        var response = await factory.CreateBrowserClient().GetAsync("/");
        var nonce = System.Text.RegularExpressions.Regex.Match(response.Headers.GetValues("Content-Security-Policy").Single(), "'nonce-([^']+)'").Groups[1].Value;
        var page = await Html.ParseAsync(response);

        var scripts = page.QuerySelectorAll("script").ToList();
        Assert.NotEmpty(scripts);
        Assert.All(scripts, s => Assert.Equal(nonce, s.GetAttribute("nonce")));
    }

    [Fact]
    public async Task Cookies_are_secure_httponly_samesite_and_host_prefixed()
    {
        var response = await factory.CreateBrowserClient().GetAsync("/account/login");
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();

        Assert.NotEmpty(cookies);
        Assert.All(cookies, c =>
        {
            Assert.StartsWith("__Host-", c);
            Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("httponly", c, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite", c, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("path=/", c, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public async Task Hsts_is_sent_over_https_to_a_real_host_name_outside_development()
    {
        using var production = new ProductionFactory();
        var client = production.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://engagement.example.gov.uk") });

        var response = await client.GetAsync("/");

        var hsts = response.Headers.GetValues("Strict-Transport-Security").Single();
        Assert.Contains("max-age=31536000", hsts);
        Assert.Contains("includeSubDomains", hsts);
    }

    [Fact]
    public async Task A_post_without_an_antiforgery_token_is_refused()
    {
        var response = await factory.CreateBrowserClient().PostAsync("/account/login",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = "a@b.c", ["Input.Password"] = "x" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Sign_out_ends_the_session_on_the_server_so_a_copied_cookie_stops_working()
    {
        var client = factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(client, TestAccounts.Commissioner);
        var staffPage = await Html.ParseAsync(await client.GetAsync("/staff"));
        var copiedCookie = factory.Server.CreateClient();
        var authCookie = ((System.Net.Http.HttpResponseMessage)await client.GetAsync("/staff")).RequestMessage!.Headers.GetValues("Cookie").Single();

        var signOut = await Html.SubmitAsync(client, staffPage, new Dictionary<string, string>(), "form[action='/account/logout']");
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        var replay = new HttpRequestMessage(HttpMethod.Get, "https://localhost/staff");
        replay.Headers.Add("Cookie", authCookie);
        var replayed = await copiedCookie.SendAsync(replay);
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("/account/login", replayed.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Every_open_redirect_payload_as_returnUrl_stays_on_the_site()
    {
        var payloads = TestData.Lines("open-redirect/Open-Redirect-payloads.txt");
        Assert.NotEmpty(payloads);
        foreach (var payload in payloads)
        {
            var client = factory.CreateBrowserClient();
            var (getResponse, page) = await Html.GetAsync(client, "/account/login?returnUrl=" + Uri.EscapeDataString(payload));
            Assert.True(getResponse.StatusCode == HttpStatusCode.OK, $"GET with {payload} gave {getResponse.StatusCode}");
            var response = await Html.SubmitAsync(client, page, new Dictionary<string, string>
            {
                ["Input.Email"] = TestAccounts.Commissioner,
                ["Input.Password"] = EngagementFactory.DemoPassword,
                ["returnUrl"] = payload,
            });
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"POST with {payload} gave {response.StatusCode}");
            Assert.StartsWith("/account/login-2fa", response.Headers.Location!.OriginalString);

            // The commissioner uses two-factor authentication: the return address goes through the code step too.
            var (_, codePage) = await Html.GetAsync(client, response.Headers.Location.OriginalString);
            await TestAccounts.ForgetLastCodeAsync(factory, TestAccounts.Commissioner); // each code works once
            response = await Html.SubmitAsync(client, codePage, new Dictionary<string, string>
            {
                ["Input.Code"] = Engagement.Testing.Totp.Code(Engagement.Testing.Totp.DemoKey),
                ["returnUrl"] = payload,
            });
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"code POST with {payload} gave {response.StatusCode}");
            var location = response.Headers.Location!;
            Assert.False(location.IsAbsoluteUri && location.Host != "localhost", $"{payload} redirected to {location}");
            Assert.StartsWith("/", location.OriginalString);
            Assert.False(location.OriginalString.StartsWith("//") || location.OriginalString.StartsWith("/\\"), $"{payload} redirected to {location}");
        }
    }

    private sealed class ProductionFactory : EngagementFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Seed:DemoData"] = "false" };

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }
}
