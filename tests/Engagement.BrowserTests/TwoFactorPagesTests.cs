using Microsoft.Playwright;

namespace Engagement.BrowserTests;

/// <summary>The two-factor set-up and recovery pages pass axe, with JavaScript on and off.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TwoFactorPagesTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Set_up_and_recovery_pages_are_accessible(bool javaScript)
    {
        await using var context = await fixture.NewContextAsync(javaScript);
        var page = await context.NewPageAsync();

        // Any signed-in user can set up an authenticator app; a provider has none yet.
        await SignInWithPasswordAsync(page, "carehome.provider@demo.test", fixture.Server.BaseUrl + "/");
        await page.GotoAsync("/account/setup-2fa");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Set up two-factor authentication");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync(fixture.Server.BaseUrl + "/", Loaded);

        // A staff member past the password step can use a recovery code instead.
        await SignInWithPasswordAsync(page, "admin@demo.test", "**/account/login-2fa*");
        await page.GetByRole(AriaRole.Link, new() { Name = "I cannot use my authenticator app: use a recovery code" }).ClickAsync();
        await page.WaitForURLAsync("**/account/login-recovery*", Loaded);
        await BrowserFixture.AssertAccessibleAsync(page);
    }

    private static readonly PageWaitForURLOptions Loaded = new() { WaitUntil = WaitUntilState.DOMContentLoaded };

    /// <summary>Signs in with the password and waits for the page that should follow.</summary>
    private static async Task SignInWithPasswordAsync(IPage page, string email, string next)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(AppServer.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(next, Loaded);
    }
}
