using Engagement.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Engagement.Migrations.SqlServer;

/// <summary>Used by `dotnet ef` to build the SQL Server model when adding a migration (no server is contacted).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<EngagementDbContext>
{
    public EngagementDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<EngagementDbContext>();
        DatabaseRegistration.Configure(options, DatabaseProvider.SqlServer, "Server=localhost;Database=Engagement;Trusted_Connection=False;TrustServerCertificate=True");
        return new EngagementDbContext(options.Options);
    }
}
