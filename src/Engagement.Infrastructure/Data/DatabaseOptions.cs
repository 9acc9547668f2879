namespace Engagement.Infrastructure.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

/// <summary>The "Database" configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply migrations at start-up. Defaults to true for SQLite and false for SQL Server.</summary>
    public bool? MigrateOnStartup { get; set; }

    /// <summary>The resolved connection string (from ConnectionStrings:Engagement, or the default SQLite file).</summary>
    public string ConnectionString { get; set; } = "";

    public bool ShouldMigrateOnStartup => MigrateOnStartup ?? Provider == DatabaseProvider.Sqlite;

    public const string SqliteMigrationsAssembly = "Engagement.Migrations.Sqlite";
    public const string SqlServerMigrationsAssembly = "Engagement.Migrations.SqlServer";
}
