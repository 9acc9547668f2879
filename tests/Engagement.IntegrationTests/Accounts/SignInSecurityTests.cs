using System.Net;
using System.Text.RegularExpressions;
using Engagement.Domain.Accounts;
using Engagement.Infrastructure.Identity;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.Testing;
using Engagement.Web.Features.Accounts;
using Engagement.Web.Security;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using static Engagement.IntegrationTests.Accounts.AccountTestSupport;

namespace Engagement.IntegrationTests.Accounts;

[Collection(HangfireDashboardCollection.Name)]
public sealed class SignInSecurityTests(AddressedFactory factory) : IClassFixture<AddressedFactory>
{
    private static string NewAddress() => $"10.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}";

    [Fact]
    public async Task A_replayed_authenticator_code_is_refused_in_another_session_and_an_old_code_is_refused()
    {
        var (email, _, key) = await CreateAccountAsync(factory, Roles.Commissioner, twoFactor: true);
        var address = NewAddress();
        var code = Totp.Code(key!);

        var first = factory.ClientFrom(address);
        var response = await PasswordAsync(first, email, Password, "/staff");
        var (_, codePage) = await Html.GetAsync(first, response.Headers.Location!.OriginalString);
        response = await Html.SubmitAsync(first, codePage, new Dictionary<string, string> { ["Input.Code"] = code });
        Assert.Equal("/staff", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/staff")).StatusCode);

        var second = factory.ClientFrom(address);
        response = await PasswordAsync(second, email, Password, "/staff");
        var (_, secondCodePage) = await Html.GetAsync(second, response.Headers.Location!.OriginalString);
        var replay = await Html.ParseAsync(await Html.SubmitAsync(second, secondCodePage, new Dictionary<string, string> { ["Input.Code"] = code }));
        Assert.Equal(["The code is not correct. Enter the 6-digit code your authenticator app shows now"], Html.ErrorSummary(replay));
        Assert.NotEqual(HttpStatusCode.OK, (await second.GetAsync("/staff")).StatusCode);

        // A code from 65 seconds ago (two or more steps back) is refused even though it was never used.
        var old = await Html.ParseAsync(await Html.SubmitAsync(second, replay, new Dictionary<string, string> { ["Input.Code"] = Totp.Code(key!, DateTimeOffset.UtcNow.AddSeconds(-65)) }));
        Assert.Equal(["The code is not correct. Enter the 6-digit code your authenticator app shows now"], Html.ErrorSummary(old));

        var user = await UserAsync(factory, email);
        Assert.Equal(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30, user.LastAuthenticatorTimeStep!.Value, 1.0);
        Assert.NotNull(user.LastSignInAt);
    }

    [Fact]
    public async Task Unknown_email_wrong_password_unconfirmed_and_disabled_accounts_get_the_same_page()
    {
        var (known, _, _) = await CreateAccountAsync(factory, Roles.Provider);
        var (unconfirmed, _, _) = await CreateAccountAsync(factory, Roles.Provider, confirmed: false);
        var (disabled, _, _) = await CreateAccountAsync(factory, Roles.Provider, disabled: true);
        var attempts = new[]
        {
            ($"nobody-{Guid.NewGuid():N}@example.gov.uk", Password),
            (known, "not the right password at all"),
            (unconfirmed, Password),
            (disabled, Password),
        };

        var pages = new List<string>();
        foreach (var (email, password) in attempts)
        {
            var client = factory.ClientFrom(NewAddress());
            var response = await PasswordAsync(client, email, password);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains(SignInOutcome.RefusedMessage, WebUtility.HtmlDecode(html), StringComparison.Ordinal);
            html = html.Replace(email, "EMAIL", StringComparison.Ordinal);
            html = Regex.Replace(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"", "TOKEN");
            html = Regex.Replace(html, "nonce=\"[^\"]+\"", "NONCE");
            pages.Add(html);
        }

        Assert.All(pages, page => Assert.Equal(pages[0], page));
        Assert.DoesNotContain("disabled", pages[0], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_disabled_account_s_copied_session_cookie_stops_working_on_the_next_request()
    {
        var (email, id, _) = await CreateAccountAsync(factory, Roles.Provider);
        var cookies = new CookieContainer();
        var original = factory.CreateDefaultClient(new Uri("https://localhost"), new CookieContainerHandler(cookies));
        var (_, login) = await Html.GetAsync(original, "/account/login");
        await Html.SubmitAsync(original, login, new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = Password });

        var copy = new CookieContainer();
        copy.Add(cookies.GetAllCookies());
        var copied = factory.CreateDefaultClient(new Uri("https://localhost"), new CookieContainerHandler(copy));
        Assert.Equal(HttpStatusCode.OK, (await copied.GetAsync("/account/setup-2fa")).StatusCode);

        // Disabled by setting the flag alone (the security stamp unchanged): the next request is refused all the same.
        await using (var db = factory.CreateDbContext())
        {
            await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(set => set.SetProperty(u => u.IsDisabled, true));
        }

        var refused = await copied.GetAsync("/account/setup-2fa");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/account/login", refused.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, (await original.GetAsync("/account/setup-2fa")).StatusCode);
    }

    [Fact]
    public async Task After_five_failures_an_account_waits_a_minute_then_two_its_known_device_does_not_and_the_wait_ends()
    {
        var (email, _, _) = await CreateAccountAsync(factory, Roles.Provider);
        var address = NewAddress();
        var device = factory.ClientFrom(address);
        Assert.Equal(HttpStatusCode.Redirect, (await PasswordAsync(device, email, Password)).StatusCode);
        await device.GetAsync("/account/logout");

        var attacker = factory.ClientFrom(NewAddress());
        for (var i = 0; i < SignInDelay.FreeAttemptsPerAccount; i++)
        {
            var wrong = await Html.ParseAsync(await PasswordAsync(attacker, email, "wrong password number " + i));
            Assert.Equal([SignInOutcome.RefusedMessage], Html.ErrorSummary(wrong));
        }

        // The right password, from another device, must wait (the same answer an unknown email would get).
        var someoneElse = factory.ClientFrom(NewAddress());
        var waiting = await Html.ParseAsync(await PasswordAsync(someoneElse, email, Password));
        Assert.Equal(["Too many attempts to sign in. Wait 1 minute and try again, or reset your password"], Html.ErrorSummary(waiting));
        var unknown = $"nobody-{Guid.NewGuid():N}@example.gov.uk";
        for (var i = 0; i < SignInDelay.FreeAttemptsPerAccount; i++)
        {
            await PasswordAsync(attacker, unknown, "wrong password number " + i);
        }

        Assert.Equal(Html.ErrorSummary(waiting), Html.ErrorSummary(await Html.ParseAsync(await PasswordAsync(someoneElse, unknown, Password))));

        // The person's own device signs in despite the wait.
        var own = await PasswordAsync(device, email, Password);
        Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
        await device.GetAsync("/account/logout");

        // Attempts during the wait are not even checked. Once the minute is over, a sixth failure doubles the wait.
        Assert.Equal(Html.ErrorSummary(waiting), Html.ErrorSummary(await Html.ParseAsync(await PasswordAsync(attacker, email, "wrong again"))));
        await MoveLastFailureBackAsync(email, TimeSpan.FromSeconds(61));
        Assert.Equal([SignInOutcome.RefusedMessage], Html.ErrorSummary(await Html.ParseAsync(await PasswordAsync(attacker, email, "wrong again"))));
        Assert.Equal(["Too many attempts to sign in. Wait 2 minutes and try again, or reset your password"], Html.ErrorSummary(await Html.ParseAsync(await PasswordAsync(someoneElse, email, Password))));
        await using (var db = factory.CreateDbContext())
        {
            var key = SignInThrottle.AccountKey(email);
            var row = await db.SignInThrottles.SingleAsync(t => t.Key == key);
            Assert.Equal(6, row.Failures);
        }

        await MoveLastFailureBackAsync(email, TimeSpan.FromSeconds(121));

        Assert.Equal(HttpStatusCode.Redirect, (await PasswordAsync(someoneElse, email, Password)).StatusCode);
    }

    [Fact]
    public async Task Twenty_failures_from_one_address_make_that_address_wait_for_every_email()
    {
        var address = NewAddress();
        var client = factory.ClientFrom(address);
        for (var i = 0; i < SignInDelay.FreeAttemptsPerAddress; i++)
        {
            await PasswordAsync(client, $"guess-{i}-{Guid.NewGuid():N}@example.gov.uk", "wrong password");
        }

        var (email, _, _) = await CreateAccountAsync(factory, Roles.Provider);
        var waiting = await Html.ParseAsync(await PasswordAsync(factory.ClientFrom(address), email, Password));
        Assert.Equal(["Too many attempts to sign in. Wait 1 minute and try again, or reset your password"], Html.ErrorSummary(waiting));
        Assert.Equal(HttpStatusCode.Redirect, (await PasswordAsync(factory.ClientFrom(NewAddress()), email, Password)).StatusCode);
    }

    [Theory]
    [InlineData("qwerty123456")]
    [InlineData("iloveyou12345")]
    [InlineData("Password1234!")]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("P4ssw0rd2026!")]
    [InlineData("bathnes123456")]
    [InlineData("Engagement2026!")]
    public async Task Common_and_service_passwords_are_refused_at_registration(string password)
    {
        var page = await RegisterAsync(factory.ClientFrom(NewAddress()), $"new-{Guid.NewGuid():N}@example.org", password);
        Assert.Equal([CommonPasswordValidator.Message], Html.ErrorSummary(page));
        Assert.True(CommonPasswordValidator.CommonCount >= 10_000);
    }

    [Fact]
    public async Task Registering_with_an_email_that_has_an_account_says_the_same_and_tells_the_owner_by_email()
    {
        var (existing, _, _) = await CreateAccountAsync(factory, Roles.Provider);
        var fresh = $"new-{Guid.NewGuid():N}@example.org";

        var forExisting = await RegisterAsync(factory.ClientFrom(NewAddress()), existing, "a perfectly good long passphrase");
        var forFresh = await RegisterAsync(factory.ClientFrom(NewAddress()), fresh, "a perfectly good long passphrase");

        Assert.Equal(forFresh.QuerySelector("main")!.TextContent, forExisting.QuerySelector("main")!.TextContent);
        Assert.Equal("Check your email", forExisting.QuerySelector("h1").Text());
        await using var db = factory.CreateDbContext();
        Assert.Equal(1, await db.Users.CountAsync(u => u.Email == existing));
        var told = await db.OutboxMessages.SingleAsync(m => m.ToAddress == existing);
        Assert.Equal("account-already-registered", told.Kind);
        Assert.Contains("already has an account", told.TextBody, StringComparison.Ordinal);
        Assert.Equal("provider-confirm-email", (await db.OutboxMessages.SingleAsync(m => m.ToAddress == fresh)).Kind);
    }

    [Fact]
    public async Task Data_protection_keys_are_stored_encrypted_with_the_generated_certificate()
    {
        await PasswordAsync(factory.ClientFrom(NewAddress()), "someone@example.org", "any password at all");
        Assert.True(File.Exists(Path.Combine(factory.DataDirectory, Engagement.Web.Hosting.DataProtectionCertificate.GeneratedFileName)));
        await using var db = factory.CreateDbContext();
        var keys = await db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml!).ToListAsync();
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task The_two_factor_set_up_page_shows_a_QR_code_as_inline_SVG_without_style()
    {
        var (email, _, _) = await CreateAccountAsync(factory, Roles.Commissioner);
        var client = factory.ClientFrom(NewAddress());
        await PasswordAsync(client, email, Password);
        var (response, page) = await Html.GetAsync(client, "/account/setup-2fa");

        var svg = page.QuerySelector("svg#authenticator-qr");
        Assert.NotNull(svg);
        Assert.Equal("img", svg!.GetAttribute("role"));
        Assert.Equal("QR code to scan with your authenticator app", svg.QuerySelector("title").Text());
        Assert.Matches("^(M\\d+ \\d+h1v1h-1z)+$", svg.QuerySelector("path")!.GetAttribute("d")!);
        Assert.Empty(page.QuerySelectorAll("main [style]"));
        Assert.DoesNotContain("unsafe-inline", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_job_dashboard_gets_its_own_policy_and_an_English_language_tag()
    {
        var client = factory.ClientFrom(NewAddress());
        await TestAccounts.SignInAsync(client, TestAccounts.Admin);

        var response = await client.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self' 'unsafe-inline'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("nonce-", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Matches("<html lang=\"en", await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain("unsafe-inline", (await client.GetAsync("/admin")).Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    private async Task MoveLastFailureBackAsync(string email, TimeSpan by)
    {
        await using var db = factory.CreateDbContext();
        var key = SignInThrottle.AccountKey(email);
        var row = await db.SignInThrottles.SingleAsync(t => t.Key == key);
        row.LastFailureAt -= by;
        await db.SaveChangesAsync();
    }

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> RegisterAsync(HttpClient client, string email, string password)
    {
        var (_, form) = await Html.GetAsync(client, "/account/register-provider");
        var response = await Html.SubmitAsync(client, form, new Dictionary<string, string>
        {
            ["Input.Name"] = "Pat Provider",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.OrganisationName"] = "Riverside Care",
            ["Input.ProviderType"] = "CareHome",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Html.ParseAsync(response);
    }
}
