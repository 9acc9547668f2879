using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Engagement.BrowserTests;

/// <summary>
/// One app server and one Debian Chromium for the whole test collection. Playwright's own browser download cannot
/// work here, so it drives /usr/bin/chromium (installed by test.sh).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public AppServer Server { get; } = new();

    public IPlaywright Playwright { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        Server.Dispose();
    }

    public Task<IBrowserContext> NewContextAsync(bool javaScript) => Browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = Server.BaseUrl,
        JavaScriptEnabled = javaScript,
    });

    /// <summary>Runs axe with the WCAG 2.0/2.1/2.2 A and AA rules and fails with every violation listed.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"] },
        });
        var violations = result.Violations
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))}")
            .ToList();
        Assert.True(violations.Count == 0, $"axe found violations on {page.Url}:\n" + string.Join("\n", violations));
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
