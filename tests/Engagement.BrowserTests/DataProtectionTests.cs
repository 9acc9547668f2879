using System.Text.RegularExpressions;
using Engagement.Domain.Common;
using Engagement.Domain.Feedback;
using Engagement.Infrastructure.Privacy;
using Engagement.Infrastructure.Security;
using Engagement.Web.Features.Feedback;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Engagement.BrowserTests;

/// <summary>Withdrawal from the tracking link, one-click unsubscribe and the staff data requests pages, with axe on each.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DataProtectionTests(BrowserFixture fixture)
{
    private async Task<(string Token, int Id)> SubmitAsync(string email)
    {
        using var scope = fixture.Server.Services.CreateScope();
        var token = SecureToken.Create();
        var receipt = await scope.ServiceProvider.GetRequiredService<SubmitFeedbackHandler>().HandleAsync(new SubmitFeedback(
            SubmitterRole.CarerOrFamily, null, ServiceSection.HomeCare, "Withdrawal browser test feedback", [3], null, FeedbackChannel.OnlineForm,
            "Browser Person", email, true, true, Guid.NewGuid().ToString("N"), token));
        var db = scope.ServiceProvider.GetRequiredService<Engagement.Infrastructure.Data.EngagementDbContext>();
        var id = db.FeedbackItems.Where(f => f.Reference == receipt.Reference).Select(f => f.Id).Single();
        return (receipt.TrackingToken, id);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_person_withdraws_from_the_tracking_link_and_an_unsubscribe_link(bool javaScript)
    {
        var (token, id) = await SubmitAsync($"withdraw-{javaScript}@example.org");
        await using var context = await fixture.NewContextAsync(javaScript);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/feedback/track/" + token);
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Stop progress emails" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Stop progress emails?");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, stop progress emails" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner").First).ToContainTextAsync("We will not send you any more progress emails");
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Delete your feedback" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Delete your feedback?");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, delete your feedback" }).ClickAsync();
        await Assertions.Expect(page.Locator("#feedback-text")).ToContainTextAsync("You deleted what you told us");
        await BrowserFixture.AssertAccessibleAsync(page);

        var unsubscribe = fixture.Server.Services.GetRequiredService<UnsubscribeLinks>().Path(UnsubscribeKind.ProgressEmails, [id]);
        await page.GotoAsync(unsubscribe);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Stop progress emails about your feedback?");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, stop these emails" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-panel__title")).ToHaveTextAsync("You have unsubscribed");
        await BrowserFixture.AssertAccessibleAsync(page);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_commissioner_records_a_request_finds_what_is_held_and_is_asked_for_a_reason(bool javaScript)
    {
        var email = $"request-{(javaScript ? "js" : "no-js")}@example.org";
        await SubmitAsync(email);
        await using var context = await fixture.NewContextAsync(javaScript);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email address").FillAsync("commissioner@demo.test");
        await page.GetByLabel("Password").FillAsync(AppServer.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/account/login-2fa**");
        await fixture.ForgetLastCodeAsync("commissioner@demo.test");
        await page.GetByLabel("Enter the code from your authenticator app").FillAsync(Engagement.Testing.Totp.Code(Engagement.Testing.Totp.DemoKey));
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));

        await page.GotoAsync("/staff/data-requests");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Record a request" }).ClickAsync();
        await page.Locator("#Input_ReceivedOn").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record request" }).ClickAsync();
        await Assertions.Expect(page).ToHaveTitleAsync(new Regex("^Error: "));
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByLabel("Erasure").CheckAsync();
        var today = DateTime.UtcNow;
        await page.Locator("#Input_ReceivedOn").FillAsync(today.Day.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Record request" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Data protection request");
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GetByLabel("Email address, feedback reference or consultation response reference").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(page.Locator("#results")).ToContainTextAsync(email);
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Erase", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveTitleAsync(new Regex("^Error: "));
        await Assertions.Expect(page.Locator("#Reason-error")).ToContainTextAsync("Enter the reason for the erasure");
        await BrowserFixture.AssertAccessibleAsync(page);
    }
}
