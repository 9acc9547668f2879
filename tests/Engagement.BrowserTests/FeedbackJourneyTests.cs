using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Engagement.BrowserTests;

/// <summary>A resident gives feedback from the start page to the tracking page, with the keyboard alone.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class FeedbackJourneyTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_resident_gives_feedback_with_the_keyboard_and_follows_it(bool javaScript)
    {
        await using var context = await fixture.NewContextAsync(javaScript);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/feedback");
        await BrowserFixture.AssertAccessibleAsync(page);

        await PressAsync(page.GetByRole(AriaRole.Button, new() { Name = "Start now" }).Or(page.GetByRole(AriaRole.Link, new() { Name = "Start now" })));
        await ExpectHeadingAsync(page, "Who are you?");
        await BrowserFixture.AssertAccessibleAsync(page);

        // Continue without an answer: the GOV.UK error pattern, then answer.
        await PressAsync(page.GetByRole(AriaRole.Button, new() { Name = "Continue" }));
        await Assertions.Expect(page).ToHaveTitleAsync(new Regex("^Error: "));
        await BrowserFixture.AssertAccessibleAsync(page);
        await ChooseAsync(page.GetByLabel("A carer or family member"));
        await PressAsync(page.GetByRole(AriaRole.Button, new() { Name = "Continue" }));

        await ExpectHeadingAsync(page, "What is your feedback about?");
        await BrowserFixture.AssertAccessibleAsync(page);
        await ChooseAsync(page.GetByLabel("Home care", new() { Exact = true }));
        await PressAsync(page.GetByRole(AriaRole.Button, new() { Name = "Continue" }));

        await ExpectHeadingAsync(page, "What do you want to tell us?");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByLabel("What do you want to tell us?").FocusAsync();
        await page.Keyboard.TypeAsync("Visits to my dad are often late on Sundays.");
        await PressAsync(page.GetByRole(AriaRole.Button, new() { Name = "Continue" }));

        await ExpectHeadingAsync(page, "Which of our priorities is it about?");
        Assert.EndsWith("/feedback/priorities", page.Url, StringComparison.Ordinal);
        await BrowserFixture.AssertAccessibleAsync(page);

        // The browser's Back and the page's Back link both show the earlier question with its answer kept; refresh
        // shows the same question again without re-posting anything.
        await page.GoBackAsync();
        await ExpectHeadingAsync(page, "What do you want to tell us?");
        Assert.Equal("Visits to my dad are often late on Sundays.", await page.GetByLabel("What do you want to tell us?").InputValueAsync());
        await PressAsync(page.GetByRole(AriaRole.Button, new() { Name = "Continue" }));
        await ExpectHeadingAsync(page, "Which of our priorities is it about?");
        await page.ReloadAsync();
        await ExpectHeadingAsync(page, "Which of our priorities is it about?");
        await PressAsync(page.Locator("a.govuk-back-link"));
        await ExpectHeadingAsync(page, "What do you want to tell us?");
        await PressAsync(page.GetByRole(AriaRole.Button, new() { Name = "Continue" }));
        await ExpectHeadingAsync(page, "Which of our priorities is it about?");
        await ChooseAsync(page.GetByLabel(new Regex("^3\\. ")));
        await PressAsync(page.GetByRole(AriaRole.Button, new() { Name = "Continue" }));

        await ExpectHeadingAsync(page, "Do you want us to contact you?");
        await BrowserFixture.AssertAccessibleAsync(page);
        await PressAsync(page.GetByRole(AriaRole.Button, new() { Name = "Continue" }));

        await ExpectHeadingAsync(page, "Check your answers before sending your feedback");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.ReloadAsync();
        await ExpectHeadingAsync(page, "Check your answers before sending your feedback");
        Assert.Contains("Visits to my dad are often late on Sundays.", await page.Locator(".govuk-summary-list").InnerTextAsync());
        await PressAsync(page.GetByRole(AriaRole.Button, new() { Name = "Send feedback" }));

        await Assertions.Expect(page.Locator(".govuk-panel__title")).ToHaveTextAsync("Feedback sent");
        Assert.Matches(ReferencePattern(), await page.Locator("#reference").InnerTextAsync());
        await BrowserFixture.AssertAccessibleAsync(page);

        await PressAsync(page.Locator("#tracking-link"));
        await page.WaitForURLAsync("**/feedback/track/**");
        var tracking = await page.Locator("main").InnerTextAsync();
        Assert.True(tracking.Contains("Received", StringComparison.Ordinal) || tracking.Contains("Being looked at", StringComparison.Ordinal), tracking);
        await BrowserFixture.AssertAccessibleAsync(page);
    }

    /// <summary>Focus a control and press Enter, as a keyboard user would. Each step then waits for what it expects.</summary>
    private static async Task PressAsync(ILocator control)
    {
        await control.First.FocusAsync();
        await control.First.PressAsync("Enter");
    }

    private static Task ExpectHeadingAsync(IPage page, string heading) =>
        Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(heading);

    /// <summary>Focus a radio or checkbox and press Space.</summary>
    private static async Task ChooseAsync(ILocator control)
    {
        await control.FocusAsync();
        await control.PressAsync(" ");
        Assert.True(await control.IsCheckedAsync());
    }

    [GeneratedRegex("^YS-\\d{4}-\\d{6}$")]
    private static partial Regex ReferencePattern();
}
