namespace Engagement.Testing;

/// <summary>
/// The settings every test app starts with (the integration tests' TestServer and the browser tests' Kestrel app),
/// in one place. Each host adds what is particular to it (its database file, data folder, cookies over plain http).
/// The form rate limits are raised here because a suite posts thousands of forms from one address; every limit is
/// also tested at its production default by a factory that does not use these values (FrontDoor/RateLimitTests).
/// </summary>
public static class TestApp
{
    public const string DemoPassword = "correct horse battery staple 42";

    public const string DemoAuthenticatorKey = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    public static IReadOnlyDictionary<string, string?> Settings(string dataDirectory) => new Dictionary<string, string?>
    {
        ["Storage:DataDirectory"] = dataDirectory,
        ["Jobs:RunServer"] = "false",
        ["Seed:DemoData"] = "true",
        ["Seed:DemoPassword"] = DemoPassword,
        ["Seed:DemoAuthenticatorKey"] = DemoAuthenticatorKey,
        ["Email:PickupDirectory"] = Path.Combine(dataDirectory, "mail"),
        ["RateLimiting:FormPostsPerMinute"] = "100000",
        ["RateLimiting:SubmissionsPerMinute"] = "100000",
    };
}
