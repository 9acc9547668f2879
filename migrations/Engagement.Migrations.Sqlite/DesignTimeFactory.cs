using Engagement.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Engagement.Migrations.Sqlite;

/// <summary>Used by `dotnet ef` to build the SQLite model when adding a migration.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<EngagementDbContext>
{
    public EngagementDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<EngagementDbContext>();
        DatabaseRegistration.Configure(options, DatabaseProvider.Sqlite, "Data Source=design-time.db");
        return new EngagementDbContext(options.Options);
    }
}
