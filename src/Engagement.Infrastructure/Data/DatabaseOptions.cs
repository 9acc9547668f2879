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

    /// <summary>
    /// Search through the trigram tables (<see cref="SearchGrams"/>) rather than SQLite's FTS5 tables. Always on for SQL
    /// Server, which has no FTS5; off by default for SQLite, where the tests turn it on to run that path.
    /// </summary>
    public bool? TrigramSearch { get; set; }

    public bool UsesTrigramSearch => Provider == DatabaseProvider.SqlServer || TrigramSearch == true;

    public bool ShouldMigrateOnStartup => MigrateOnStartup ?? Provider == DatabaseProvider.Sqlite;

    public const string SqliteMigrationsAssembly = "Engagement.Migrations.Sqlite";
    public const string SqlServerMigrationsAssembly = "Engagement.Migrations.SqlServer";
}
