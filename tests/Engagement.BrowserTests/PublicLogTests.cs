using Microsoft.Playwright;

namespace Engagement.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class PublicLogTests(BrowserFixture fixture)
{
    private static async Task<(IBrowserContext Context, IPage Page, List<string> Errors)> OpenAsync(BrowserFixture fixture, bool javaScript)
    {
        var context = await fixture.NewContextAsync(javaScript);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        return (context, page, errors);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Filtering_the_log_and_following_a_priority_link(bool javaScript)
    {
        var (context, page, errors) = await OpenAsync(fixture, javaScript);
        await using var _ = context;
        await page.GotoAsync("/you-said-we-did");
        var published = await fixture.CountPublishedAsync();
        Assert.Equal(published, await page.Locator("#log-entries > li").CountAsync());

        await page.GetByLabel("Status").SelectOptionAsync("completed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await page.WaitForURLAsync("**/you-said-we-did?*status=completed*");

        var items = page.Locator("#log-entries > li");
        var completed = await fixture.CountPublishedAsync(Engagement.Domain.Responses.ResponseStatus.Completed);
        Assert.Equal(completed, await items.CountAsync());
        Assert.Contains("Clearer information about extra care housing", await items.Locator("h3").AllInnerTextsAsync());
        Assert.All(await items.Locator(".govuk-tag:not(.app-kind-tag)").AllInnerTextsAsync(), tag => Assert.Equal("Completed", tag)); // a consultation outcome also carries its kind
        Assert.Equal(completed == 1 ? "1 entry" : $"{completed} entries", await page.Locator("#results-heading").InnerTextAsync());
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GetByLabel("Words").FillAsync("nothing matches this phrase");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await page.WaitForURLAsync("**q=nothing*");
        Assert.Contains("No published entries match", await page.Locator("#no-results").InnerTextAsync());
        await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Clear filters" }).Last.ClickAsync();
        await page.WaitForURLAsync("**/you-said-we-did");
        Assert.Equal(published, await page.Locator("#log-entries > li").CountAsync());

        await page.Locator("#log-entries").GetByRole(AriaRole.Link, new() { Name = "Priority 10" }).ClickAsync();
        await page.WaitForURLAsync("**/priorities/10");
        Assert.StartsWith("Priority 10", await page.Locator("h1").InnerTextAsync());
        Assert.Contains("Clearer information about extra care housing", await page.Locator("#log-entries h3").AllInnerTextsAsync());
        if (javaScript)
        {
            Assert.True(errors.All(e => e.Contains("404")), "Console errors (CSP or script): " + string.Join("\n", errors));
        }
    }

    public static TheoryData<string, bool> Pages()
    {
        var data = new TheoryData<string, bool>();
        foreach (var url in new[] { "/you-said-we-did", "entry", "/priorities/3", "/insights" })
        {
            data.Add(url, true);
            data.Add(url, false);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Public_log_pages_pass_axe(string url, bool javaScript)
    {
        var (context, page, errors) = await OpenAsync(fixture, javaScript);
        await using var _ = context;
        if (url == "entry")
        {
            await page.GotoAsync("/you-said-we-did");
            await page.Locator("#log-entries h3 a").First.ClickAsync();
            await page.WaitForURLAsync("**/you-said-we-did/WD-*");
            Assert.NotEmpty(await page.Locator("#timeline li").AllAsync());
        }
        else
        {
            // Twice: the second answer comes from the output cache.
            await page.GotoAsync(url);
            await page.GotoAsync(url);
        }

        Assert.NotEmpty(await page.Locator("main h1").InnerTextAsync());
        await BrowserFixture.AssertAccessibleAsync(page);
        if (javaScript)
        {
            Assert.Contains("govuk-frontend-supported", await page.EvaluateAsync<string>("document.body.className"));
            Assert.True(errors.All(e => e.Contains("404")), "Console errors (CSP or script): " + string.Join("\n", errors));
        }
    }
}
