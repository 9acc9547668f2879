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
            Assert.Equal(4, await db.Users.CountAsync(u => u.Email!.EndsWith("@" + SeedOptions.DemoDomain)));
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
