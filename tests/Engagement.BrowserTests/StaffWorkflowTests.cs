using Microsoft.Playwright;

namespace Engagement.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class StaffWorkflowTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_commissioner_triages_an_item_creates_an_entry_publishes_it_and_moves_it_to_completed(bool javaScript)
    {
        await using var context = await fixture.NewContextAsync(javaScript);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email address").FillAsync("commissioner@demo.test");
        await page.GetByLabel("Password").FillAsync(AppServer.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await fixture.ForgetLastCodeAsync("commissioner@demo.test");
        await page.GetByLabel("Enter the code from your authenticator app").FillAsync(Engagement.Testing.Totp.Code(Engagement.Testing.Totp.DemoKey));
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForURLAsync("**/");

        // The inbox: possible safeguarding first, then search for the item to triage.
        await page.GotoAsync("/staff/feedback");
        await Assertions.Expect(page.Locator("h1").First).ToHaveTextAsync("Feedback inbox");
        Assert.Contains("Possible safeguarding", await page.Locator("#inbox tbody tr").First.InnerTextAsync());
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByLabel("Search by reference or words").FillAsync(javaScript ? "Recruitment" : "lost three staff");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await page.Locator("#inbox tbody tr a").First.ClickAsync();
        await Assertions.Expect(page.Locator("#feedback-text").First).ToContainTextAsync("Recruitment is our biggest problem");
        await BrowserFixture.AssertAccessibleAsync(page);

        // Triage: priorities, a note, then a new entry from it.
        await page.Locator("#priorities-form").GetByLabel("16.", new() { Exact = false }).CheckAsync();
        await page.Locator("#priorities-form").GetByRole(AriaRole.Button, new() { Name = "Save priorities" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner").First).ToContainTextAsync("Priorities saved");
        await page.GetByLabel("Add a note for colleagues").FillAsync("Raised again at the provider forum.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await Assertions.Expect(page.Locator("#notes").First).ToContainTextAsync("Raised again at the provider forum.");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Start a new entry from this item" }).ClickAsync();
        await page.WaitForURLAsync("**/staff/responses/*");
        var entryUrl = page.Url;
        await BrowserFixture.AssertAccessibleAsync(page);

        // Write the entry, preview it, save it.
        await page.Locator("#Input_Title").FillAsync("Recruiting and keeping care staff " + (javaScript ? "(JS)" : "(no JS)"));
        await page.Locator("#Input_YouSaidSummary").FillAsync("Care providers told us that recruiting and keeping staff is their biggest problem.");
        await page.Locator("#Input_WeDidMarkdown").FillAsync("We are running a **recruitment campaign** with providers.\n\n- Shared adverts\n- A careers fair");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Assertions.Expect(page.Locator("#preview #we-did strong").First).ToContainTextAsync("recruitment campaign");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner").First).ToContainTextAsync("Changes saved");

        // Publish, then move through the statuses.
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner").First).ToContainTextAsync("Published");
        await Assertions.Expect(page.Locator("#published").First).ToHaveTextAsync("Published");
        await BrowserFixture.AssertAccessibleAsync(page);

        await MoveAsync(page, "Under review", null, null);
        await MoveAsync(page, "Action planned", null, null);
        await Assertions.Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("^Error: "));
        await Assertions.Expect(page.Locator("#Move_Note-error").First).ToContainTextAsync("Enter a description of the action planned");
        await BrowserFixture.AssertAccessibleAsync(page);
        await MoveAsync(page, "Action planned", "A campaign with every framework provider.", ("30", "6", "2027"));
        await Assertions.Expect(page.Locator(".govuk-notification-banner").First).ToContainTextAsync("Status changed to action planned");
        await MoveAsync(page, "Completed", "The campaign ran and filled 40 posts.", null);
        await Assertions.Expect(page.Locator(".govuk-notification-banner").First).ToContainTextAsync("Status changed to completed");
        await Assertions.Expect(page.Locator("main .govuk-tag").First).ToHaveTextAsync("Completed");
        await Assertions.Expect(page.Locator("#history").First).ToContainTextAsync("The campaign ran and filled 40 posts.");
        Assert.Equal(entryUrl, page.Url);
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GotoAsync("/staff/responses");
        await Assertions.Expect(page.Locator("#entries").First).ToContainTextAsync("Recruiting and keeping care staff");
        await BrowserFixture.AssertAccessibleAsync(page);
    }

    private static async Task MoveAsync(IPage page, string status, string? note, (string Day, string Month, string Year)? target)
    {
        var form = page.Locator("#status-form");
        await form.GetByLabel(status, new() { Exact = true }).CheckAsync();
        await form.GetByLabel("Note (published)").FillAsync(note ?? "");
        if (target is { } date)
        {
            await form.GetByLabel("Day").FillAsync(date.Day);
            await form.GetByLabel("Month").FillAsync(date.Month);
            await form.GetByLabel("Year").FillAsync(date.Year);
        }

        await form.GetByRole(AriaRole.Button, new() { Name = "Change status" }).ClickAsync();
    }
}
