using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
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

    /// <summary>
    /// Published entries in the shared app's database now. Tests in this collection share one app, and some publish
    /// entries, so a test that counts the log asks the database rather than assuming the demo data alone.
    /// </summary>
    public async Task<int> CountPublishedAsync(Engagement.Domain.Responses.ResponseStatus? status = null)
    {
        using var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(Server.Services);
        var db = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Engagement.Infrastructure.Data.EngagementDbContext>(scope.ServiceProvider);
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            db.ResponseEntries, e => e.IsPublished && (status == null || e.Status == status));
    }

    /// <summary>
    /// Each authenticator code is accepted once. Tests sign the shared demo accounts in several times a minute, so before
    /// typing a code they forget the last accepted step, as if the app had shown a new 30-second code.
    /// </summary>
    public async Task ForgetLastCodeAsync(string email)
    {
        using var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(Server.Services);
        var db = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Engagement.Infrastructure.Data.EngagementDbContext>(scope.ServiceProvider);
        await db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(set => set.SetProperty(u => u.LastAuthenticatorTimeStep, (long?)null));
    }

    /// <summary>Contexts opened with JavaScript off: axe cannot run inside them (see <see cref="AssertAccessibleAsync"/>).</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IBrowserContext, IBrowser> ScriptlessContexts = new();

    public async Task<IBrowserContext> NewContextAsync(bool javaScript)
    {
        // Every test is a new visitor from a fresh place: the whole suite signs in from 127.0.0.1, so the failed sign-ins
        // of one test (a wrong password, a wrong code) would otherwise count towards a delay for the next test's address.
        // The delays themselves are tested at their production defaults in the integration tests (SignInSecurityTests).
        using (var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(Server.Services))
        {
            var db = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Engagement.Infrastructure.Data.EngagementDbContext>(scope.ServiceProvider);
            await db.SignInThrottles.ExecuteDeleteAsync();
        }

        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseUrl,
            JavaScriptEnabled = javaScript,
        });
        if (!javaScript)
        {
            ScriptlessContexts.AddOrUpdate(context, Browser);
        }

        return context;
    }

    /// <summary>
    /// Runs axe with the WCAG 2.0/2.1/2.2 A and AA rules and fails with every violation listed. axe is JavaScript, so
    /// for a page in a context with JavaScript off it checks the same document (what the server sent, as the browser
    /// holds it now) in a scratch page where axe may run but none of the site's own scripts do.
    /// </summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        if (ScriptlessContexts.TryGetValue(page.Context, out var browser))
        {
            var html = await page.ContentAsync();
            var url = page.Url;
            await using var scratch = await browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = true });
            var copy = await scratch.NewPageAsync();
            await copy.RouteAsync("**/*", route =>
                route.Request.Url == url ? route.FulfillAsync(new RouteFulfillOptions { Body = html, ContentType = "text/html; charset=utf-8" })
                : route.Request.ResourceType == "script" ? route.AbortAsync()
                : route.ContinueAsync());
            await copy.GotoAsync(url);
            await RunAxeAsync(copy, url + " (JavaScript off)");
            return;
        }

        await RunAxeAsync(page, page.Url);
    }

    private static async Task RunAxeAsync(IPage page, string description)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"] },
        });
        var violations = result.Violations
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))}")
            .ToList();
        Assert.True(violations.Count == 0, $"axe found violations on {description}:\n" + string.Join("\n", violations));
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
