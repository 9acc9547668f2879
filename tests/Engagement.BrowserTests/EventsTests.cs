using Microsoft.Playwright;

namespace Engagement.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class EventsTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_resident_books_a_workshop_going_back_and_refreshing_on_the_way(bool javaScript)
    {
        await using var context = await fixture.NewContextAsync(javaScript);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/events");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Designing home care together" }).ClickAsync();
        Assert.Equal("Designing home care together", await page.Locator("h1").InnerTextAsync());
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Book a place" }).ClickAsync();
        Assert.Equal("Your details", await page.Locator("h1").InnerTextAsync());
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        Assert.StartsWith("Error: ", await page.TitleAsync());
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GetByLabel("Full name").FillAsync("Rosa Resident");
        await page.GetByLabel("Email address").FillAsync($"rosa.browser.{javaScript}@example.org".ToLowerInvariant());
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        Assert.Equal("Access needs and reasonable adjustments", await page.Locator("h1").InnerTextAsync());
        Assert.EndsWith("/register/access-needs", page.Url, StringComparison.Ordinal);
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GetByLabel("Tell us anything that would help you take part (optional)").FillAsync("Wheelchair user");
        await page.GetByLabel("I agree to the council using my details to run this event").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        Assert.Equal("Check your answers before booking", await page.Locator("h1").InnerTextAsync());
        Assert.EndsWith("/register/check", page.Url, StringComparison.Ordinal);
        await BrowserFixture.AssertAccessibleAsync(page);

        // The browser's Back shows the previous page with its answers kept; refresh asks nothing and posts nothing;
        // the page's Back link goes to the question before.
        await page.GoBackAsync();
        Assert.Equal("Access needs and reasonable adjustments", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("Wheelchair user", await page.GetByLabel("Tell us anything that would help you take part (optional)").InputValueAsync());
        await page.ReloadAsync();
        Assert.Equal("Access needs and reasonable adjustments", await page.Locator("h1").InnerTextAsync());
        await page.Locator("a.govuk-back-link").ClickAsync();
        await page.WaitForURLAsync("**/register/details");
        Assert.Equal("Your details", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("Rosa Resident", await page.GetByLabel("Full name").InputValueAsync());

        // Having seen check your answers, a changed answer goes straight back there.
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForURLAsync("**/register/check");
        await page.ReloadAsync();
        Assert.Equal("Check your answers before booking", await page.Locator("h1").InnerTextAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "Book my place" }).ClickAsync();
        Assert.Equal("Place booked", await page.Locator(".govuk-panel__title").InnerTextAsync());
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.Locator("#registration-link").ClickAsync();
        Assert.Equal("Confirmed", await page.Locator("#registration-status").InnerTextAsync());
        await BrowserFixture.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task A_care_home_provider_books_the_care_home_forum()
    {
        await using var context = await fixture.NewContextAsync(javaScript: true);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/events?kind=care-home-forum");
        await page.GetByRole(AriaRole.Link, new() { Name = "Care home provider forum" }).First.ClickAsync();
        Assert.Contains("Sign in with your provider account", await page.Locator("#cannot-book").InnerTextAsync());
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.Locator("#cannot-book").GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByLabel("Email address").FillAsync("carehome.provider@demo.test");
        await page.GetByLabel("Password").FillAsync(AppServer.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/events/*");
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Book a place" }).ClickAsync();
        Assert.Equal("Riverside Care Home", await page.GetByLabel("Organisation").InputValueAsync());
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.GetByLabel("I agree to the council using my details to run this event").CheckAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        Assert.Equal("Check your answers before booking", await page.Locator("h1").InnerTextAsync());
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Book my place" }).ClickAsync();
        Assert.Equal("Place booked", await page.Locator(".govuk-panel__title").InnerTextAsync());
        Assert.Equal("Care home provider forum", await page.Locator("#booked-event").InnerTextAsync());
        await BrowserFixture.AssertAccessibleAsync(page);
    }
}
