using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace Engagement.BrowserTests;

/// <summary>
/// The real app on Kestrel (a real port on loopback), on a temporary SQLite file migrated at start-up, with demo data.
/// Plain http on loopback, so cookies drop the Secure flag here (Cookies:Secure=false); the integration tests check
/// the production cookie attributes over https.
/// </summary>
public sealed class AppServer : WebApplicationFactory<Program>
{
    public const string DemoPassword = Engagement.Testing.TestApp.DemoPassword;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "engagement-browser", Guid.NewGuid().ToString("N"));

    public AppServer()
    {
        Directory.CreateDirectory(_directory);
        UseKestrel(0);
        StartServer();
    }

    public string BaseUrl => ClientOptions.BaseAddress.ToString().TrimEnd('/');

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Engagement", new SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory, "engagement.db") }.ToString());
        foreach (var (key, value) in Engagement.Testing.TestApp.Settings(_directory))
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("Cookies:Secure", "false");
        builder.UseSetting("Feedback:MinimumSecondsToComplete", "0");
        builder.UseSetting("Alerts:MinimumSecondsToComplete", "0");
        builder.UseSetting("Consultations:MinimumSecondsToComplete", "0");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // Left under the temp folder, which the machine clears.
            }
        }
    }
}
