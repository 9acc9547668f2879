using System.Net;
using Engagement.Infrastructure.Seeding;
using Engagement.Testing;

namespace Engagement.IntegrationTests.Infrastructure;

public static class TestAccounts
{
    public static string Admin => DemoDataSeeder.Accounts[0].Email;

    public static string Commissioner => DemoDataSeeder.Accounts[1].Email;

    public static string CareHomeProvider => DemoDataSeeder.Accounts[2].Email;

    public static string HomeCareProvider => DemoDataSeeder.Accounts[3].Email;

    /// <summary>
    /// Signs a client in through the real sign-in form; for the demo staff accounts (two-factor on), also through the
    /// authenticator-code step, with a code computed from the demo key.
    /// </summary>
    public static async Task SignInAsync(HttpClient client, string email, string password = EngagementFactory.DemoPassword)
    {
        var (_, page) = await Html.GetAsync(client, "/account/login");
        var response = await Html.SubmitAsync(client, page, new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {email} failed: {response.StatusCode}");
        }

        if (response.Headers.Location?.OriginalString.StartsWith("/account/login-2fa", StringComparison.OrdinalIgnoreCase) == true)
        {
            var (_, codePage) = await Html.GetAsync(client, response.Headers.Location.OriginalString);
            response = await Html.SubmitAsync(client, codePage, new Dictionary<string, string> { ["Input.Code"] = Totp.Code(Totp.DemoKey) });
            if (response.StatusCode != HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"Two-factor sign-in as {email} failed: {response.StatusCode}");
            }
        }
    }
}
