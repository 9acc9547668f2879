using Engagement.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Engagement.Migrations.Sqlite;

/// <summary>Used by `dotnet ef` to build the SQLite model when adding a migration or regenerating the compiled model.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<EngagementDbContext>
{
    public EngagementDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<EngagementDbContext>();
        // From the code, not the compiled model: this factory is what regenerates it (migrations/optimize-model.sh).
        DatabaseRegistration.Configure(options, DatabaseProvider.Sqlite, "Data Source=design-time.db", useCompiledModel: false);
        return new EngagementDbContext(options.Options);
    }
}
