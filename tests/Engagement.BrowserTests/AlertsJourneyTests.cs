using System.Text.RegularExpressions;
using Engagement.Domain.Responses;
using Engagement.Infrastructure.Data;
using Engagement.Web.Features.Alerts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Engagement.BrowserTests;

/// <summary>
/// Someone follows a priority by email from its page: the form (with its error), check your email, the confirmation
/// link, an alert, the manage link and stopping the emails, with axe on every page, with JavaScript on and off. The
/// emails are read from the outbox this app writes (the SMTP delivery itself is covered by the integration tests).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class AlertsJourneyTests(BrowserFixture fixture)
{
    [GeneratedRegex(@"https?://[^/\s]+(/alerts/(?:confirm|manage)/\S+)")]
    private static partial Regex AlertLink();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Follow_a_priority_by_email_confirm_receive_and_stop(bool javaScript)
    {
        var address = $"follower.{Guid.NewGuid():N}@example.org";
        await using var context = await fixture.NewContextAsync(javaScript);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/priorities/5");
        await page.Locator("#alerts-link").ClickAsync();
        await page.WaitForURLAsync("**/alerts?priority=5");
        await Assertions.Expect(page.Locator("#Input_Priorities-5")).ToBeCheckedAsync();
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Get emails" }).ClickAsync();
        await Assertions.Expect(page).ToHaveTitleAsync(new Regex("^Error: "));
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Enter your email address");
        await Assertions.Expect(page.Locator("#Input_Priorities-5")).ToBeCheckedAsync(); // answers kept
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GetByLabel("As it happens").CheckAsync();
        await page.GetByLabel("Email address").FillAsync(address);
        await page.GetByRole(AriaRole.Button, new() { Name = "Get emails" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Check your email");
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GotoAsync(await LinkInEmailAsync(address, SubscribeToAlertsHandler.ConfirmationKind));
        await Assertions.Expect(page.Locator(".govuk-panel__title")).ToHaveTextAsync("Email alerts confirmed");
        await BrowserFixture.AssertAccessibleAsync(page);

        var title = await ChangeAnEntryForPriority5Async();
        using (var scope = fixture.Server.Services.CreateScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<AlertJob>().RunAsync(CancellationToken.None) >= 1);
        }

        var manage = await LinkInEmailAsync(address, AlertJob.EmailKind, title);
        await page.GotoAsync(manage);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Manage your email alerts");
        await Assertions.Expect(page.Locator("#subscription")).ToContainTextAsync(address);
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Stop these emails" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-panel__title")).ToHaveTextAsync("You have unsubscribed");
        await BrowserFixture.AssertAccessibleAsync(page);
        var again = await page.GotoAsync(manage);
        Assert.Equal(404, again!.Status);
    }

    private async Task<string> LinkInEmailAsync(string address, string kind, string? mustContain = null)
    {
        using var scope = fixture.Server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EngagementDbContext>();
        var message = await db.OutboxMessages.AsNoTracking().Where(m => m.ToAddress == address && m.Kind == kind).OrderByDescending(m => m.Id).FirstAsync();
        if (mustContain is not null)
        {
            Assert.Contains(mustContain, message.TextBody);
        }

        return AlertLink().Matches(message.TextBody!).Select(m => m.Groups[1].Value).First(l => kind == AlertJob.EmailKind ? l.Contains("/manage/", StringComparison.Ordinal) : true);
    }

    private async Task<string> ChangeAnEntryForPriority5Async()
    {
        using var scope = fixture.Server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EngagementDbContext>();
        var now = DateTime.UtcNow;
        var title = "Care home fees explained " + Guid.NewGuid().ToString("N")[..6];
        var entry = ResponseEntry.Create(ResponseEntry.FormatReference(2093, Random.Shared.Next(1000, 9999)), title, "browser-test", now.AddMinutes(-5));
        entry.YouSaidSummary = "People asked how care home fees are set.";
        entry.WeDidMarkdown = "We published the fee rates.";
        entry.Section = Engagement.Domain.Common.ServiceSection.ResidentialAndNursing;
        entry.OwnerTeam = "Care home commissioning";
        entry.Priorities = [new ResponseEntryPriority { PriorityNumber = 5 }];
        Assert.True(entry.Publish(now.AddMinutes(-4)).Succeeded);
        db.ResponseEntries.Add(entry);
        await db.SaveChangesAsync();
        Assert.True(entry.ChangeStatus(ResponseStatus.UnderReview, "We are looking at this.", null, "browser-test", now).Succeeded);
        await db.SaveChangesAsync();
        return title;
    }
}
