using Engagement.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Engagement.Migrations.SqlServer;

/// <summary>Used by `dotnet ef` to build the SQL Server model when adding a migration or regenerating the compiled model (no server is contacted).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<EngagementDbContext>
{
    public EngagementDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<EngagementDbContext>();
        // From the code, not the compiled model: this factory is what regenerates it (migrations/optimize-model.sh).
        DatabaseRegistration.Configure(options, DatabaseProvider.SqlServer, "Server=localhost;Database=Engagement;Trusted_Connection=False;TrustServerCertificate=True", useCompiledModel: false);
        return new EngagementDbContext(options.Options);
    }
}
