using System.Globalization;
using System.Text.RegularExpressions;
using Engagement.Domain.Events;
using Microsoft.Playwright;

namespace Engagement.BrowserTests;

/// <summary>
/// A commissioner creates a consultation, adds a question, previews and publishes it; someone answers; the commissioner
/// closes it early, reads the analysis and publishes the outcome, which the public page then shows. axe on every page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsultationStaffTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_commissioner_creates_publishes_closes_and_publishes_the_outcome_of_a_consultation()
    {
        await using var context = await fixture.NewContextAsync(javaScript: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email address").FillAsync("commissioner@demo.test");
        await page.GetByLabel("Password").FillAsync(AppServer.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await fixture.ForgetLastCodeAsync("commissioner@demo.test");
        await page.GetByLabel("Enter the code from your authenticator app").FillAsync(Engagement.Testing.Totp.Code(Engagement.Testing.Totp.DemoKey));
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForURLAsync("**/");

        await page.GotoAsync("/staff/consultations");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create a consultation" }).Or(page.GetByRole(AriaRole.Link, new() { Name = "Create a consultation" })).First.ClickAsync();
        await page.WaitForURLAsync("**/staff/consultations/new");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create consultation" }).ClickAsync();
        await Assertions.Expect(page).ToHaveTitleAsync(new Regex("^Error: "));
        await BrowserFixture.AssertAccessibleAsync(page);

        var title = $"Staff walk {Guid.NewGuid():N}"[..24];
        var today = UkTime.FromUtc(DateTime.UtcNow);
        await page.Locator("#Input_Title").FillAsync(title);
        await page.Locator("#Input_Summary").FillAsync("Should the day centre open on Saturdays?");
        await page.Locator("#Input_BackgroundMarkdown").FillAsync("We are thinking about **Saturday** opening.");
        await page.Locator("#Input_Section").SelectOptionAsync(new SelectOptionValue { Label = "Co-production" });
        await page.GetByLabel("Everyone", new() { Exact = true }).CheckAsync();
        await page.Locator("#Input_OpensDate").FillAsync(today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.Locator("#Input_OpensTime").FillAsync("09:00");
        await page.Locator("#Input_ClosesDate").FillAsync(today.AddDays(20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.Locator("#Input_ClosesTime").FillAsync("17:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create consultation" }).ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/staff/consultations/\d+$"));
        var staffUrl = new Uri(page.Url).AbsolutePath;
        var id = staffUrl.Split('/').Last();
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.Locator("#add-question").ClickAsync();
        await page.WaitForURLAsync("**/questions/new");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByLabel("One choice", new() { Exact = true }).CheckAsync();
        await page.Locator("#Input_Text").FillAsync("Would you come on a Saturday?");
        await page.Locator("#Input_Options").FillAsync("Yes\nNo\nNot sure");
        await page.GetByLabel("People must answer it").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add question" }).ClickAsync();
        await page.WaitForURLAsync("**" + staffUrl);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Would you come on a Saturday?");

        await page.Locator("#preview-link").ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Would you come on a Saturday?");
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GotoAsync(staffUrl);
        await page.Locator("#publish-link").ClickAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.Locator("#confirm-publish").ClickAsync();
        await page.WaitForURLAsync("**" + staffUrl);
        await Assertions.Expect(page.Locator("#phase")).ToContainTextAsync("Open");
        await BrowserFixture.AssertAccessibleAsync(page);

        // Someone answers it (the same browser: anybody may).
        await page.GotoAsync($"/consultations/{id}/answer");
        await page.GetByLabel("Yes", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForURLAsync("**/your-details");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForURLAsync("**/check");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my response" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-panel__title")).ToHaveTextAsync("Response sent");

        await page.GotoAsync(staffUrl);
        await page.Locator("#close-early-form").GetByLabel("Reason for closing early").FillAsync("We have heard enough to decide.");
        await page.Locator("#close-early-form").GetByRole(AriaRole.Button, new() { Name = "Close early" }).ClickAsync();
        await Assertions.Expect(page.Locator("#phase")).ToContainTextAsync("Closed");
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GotoAsync($"/staff/consultations/{id}/analysis");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Would you come on a Saturday?");
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GotoAsync($"/staff/consultations/{id}/outcome");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.Locator("#Input_WeAsked").FillAsync("Should the day centre open on Saturdays?");
        await page.Locator("#Input_YouSaid").FillAsync("Most people who answered would come on a Saturday.");
        await page.Locator("#Input_WeDid").FillAsync("We will open on **Saturdays** from April.");
        await page.Locator("#publish").ClickAsync();
        await page.WaitForLoadStateAsync();
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GotoAsync($"/consultations/{id}");
        await Assertions.Expect(page.Locator("#outcome-we-did")).ToContainTextAsync("Saturdays");
        await Assertions.Expect(page.Locator("#date-changes")).ToContainTextAsync("We have heard enough to decide.");
        await BrowserFixture.AssertAccessibleAsync(page);
    }
}
