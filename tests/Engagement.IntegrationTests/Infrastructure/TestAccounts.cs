using System.Net;
using Engagement.Infrastructure.Seeding;
using Engagement.Testing;
using Microsoft.EntityFrameworkCore;

namespace Engagement.IntegrationTests.Infrastructure;

public static class TestAccounts
{
    /// <summary>Clears the account's last accepted authenticator time step, so the current code is accepted again.</summary>
    public static async Task ForgetLastCodeAsync(EngagementFactory factory, string email)
    {
        await using var db = factory.CreateDbContext();
        await db.Users.Where(u => u.Email == email)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.LastAuthenticatorTimeStep, (long?)null));
    }

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
            // Each code is accepted once: tests sign the shared demo accounts in many times a minute, so the helper
            // forgets the last accepted step first, as if a new 30-second code had come up.
            if (EngagementFactory.OwnerOf(client) is { } factory)
            {
                await ForgetLastCodeAsync(factory, email);
            }

            var (_, codePage) = await Html.GetAsync(client, response.Headers.Location.OriginalString);
            response = await Html.SubmitAsync(client, codePage, new Dictionary<string, string> { ["Input.Code"] = Totp.Code(Totp.DemoKey) });
            if (response.StatusCode != HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"Two-factor sign-in as {email} failed: {response.StatusCode}");
            }
        }
    }
}
