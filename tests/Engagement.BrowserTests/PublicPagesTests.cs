using Microsoft.Playwright;

namespace Engagement.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class PublicPagesTests(BrowserFixture fixture)
{
    public static TheoryData<string, bool> Pages()
    {
        var data = new TheoryData<string, bool>();
        foreach (var url in new[] { "/", "/priorities", "/priorities/5", "/accessibility", "/privacy", "/cookies", "/contact", "/safeguarding", "/complaints", "/account/login", "/account/forgot-password", "/no-such-page" })
        {
            data.Add(url, true);
            data.Add(url, false);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_public_page_passes_axe(string url, bool javaScript)
    {
        await using var context = await fixture.NewContextAsync(javaScript);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };

        await page.GotoAsync(url);

        Assert.NotEmpty(await page.Locator("main h1").InnerTextAsync());
        await BrowserFixture.AssertAccessibleAsync(page);
        if (javaScript)
        {
            Assert.Contains("govuk-frontend-supported", await page.EvaluateAsync<string>("document.body.className"));
            Assert.True(errors.All(e => e.Contains("404")), "Console errors (CSP or script): " + string.Join("\n", errors));
        }
    }

    [Fact]
    public async Task Skip_link_is_the_first_thing_a_keyboard_reaches()
    {
        await using var context = await fixture.NewContextAsync(javaScript: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");

        await page.Keyboard.PressAsync("Tab");

        Assert.Equal("Skip to main content", await page.EvaluateAsync<string>("document.activeElement.textContent.trim()"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_demo_commissioner_signs_in_with_the_keyboard(bool javaScript)
    {
        await using var context = await fixture.NewContextAsync(javaScript);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/staff");
        Assert.Contains("/account/login", page.Url);
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GetByLabel("Email address").FocusAsync();
        await page.Keyboard.TypeAsync("commissioner@demo.test");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(AppServer.DemoPassword);
        await page.Keyboard.PressAsync("Enter");

        // Staff accounts use two-factor authentication: the code from the authenticator app comes next.
        await page.WaitForURLAsync("**/account/login-2fa*");
        await BrowserFixture.AssertAccessibleAsync(page);
        await fixture.ForgetLastCodeAsync("commissioner@demo.test");
        await page.GetByLabel("Enter the code from your authenticator app").FocusAsync();
        await page.Keyboard.TypeAsync(Engagement.Testing.Totp.Code(Engagement.Testing.Totp.DemoKey));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/staff");

        Assert.Equal("Commissioners' workspace", await page.Locator("h1").InnerTextAsync());
        await BrowserFixture.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task A_wrong_password_shows_the_GOVUK_error_pattern()
    {
        await using var context = await fixture.NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email address").FillAsync("commissioner@demo.test");
        await page.GetByLabel("Password").FillAsync("not the password at all");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        Assert.StartsWith("Error: ", await page.TitleAsync());
        Assert.Equal("There is a problem", await page.Locator(".govuk-error-summary__title").InnerTextAsync());
        Assert.Equal("commissioner@demo.test", await page.GetByLabel("Email address").InputValueAsync());
        await BrowserFixture.AssertAccessibleAsync(page);
    }
}
