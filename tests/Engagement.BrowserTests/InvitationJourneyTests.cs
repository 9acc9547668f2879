using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Engagement.BrowserTests;

/// <summary>
/// An administrator invites a commissioner; the commissioner follows the emailed link, chooses a password, types the
/// authenticator key into their app (here: computes its code) and reaches the staff pages. axe on every page, with
/// JavaScript on and off.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class InvitationJourneyTests(BrowserFixture fixture)
{
    private static readonly PageWaitForURLOptions Loaded = new() { WaitUntil = WaitUntilState.DOMContentLoaded };

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_administrator_invites_a_commissioner_who_sets_a_password_and_two_factor_and_signs_in(bool javaScript)
    {
        var email = $"new.commissioner.{Guid.NewGuid():N}@example.gov.uk";

        // The administrator.
        await using (var adminContext = await fixture.NewContextAsync(javaScript))
        {
            var admin = await adminContext.NewPageAsync();
            await admin.GotoAsync("/account/login");
            await admin.GetByLabel("Email address").FillAsync("admin@demo.test");
            await admin.GetByLabel("Password").FillAsync(AppServer.DemoPassword);
            await admin.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await admin.WaitForURLAsync("**/account/login-2fa*", Loaded);
            await fixture.ForgetLastCodeAsync("admin@demo.test");
            await admin.GetByLabel("Enter the code from your authenticator app").FillAsync(Engagement.Testing.Totp.Code(Engagement.Testing.Totp.DemoKey));
            await admin.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
            await admin.WaitForURLAsync(fixture.Server.BaseUrl + "/", Loaded);

            await admin.GotoAsync("/admin");
            await BrowserFixture.AssertAccessibleAsync(admin);
            await admin.GetByRole(AriaRole.Link, new() { Name = "Staff accounts" }).ClickAsync();
            await admin.WaitForURLAsync("**/admin/staff", Loaded);
            await BrowserFixture.AssertAccessibleAsync(admin);
            await admin.GetByRole(AriaRole.Link, new() { Name = "Invite a member of staff" }).ClickAsync();
            await admin.WaitForURLAsync("**/admin/staff/invite", Loaded);
            await BrowserFixture.AssertAccessibleAsync(admin);

            // Nothing filled in: the GOV.UK error pattern.
            await admin.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
            await Assertions.Expect(admin.Locator(".govuk-error-summary")).ToContainTextAsync("Enter their full name");
            await BrowserFixture.AssertAccessibleAsync(admin);

            await admin.GetByLabel("Full name").FillAsync("Robin Newcomer");
            await admin.GetByLabel("Work email address").FillAsync(email);
            await admin.GetByLabel("Commissioner").CheckAsync();
            await admin.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
            await admin.WaitForURLAsync("**/admin/staff", Loaded);
            await Assertions.Expect(admin.Locator(".govuk-notification-banner")).ToContainTextAsync("Invitation sent");
            await Assertions.Expect(admin.Locator("#staff")).ToContainTextAsync(email);
            await BrowserFixture.AssertAccessibleAsync(admin);

            // Background jobs, with a recurring schedule and a failed job on the page (this server runs no job server).
            Hangfire.RecurringJobManagerExtensions.AddOrUpdate<Engagement.Infrastructure.Privacy.RetentionJob>(
                fixture.Server.Services.GetRequiredService<Hangfire.IRecurringJobManager>(), Engagement.Web.Features.RecurringJobSchedule.DataRetention, job => job.RunAsync(CancellationToken.None), Hangfire.Cron.Daily(2, 30));
            var failed = fixture.Server.Services.GetRequiredService<Hangfire.IBackgroundJobClient>().Create(
                Hangfire.Common.Job.FromExpression<Engagement.Infrastructure.Email.OutboxDispatcher>(d => d.RunAsync(CancellationToken.None)),
                new Hangfire.States.FailedState(new InvalidOperationException("Browser test failure")));
            await admin.GotoAsync("/admin");
            await admin.GetByRole(AriaRole.Link, new() { Name = "Background jobs" }).ClickAsync();
            await admin.WaitForURLAsync("**/admin/jobs", Loaded);
            await Assertions.Expect(admin.Locator($"#failed-{failed}")).ToContainTextAsync("Browser test failure");
            await BrowserFixture.AssertAccessibleAsync(admin);
            await admin.GetByRole(AriaRole.Button, new() { Name = $"Retry job {failed}" }).ClickAsync();
            await admin.WaitForURLAsync("**/admin/jobs", Loaded);
            await Assertions.Expect(admin.Locator(".govuk-notification-banner")).ToContainTextAsync("The job is back in the queue");
            await Assertions.Expect(admin.Locator($"#failed-{failed}")).ToHaveCountAsync(0);
            await BrowserFixture.AssertAccessibleAsync(admin);
        }

        // The email the invitation queued, and its link.
        string link;
        using (var scope = fixture.Server.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Engagement.Infrastructure.Data.EngagementDbContext>();
            var message = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.ToAddress == email && m.Kind == "staff-invitation");
            link = System.Text.RegularExpressions.Regex.Match(message.TextBody!, @"https?://\S+(/account/invitation\?\S+)").Groups[1].Value;
        }

        Assert.NotEmpty(link);

        // The new commissioner.
        await using var context = await fixture.NewContextAsync(javaScript);
        var page = await context.NewPageAsync();
        await page.GotoAsync(link);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Accept your invitation");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByLabel("Password").FillAsync("qwerty123456");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save password and continue" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("harder to guess");
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GetByLabel("Password").FillAsync("a kettle of seven quiet herons");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save password and continue" }).ClickAsync();
        await page.WaitForURLAsync("**/account/setup-2fa*", Loaded);
        await Assertions.Expect(page.Locator("svg#authenticator-qr")).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(page);

        var key = (await page.Locator("#shared-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        await page.GetByLabel("Code from your authenticator app").FillAsync(Engagement.Testing.Totp.Code(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor authentication" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Two-factor authentication is on");
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForURLAsync("**/staff", Loaded);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Commissioners' workspace");
        await BrowserFixture.AssertAccessibleAsync(page);
    }
}
