using Engagement.Infrastructure.Email;
using Engagement.Infrastructure.Identity;
using Engagement.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.IntegrationTests.Accounts;

/// <summary>
/// A test app that trusts X-Forwarded-For (ForwardedHeaders:Enabled), so each test can sign in from its own client
/// address and the per-address sign-in delay of one test does not reach another.
/// </summary>
public sealed class AddressedFactory : EngagementFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["ForwardedHeaders:Enabled"] = "true" };

    public HttpClient ClientFrom(string address)
    {
        var client = CreateBrowserClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }
}

public static class AccountTestSupport
{
    public const string Password = "a long enough password for staff 7";

    /// <summary>An account created through UserManager: a role, confirmed or not, with or without two-factor (returns its key).</summary>
    public static async Task<(string Email, string Id, string? Key)> CreateAccountAsync(
        EngagementFactory factory, string role, bool twoFactor = false, bool confirmed = true, bool disabled = false)
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var email = $"person-{Guid.NewGuid():N}@example.gov.uk";
        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = confirmed,
            DisplayName = "Test Person",
            IsApproved = true,
            IsDisabled = disabled,
            CreatedAt = DateTime.UtcNow,
        };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        string? key = null;
        if (twoFactor)
        {
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
            key = await users.GetAuthenticatorKeyAsync(user);
        }

        return (email, user.Id, key);
    }

    public static async Task<HttpResponseMessage> PasswordAsync(HttpClient client, string email, string password, string? returnUrl = null)
    {
        var (_, page) = await Html.GetAsync(client, "/account/login" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl)));
        return await Html.SubmitAsync(client, page, new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
    }

    /// <summary>Sends the outbox to the pickup folder and returns the text of the newest .eml for the address.</summary>
    public static async Task<string> DeliveredEmailAsync(EngagementFactory factory, string address)
    {
        using (var scope = factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().RunAsync(CancellationToken.None);
        }

        var folder = Path.Combine(factory.DataDirectory, "mail");
        var files = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.eml") : [];
        var texts = files.Select(f => (Time: File.GetLastWriteTimeUtc(f), Text: File.ReadAllText(f)))
            .Where(m => m.Text.Contains(address, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(m => m.Time)
            .ToList();
        Assert.True(texts.Count > 0, $"no email delivered to {address}");
        return texts[0].Text;
    }

    /// <summary>Decodes quoted-printable soft breaks and =3D so links in an .eml can be read.</summary>
    public static string Unfold(string eml) => eml.Replace("=\r\n", "", StringComparison.Ordinal).Replace("=\n", "", StringComparison.Ordinal).Replace("=3D", "=", StringComparison.Ordinal);

    public static async Task<ApplicationUser> UserAsync(EngagementFactory factory, string email)
    {
        await using var db = factory.CreateDbContext();
        return await db.Users.AsNoTracking().SingleAsync(u => u.Email == email);
    }
}
