using Engagement.Infrastructure.Seeding;
using Engagement.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Engagement.IntegrationTests.Foundation;

public sealed class ProductionSafetyTests
{
    [Fact]
    public async Task Production_removes_demo_accounts_left_in_its_database()
    {
        using var development = new EngagementFactory();
        await using (var db = development.CreateDbContext())
        {
            Assert.Equal(DemoDataSeeder.Accounts.Length + DemoProviderEngagement.Organisations.Length, await db.Users.CountAsync(u => u.Email!.EndsWith("@" + SeedOptions.DemoDomain)));
        }

        using var production = new ProductionOnSameDatabase(development.DataDirectory, demoData: false);
        await using var after = production.CreateDbContext();

        Assert.Equal(0, await after.Users.CountAsync(u => u.Email!.EndsWith("@" + SeedOptions.DemoDomain)));
        Assert.Equal(18, await after.Priorities.CountAsync());
    }

    [Fact]
    public void Production_refuses_to_start_with_demo_data_on()
    {
        using var production = new ProductionOnSameDatabase(directory: null, demoData: true);

        var error = Assert.ThrowsAny<Exception>(() => production.CreateDbContext());
        Assert.Contains("Seed:DemoData must not be true in Production", error.ToString());
    }

    private sealed class ProductionOnSameDatabase(string? directory, bool demoData) : EngagementFactory(directory)
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Seed:DemoData"] = demoData ? "true" : "false" };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }
}

public sealed class DemoKeyFileTests
{
    [Fact]
    public async Task Without_a_configured_key_the_demo_staff_key_is_written_to_the_data_folder_and_used()
    {
        using var factory = new KeyFromFileFactory();
        await using var db = factory.CreateDbContext();

        var path = Path.Combine(factory.DataDirectory, "demo-authenticator-key.txt");
        Assert.True(File.Exists(path));
        var key = (await File.ReadAllTextAsync(path)).Trim();
        Assert.Matches("^[A-Z2-7]{32}$", key);
        var commissioner = await db.Users.SingleAsync(u => u.Email == TestAccounts.Commissioner);
        Assert.True(commissioner.TwoFactorEnabled);
        var stored = await db.UserTokens.SingleAsync(t => t.UserId == commissioner.Id && t.Name == "AuthenticatorKey");
        Assert.Equal(key, stored.Value);
    }

    private sealed class KeyFromFileFactory : EngagementFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Seed:DemoAuthenticatorKey"] = "" };
    }
}
