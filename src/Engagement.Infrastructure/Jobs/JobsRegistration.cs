using Engagement.Infrastructure.Data;
using Hangfire;
using Hangfire.SqlServer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Infrastructure.Jobs;

public static class JobsRegistration
{
    /// <summary>
    /// Hangfire: in-memory storage with SQLite (the database itself is the record of what must happen, so nothing is
    /// lost with the queue), SQL Server storage with SQL Server. Jobs:RunServer=false runs no worker (tests call jobs directly).
    /// </summary>
    public static IServiceCollection AddEngagementJobs(this IServiceCollection services, IConfiguration configuration, DatabaseOptions database)
    {
        services.AddHangfire(config =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (database.Provider == DatabaseProvider.SqlServer)
            {
                config.UseSqlServerStorage(database.ConnectionString, new SqlServerStorageOptions { PrepareSchemaIfNecessary = true });
            }
            else
            {
                config.UseInMemoryStorage();
            }
        });

        if (configuration.GetValue("Jobs:RunServer", true))
        {
            services.AddHangfireServer(options => options.WorkerCount = Math.Max(2, Environment.ProcessorCount));
        }

        return services;
    }
}
