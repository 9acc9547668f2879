using Microsoft.Playwright;

namespace Engagement.BrowserTests;

/// <summary>
/// The forum loop in a real browser, JavaScript on and off, axe on every page: a care home provider suggests an agenda
/// item for the upcoming demo forum (the errors first), a commissioner puts it on the agenda and opens the last forum's
/// minutes, and the public reads the last forum's agenda, minutes and actions.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ForumLoopJourneyTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_provider_suggests_an_agenda_item_a_commissioner_takes_it_and_the_public_reads_the_last_forums_minutes(bool javaScript)
    {
        var topic = "Weekend pharmacy deliveries " + (javaScript ? "(JS)" : "(no JS)");
        string suggestUrl;
        await using (var providerContext = await fixture.NewContextAsync(javaScript))
        {
            var page = await providerContext.NewPageAsync();
            await page.GotoAsync("/account/login");
            await page.GetByLabel("Email address").FillAsync("carehome.provider@demo.test");
            await page.GetByLabel("Password").FillAsync(AppServer.DemoPassword);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await page.WaitForURLAsync("**/");

            await page.GetByRole(AriaRole.Link, new() { Name = "Forum agendas" }).ClickAsync();
            await Assertions.Expect(page.Locator("h1").First).ToHaveTextAsync("Forum agendas");
            await BrowserFixture.AssertAccessibleAsync(page);
            suggestUrl = (await page.Locator("#forums a[href$='/suggest']").First.GetAttributeAsync("href"))!;
            await page.Locator("#forums a[href$='/suggest']").First.ClickAsync();
            await page.WaitForURLAsync("**/suggest");
            await BrowserFixture.AssertAccessibleAsync(page);

            await page.GetByRole(AriaRole.Button, new() { Name = "Send suggestion" }).ClickAsync();
            await Assertions.Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("^Error: "));
            await Assertions.Expect(page.Locator("#Input_Topic-error").First).ToContainTextAsync("Enter the topic");
            await BrowserFixture.AssertAccessibleAsync(page);

            await page.GetByLabel("Topic").FillAsync(topic);
            await page.GetByLabel("Why it matters").FillAsync("Medication runs out when a resident is discharged on a Friday.");
            await page.GetByLabel("6.", new() { Exact = false }).First.CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Send suggestion" }).ClickAsync();
            await Assertions.Expect(page.Locator("#item-state").First).ToHaveTextAsync("Proposed");
            await BrowserFixture.AssertAccessibleAsync(page);
        }

        var forumId = suggestUrl.Split('/')[3];
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

            await page.GotoAsync($"/staff/events/{forumId}");
            await Assertions.Expect(page.Locator("#agenda-link").First).ToBeVisibleAsync();
            await page.GotoAsync($"/staff/events/{forumId}/agenda");
            await Assertions.Expect(page.Locator("h1").First).ToHaveTextAsync("Agenda");
            await BrowserFixture.AssertAccessibleAsync(page);
            var card = page.Locator(".govuk-summary-card", new() { HasText = topic });
            if (await card.CountAsync() == 0)
            {
                throw new InvalidOperationException("No proposed item on the agenda page: " + await page.Locator("main").InnerTextAsync());
            }

            await card.Locator("button[value=PutOnAgenda]").ClickAsync();
            await Assertions.Expect(page.Locator("#agenda-list").First).ToContainTextAsync(topic);
            await BrowserFixture.AssertAccessibleAsync(page);

            await page.GotoAsync($"/staff/events/{forumId}/minutes");
            await Assertions.Expect(page.Locator("#not-yet").First).ToBeVisibleAsync();
            await BrowserFixture.AssertAccessibleAsync(page);
        }

        await using var publicContext = await fixture.NewContextAsync(javaScript);
        var reader = await publicContext.NewPageAsync();
        await reader.GotoAsync("/events/past");
        await reader.GetByRole(AriaRole.Link, new() { Name = "Care home provider forum" }).First.ClickAsync();
        await Assertions.Expect(reader.Locator("#agenda-items").First).ToContainTextAsync("Dementia training for night staff");
        await Assertions.Expect(reader.Locator("#minutes-text h2").First).ToHaveTextAsync("Dementia training for night staff");
        await Assertions.Expect(reader.Locator("#action-list").First).ToContainTextAsync("Fund accredited dementia training places");
        await BrowserFixture.AssertAccessibleAsync(reader);
        await reader.Locator("#action-list a").First.ClickAsync();
        await Assertions.Expect(reader.Locator("#from-forum").First).ToContainTextAsync("This is an action agreed at the");
        await BrowserFixture.AssertAccessibleAsync(reader);
    }
}
