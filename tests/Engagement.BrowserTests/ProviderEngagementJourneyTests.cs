using Microsoft.Playwright;

namespace Engagement.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class ProviderEngagementJourneyTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_provider_records_an_engagement_a_commissioner_approves_it_and_it_is_public_as_the_providers_own_and_both_see_the_market_standard(bool javaScript)
    {
        var heard = "Residents asked for a quiet lounge in the evenings " + (javaScript ? "(JS)" : "(no JS)");
        await using (var providerContext = await fixture.NewContextAsync(javaScript))
        {
            var page = await providerContext.NewPageAsync();
            await page.GotoAsync("/account/login");
            await page.GetByLabel("Email address").FillAsync("carehome.provider@demo.test");
            await page.GetByLabel("Password").FillAsync(AppServer.DemoPassword);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await page.WaitForURLAsync("**/");

            await page.GetByRole(AriaRole.Link, new() { Name = "Your engagement" }).ClickAsync();
            await Assertions.Expect(page.Locator("h1").First).ToHaveTextAsync("Your engagement records");
            await BrowserFixture.AssertAccessibleAsync(page);
            await page.GetByRole(AriaRole.Button, new() { Name = "Record an engagement" }).Or(page.GetByRole(AriaRole.Link, new() { Name = "Record an engagement" })).First.ClickAsync();
            await page.WaitForURLAsync("**/provider/engagement/new");
            await BrowserFixture.AssertAccessibleAsync(page);

            // Nothing filled in: the errors, then the record.
            await page.GetByRole(AriaRole.Button, new() { Name = "Save and send for review" }).ClickAsync();
            await Assertions.Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("^Error: "));
            await Assertions.Expect(page.Locator("#Input_WhatWeHeard-error").First).ToContainTextAsync("Enter a summary of what you heard");
            await BrowserFixture.AssertAccessibleAsync(page);

            await page.GetByLabel("Name of the service").FillAsync("Riverside Care Home");
            await page.GetByLabel("Care home", new() { Exact = true }).CheckAsync();
            await page.Locator("#Input_HeldOn").FillAsync("12");
            await page.Locator("#Input_HeldOn-month").FillAsync("1");
            await page.Locator("#Input_HeldOn-year").FillAsync("2026");
            await page.GetByLabel("Residents' meeting").CheckAsync();
            await page.GetByLabel("How many people took part").FillAsync("15");
            await page.GetByLabel("People using the service").CheckAsync();
            await page.GetByLabel("What you heard").FillAsync(heard);
            await page.GetByLabel("What you did or will do (optional for now)").FillAsync("The small lounge is kept quiet after 6pm.");
            await page.GetByLabel("6.", new() { Exact = false }).First.CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Save and send for review" }).ClickAsync();
            await Assertions.Expect(page.Locator(".govuk-notification-banner").First).ToContainTextAsync("sent to a commissioner for review");
            await Assertions.Expect(page.Locator("#moderation").First).ToHaveTextAsync("Waiting for review");
            await BrowserFixture.AssertAccessibleAsync(page);

            // The organisation's own position against the market standard.
            await page.GotoAsync("/provider/engagement");
            await page.Locator("#standard-link").ClickAsync();
            await Assertions.Expect(page.Locator("h1").First).ToHaveTextAsync("Your position against the engagement standard");
            await Assertions.Expect(page.Locator("#standard").First).ToContainTextAsync("Told them what changed within eight weeks");
            await BrowserFixture.AssertAccessibleAsync(page);
        }

        await using (var staffContext = await fixture.NewContextAsync(javaScript))
        {
            var page = await staffContext.NewPageAsync();
            await page.GotoAsync("/account/login");
            await page.GetByLabel("Email address").FillAsync("commissioner@demo.test");
            await page.GetByLabel("Password").FillAsync(AppServer.DemoPassword);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await fixture.ForgetLastCodeAsync("commissioner@demo.test");
            await page.GetByLabel("Enter the code from your authenticator app").FillAsync(Engagement.Testing.Totp.Code(Engagement.Testing.Totp.DemoKey));
            await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
            await page.WaitForURLAsync("**/");

            await page.GotoAsync("/staff/provider-engagement");
            await BrowserFixture.AssertAccessibleAsync(page);
            await page.Locator("#queue a", new() { HasText = "Riverside Care Home" }).Last.ClickAsync();
            await Assertions.Expect(page.Locator("#heard").First).ToContainTextAsync(heard);
            await BrowserFixture.AssertAccessibleAsync(page);
            await page.GetByRole(AriaRole.Button, new() { Name = "Approve for publication" }).ClickAsync();
            await Assertions.Expect(page.Locator(".govuk-notification-banner").First).ToContainTextAsync("Approved");
            await BrowserFixture.AssertAccessibleAsync(page);

            // The market standard: the criteria, the market (their own providers first), one provider, a judgement.
            await page.GotoAsync("/staff/market-standard");
            await Assertions.Expect(page.Locator("#criteria").First).ToContainTextAsync("Engaged with the people using the service");
            await BrowserFixture.AssertAccessibleAsync(page);
            await page.Locator("#market-link").ClickAsync();
            await Assertions.Expect(page.Locator("#yours").First).ToContainTextAsync("Combe Down Care Home");
            await BrowserFixture.AssertAccessibleAsync(page);
            await page.Locator("#yours").GetByRole(AriaRole.Link, new() { Name = "Combe Down Care Home" }).ClickAsync();
            await Assertions.Expect(page.Locator("h1").First).ToContainTextAsync("Combe Down Care Home against the engagement standard");
            await BrowserFixture.AssertAccessibleAsync(page);
            await page.Locator("form.judgement-form button").First.ClickAsync();
            await Assertions.Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("^Error: "));
            await BrowserFixture.AssertAccessibleAsync(page);
            await page.Locator("form.judgement-form").First.GetByLabel("Met", new() { Exact = true }).CheckAsync();
            await page.Locator("form.judgement-form button").First.ClickAsync();
            await Assertions.Expect(page.Locator(".govuk-notification-banner").First).ToContainTextAsync("Judgement recorded");
            await BrowserFixture.AssertAccessibleAsync(page);
        }

        await using var publicContext = await fixture.NewContextAsync(javaScript);
        var reader = await publicContext.NewPageAsync();
        await reader.GotoAsync("/providers?type=care-home");
        await BrowserFixture.AssertAccessibleAsync(reader);
        await reader.GetByRole(AriaRole.Link, new() { Name = "Riverside Care Home" }).ClickAsync();
        await Assertions.Expect(reader.Locator("main").First).ToContainTextAsync(heard);
        await Assertions.Expect(reader.Locator(".app-provider-own").First).ToContainTextAsync("Provider's own");
        await BrowserFixture.AssertAccessibleAsync(reader);
        await reader.GotoAsync("/priorities/6");
        await Assertions.Expect(reader.Locator("#provider-records").First).ToContainTextAsync(heard);
        await BrowserFixture.AssertAccessibleAsync(reader);
    }
}
