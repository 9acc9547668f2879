namespace Engagement.Infrastructure.Seeding;

/// <summary>The "Seed" configuration section.</summary>
public sealed class SeedOptions
{
    public const string Section = "Seed";
    public const string DemoDomain = "demo.test";

    /// <summary>Create demo accounts, feedback, entries and events. On by default in Development only; refused in Production.</summary>
    public bool DemoData { get; set; }

    /// <summary>The demo accounts' password. When empty, a random one is made and written to the data folder.</summary>
    public string? DemoPassword { get; set; }

    /// <summary>
    /// The demo staff accounts' authenticator-app key (base32). When empty, a random one is made and written to the data
    /// folder.
    /// </summary>
    public string? DemoAuthenticatorKey { get; set; }
}
