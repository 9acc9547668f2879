using System.Net;
using Engagement.Infrastructure.Identity;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.IntegrationTests.Accounts;

[Collection(HangfireDashboardCollection.Name)]
public sealed class TwoFactorTests(EngagementFactory factory) : IClassFixture<EngagementFactory>
{
    private const string Password = "a long enough password for staff 7";

    [Fact]
    public async Task The_test_TOTP_gives_the_codes_Identity_accepts_and_a_wrong_code_is_refused()
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var commissioner = (await users.FindByEmailAsync(TestAccounts.Commissioner))!;
        Assert.True(commissioner.TwoFactorEnabled);
        Assert.Equal(Totp.DemoKey, await users.GetAuthenticatorKeyAsync(commissioner));

        await TestAccounts.ForgetLastCodeAsync(factory, TestAccounts.Commissioner);
        var code = Totp.Code(Totp.DemoKey);
        Assert.True(await users.VerifyTwoFactorTokenAsync(commissioner, users.Options.Tokens.AuthenticatorTokenProvider, code));
        var wrong = ((int.Parse(code, System.Globalization.CultureInfo.InvariantCulture) + 500_000) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(await users.VerifyTwoFactorTokenAsync(commissioner, users.Options.Tokens.AuthenticatorTokenProvider, wrong));

        // RFC 6238 appendix B, SHA-1, T = 59 s: 94287082, of which an app shows the last 6 digits.
        Assert.Equal("287082", Totp.Code("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", DateTimeOffset.FromUnixTimeSeconds(59)));
    }

    [Fact]
    public async Task A_password_alone_does_not_reach_staff_pages_for_a_two_factor_account_and_the_code_does()
    {
        var client = factory.CreateBrowserClient();
        var response = await PasswordAsync(client, TestAccounts.Commissioner, EngagementFactory.DemoPassword, "/staff/feedback");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login-2fa", response.Headers.Location!.OriginalString);

        var staff = await client.GetAsync("/staff");
        Assert.Equal(HttpStatusCode.Redirect, staff.StatusCode);
        Assert.StartsWith("/account/login", staff.Headers.Location!.PathAndQuery);

        var (_, codePage) = await Html.GetAsync(client, response.Headers.Location.OriginalString);
        Assert.Equal("Enter the code from your authenticator app", codePage.QuerySelector("h1").Text());
        await TestAccounts.ForgetLastCodeAsync(factory, TestAccounts.Commissioner);
        response = await Html.SubmitAsync(client, codePage, new Dictionary<string, string> { ["Input.Code"] = Totp.Code(Totp.DemoKey) });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/staff/feedback", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/staff")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_or_empty_code_at_sign_in_shows_the_GOVUK_error_and_counts_towards_lockout()
    {
        var email = await CreateStaffAsync(Roles.Admin, twoFactor: true);
        var client = factory.CreateBrowserClient();
        var response = await PasswordAsync(client, email, Password);
        var (_, codePage) = await Html.GetAsync(client, response.Headers.Location!.OriginalString);

        var empty = await Html.ParseAsync(await Html.SubmitAsync(client, codePage, new Dictionary<string, string> { ["Input.Code"] = "" }));
        Assert.Equal(["Enter the 6-digit code from your authenticator app"], Html.ErrorSummary(empty));
        Assert.Equal("#Input_Code", empty.QuerySelector(".govuk-error-summary__list a")!.GetAttribute("href"));
        Assert.Contains("govuk-form-group--error", empty.QuerySelector("#Input_Code")!.ParentElement!.ClassName);

        var wrong = await Html.ParseAsync(await Html.SubmitAsync(client, codePage, new Dictionary<string, string> { ["Input.Code"] = WrongCode() }));
        Assert.Equal(["The code is not correct. Enter the 6-digit code your authenticator app shows now"], Html.ErrorSummary(wrong));
        Assert.StartsWith("Error: ", wrong.Title);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/admin")).StatusCode);

        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        Assert.Equal(1, await users.GetAccessFailedCountAsync((await users.FindByEmailAsync(email))!));
    }

    [Fact]
    public async Task A_staff_account_without_two_factor_is_sent_to_set_it_up_and_cannot_reach_staff_pages_until_it_does()
    {
        var email = await CreateStaffAsync(Roles.Commissioner, twoFactor: false);
        var client = factory.CreateBrowserClient();
        var signIn = await PasswordAsync(client, email, Password);
        Assert.Equal("/", signIn.Headers.Location!.OriginalString);

        foreach (var url in new[] { "/staff", "/staff/feedback", "/staff/events/new" })
        {
            var blocked = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, blocked.StatusCode);
            Assert.Equal("/account/setup-2fa?returnUrl=" + Uri.EscapeDataString(url), blocked.Headers.Location!.OriginalString);
        }

