using System.Net;
using Engagement.Infrastructure.Identity;
using Engagement.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Engagement.IntegrationTests.Accounts.AccountTestSupport;

namespace Engagement.IntegrationTests.Accounts;

/// <summary>
/// "Forgotten your password?": the same page for a known, an unknown, an unconfirmed and a disabled address; only the
/// real, confirmed, enabled account is emailed a link, which works once and changes the password.
/// </summary>
public sealed class PasswordResetTests(EngagementFactory factory) : IClassFixture<EngagementFactory>
{
    private async Task<(HttpResponseMessage Response, string Main)> AskAsync(string email)
    {
        var client = factory.CreateBrowserClient();
        var (_, form) = await Html.GetAsync(client, "/account/forgot-password");
        var response = await Html.SubmitAsync(client, form, new Dictionary<string, string> { ["Input.Email"] = email });
        var page = await Html.ParseAsync(response);
        return (response, page.QuerySelector("main")!.InnerHtml);
    }

    private async Task<List<string>> ResetEmailsToAsync(string address)
    {
        await using var db = factory.CreateDbContext();
        return await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == "password-reset" && m.ToAddress == address).Select(m => m.TextBody!).ToListAsync();
    }

    [Fact]
    public async Task Every_kind_of_address_gets_the_same_page_and_only_the_real_account_is_emailed_with_one_audit_record_each()
    {
        var (known, knownId, _) = await CreateAccountAsync(factory, Roles.Commissioner);
        var (unconfirmed, _, _) = await CreateAccountAsync(factory, Roles.Provider, confirmed: false);
        var (disabled, _, _) = await CreateAccountAsync(factory, Roles.Commissioner, disabled: true);
        var unknown = $"nobody-{Guid.NewGuid():N}@example.gov.uk";
        int AuditCount(string action)
        {
            using var db = factory.CreateDbContext();
            return db.AuditRecords.Count(a => a.Action == action);
        }

        var noAccountBefore = AuditCount("account.password-reset-no-account");
        var answers = new List<string>();
        foreach (var address in new[] { known, unknown, unconfirmed, disabled })
        {
            var (response, main) = await AskAsync(address);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            answers.Add(main);
        }

        Assert.Single(answers.Distinct());
        Assert.Contains("Check your email", answers[0], StringComparison.Ordinal);
        Assert.Single(await ResetEmailsToAsync(known));
        Assert.Empty(await ResetEmailsToAsync(unknown));
        Assert.Empty(await ResetEmailsToAsync(unconfirmed));
        Assert.Empty(await ResetEmailsToAsync(disabled));
        await using var check = factory.CreateDbContext();
        Assert.True(await check.AuditRecords.AnyAsync(a => a.Action == "account.password-reset-sent" && a.EntityId == knownId));
        Assert.Equal(noAccountBefore + 3, AuditCount("account.password-reset-no-account"));
        Assert.False(await check.AuditRecords.AnyAsync(a => a.Detail != null && a.Detail.Contains(unknown)));
    }

    [Fact]
    public async Task The_emailed_link_changes_the_password_once()
    {
        var (email, _, _) = await CreateAccountAsync(factory, Roles.Provider);
        await AskAsync(email);
        var eml = Unfold(await DeliveredEmailAsync(factory, email));
        var link = System.Text.RegularExpressions.Regex.Match(eml, @"https?://[^/\s]+(/account/reset-password\?userId=[^&\s]+&amp;code=[A-Za-z0-9_-]+|/account/reset-password\?userId=[^&\s]+&code=[A-Za-z0-9_-]+)").Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(link), "no reset link in the email");

        const string newPassword = "a brand new and unusual passphrase 41";
        var client = factory.CreateBrowserClient();
        var (_, form) = await Html.GetAsync(client, link);
        var changed = await Html.SubmitAsync(client, form, new Dictionary<string, string> { ["Input.Password"] = newPassword, ["Input.ConfirmPassword"] = newPassword });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal("/account/login", changed.Headers.Location?.OriginalString);
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = await users.FindByEmailAsync(email);
            Assert.True(await users.CheckPasswordAsync(user!, newPassword));
            Assert.False(await users.CheckPasswordAsync(user!, Password));
        }

        var other = factory.CreateBrowserClient();
        var (_, again) = await Html.GetAsync(other, link);
        var reused = await Html.SubmitAsync(other, again, new Dictionary<string, string> { ["Input.Password"] = "yet another unusual passphrase 52", ["Input.ConfirmPassword"] = "yet another unusual passphrase 52" });
        Assert.Contains("This reset link has expired or has already been used. Ask for a new one", Html.ErrorSummary(await Html.ParseAsync(reused)));
    }
}