        var (setupResponse, setup) = await Html.GetAsync(client, "/account/setup-2fa?returnUrl=%2Fstaff");
        Assert.Equal(HttpStatusCode.OK, setupResponse.StatusCode);
        var key = setup.QuerySelector("#shared-key").Text();
        Assert.Matches("^([a-z2-7]{4} )+[a-z2-7]{1,4}$", key);
        Assert.Contains("enter this key in your authenticator app", setup.QuerySelector("main").Text(), StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("otpauth://totp/Engagement:", setup.QuerySelector("#authenticator-uri").Text());
        Assert.Contains("secret=" + key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant(), setup.QuerySelector("#authenticator-uri").Text());

        // A wrong code: the GOV.UK error, and two-factor stays off.
        var wrong = await Html.ParseAsync(await Html.SubmitAsync(client, setup, new Dictionary<string, string> { ["Input.Code"] = WrongCode(key) }));
        Assert.Equal(["The code is not correct. Enter the 6-digit code your authenticator app shows now"], Html.ErrorSummary(wrong));
        Assert.Equal(key, wrong.QuerySelector("#shared-key").Text());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/staff")).StatusCode);

        // The right code: on, 10 recovery codes shown once, and the staff pages open in this session.
        var done = await Html.ParseAsync(await Html.SubmitAsync(client, wrong, new Dictionary<string, string> { ["Input.Code"] = Totp.Code(key) }));
        Assert.Equal("Two-factor authentication is on", done.QuerySelector("h1").Text());
        var codes = done.QuerySelectorAll("#recovery-codes li").Select(li => li.Text()).ToList();
        Assert.Equal(10, codes.Distinct().Count());
        Assert.Equal("/staff", done.QuerySelector("a.govuk-button")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/staff")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/staff/feedback")).StatusCode);

        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        Assert.True(user.TwoFactorEnabled);
        Assert.Equal(10, await users.CountRecoveryCodesAsync(user));
        var again = await Html.ParseAsync(await client.GetAsync("/account/setup-2fa"));
        Assert.Empty(again.QuerySelectorAll("#recovery-codes li"));
        Assert.Null(again.QuerySelector("#shared-key"));

        // Next time, the password alone is not enough.
        var next = factory.CreateBrowserClient();
        var response = await PasswordAsync(next, email, Password);
        Assert.StartsWith("/account/login-2fa", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_staff_account_without_two_factor_cannot_reach_the_admin_pages_or_the_job_dashboard()
    {
        var email = await CreateStaffAsync(Roles.Admin, twoFactor: false);
        var client = factory.CreateBrowserClient();
        await PasswordAsync(client, email, Password);

        foreach (var url in new[] { "/admin", "/hangfire" })
        {
            var blocked = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, blocked.StatusCode);
            Assert.StartsWith("/account/setup-2fa", blocked.Headers.Location!.OriginalString);
        }
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        var email = await CreateStaffAsync(Roles.Commissioner, twoFactor: true);
        string code;
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            code = (await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByEmailAsync(email))!, 10))!.First();
        }

        var client = factory.CreateBrowserClient();
        var response = await PasswordAsync(client, email, Password, "/staff");
        var (_, codePage) = await Html.GetAsync(client, response.Headers.Location!.OriginalString);
        var recoveryLink = codePage.QuerySelector("a[href^='/account/login-recovery']")!.GetAttribute("href")!;
        var (_, recovery) = await Html.GetAsync(client, recoveryLink);
        response = await Html.SubmitAsync(client, recovery, new Dictionary<string, string> { ["Input.RecoveryCode"] = code });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/staff", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/staff")).StatusCode);

        var second = factory.CreateBrowserClient();
        await PasswordAsync(second, email, Password);
        var (_, secondRecovery) = await Html.GetAsync(second, "/account/login-recovery");
        var used = await Html.ParseAsync(await Html.SubmitAsync(second, secondRecovery, new Dictionary<string, string> { ["Input.RecoveryCode"] = code }));
        Assert.Equal(["The recovery code is not correct, or has been used. Enter one of your unused recovery codes"], Html.ErrorSummary(used));
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync("/staff")).StatusCode);
    }

    [Fact]
    public async Task Providers_sign_in_with_a_password_alone()
    {
        var client = factory.CreateBrowserClient();
        var response = await PasswordAsync(client, TestAccounts.CareHomeProvider, EngagementFactory.DemoPassword, "/events");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/events", response.Headers.Location!.OriginalString);
        var staff = await client.GetAsync("/staff");
        Assert.StartsWith("/account/access-denied", staff.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task The_code_pages_without_a_password_step_go_back_to_sign_in()
    {
        var client = factory.CreateBrowserClient();
        foreach (var url in new[] { "/account/login-2fa", "/account/login-recovery" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/login", response.Headers.Location!.OriginalString);
            Assert.DoesNotContain("2fa", response.Headers.Location.OriginalString, StringComparison.Ordinal);
        }
    }

    private static async Task<HttpResponseMessage> PasswordAsync(HttpClient client, string email, string password, string? returnUrl = null)
    {
        var (_, page) = await Html.GetAsync(client, "/account/login" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl)));
        return await Html.SubmitAsync(client, page, new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
    }

    private static string WrongCode(string key = Totp.DemoKey)
    {
        var now = DateTimeOffset.UtcNow;
        var accepted = Enumerable.Range(-3, 7).Select(i => Totp.Code(key, now.AddSeconds(30 * i))).ToHashSet();
        return Enumerable.Range(0, 1000).Select(i => i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).First(c => !accepted.Contains(c));
    }

    private async Task<string> CreateStaffAsync(string role, bool twoFactor)
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var email = $"staff-{Guid.NewGuid():N}@example.gov.uk";
        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = "Test Staff",
            IsApproved = true,
            CreatedAt = DateTime.UtcNow,
        };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        if (twoFactor)
        {
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
        }

        return email;
    }
}
