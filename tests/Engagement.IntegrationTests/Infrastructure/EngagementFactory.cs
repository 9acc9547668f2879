using Engagement.Infrastructure.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Engagement.IntegrationTests.Infrastructure;

/// <summary>
/// The real app over real HTTP (TestServer), on a temporary SQLite file migrated by the real migrations at start-up.
/// Every factory gets its own database and data folder. Settings can be overridden per test class.
/// </summary>
public class EngagementFactory : WebApplicationFactory<Program>
{
    public const string DemoPassword = Engagement.Testing.TestApp.DemoPassword;

    private readonly string _directory;
    private readonly bool _ownsDirectory;

    public EngagementFactory()
        : this(null)
    {
    }

    /// <summary>
    /// With a <paramref name="directory"/>, opens another factory's data folder (the same SQLite file), as a second app
    /// instance or a restart would; that folder is left for its owner to delete.
    /// </summary>
    protected EngagementFactory(string? directory)
    {
        _ownsDirectory = directory is null;
        _directory = directory ?? Path.Combine(Path.GetTempPath(), "engagement-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
    }

    public string DataDirectory => _directory;

    public string DatabasePath => Path.Combine(_directory, "engagement.db");

    public CapturedLogs Logs { get; } = new();

    /// <summary>Extra configuration for a test class (applied after the defaults below).</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>The app's clock, when the test class moves one by hand (<see cref="TestClock"/>); null for the system clock.</summary>
    protected virtual TimeProvider? TestTime => null;

    /// <summary>
    /// Whether this app starts from a copy of a database that the real migrations and the demo seeding made once for
    /// the whole test run, instead of migrating and seeding its own (about three seconds of CPU each on these machines).
    /// Only an app whose start-up would make exactly the same database does: the Testing environment on the real clock,
    /// with no setting that changes the database, the seeding or the data folder. Every other app migrates and seeds
    /// its own, so the start-up path stays tested too.
    /// </summary>
    protected virtual bool StartsFromSharedTemplate =>
        _ownsDirectory && TestTime is null &&
        !Settings.Keys.Any(key => TemplateSensitivePrefixes.Any(prefix => key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)));

    private static readonly string[] TemplateSensitivePrefixes = ["Seed:", "Database:", "ConnectionStrings:", "Storage:", "DataProtection:", "Priorities:"];

    private static readonly Lazy<string> Template = new(TemplateFactory.Create, LazyThreadSafetyMode.ExecutionAndPublication);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (StartsFromSharedTemplate && !File.Exists(DatabasePath))
        {
            foreach (var file in Directory.GetFiles(Template.Value))
            {
                File.Copy(file, Path.Combine(_directory, Path.GetFileName(file)));
            }
        }

        builder.UseEnvironment("Testing");
        var settings = new Dictionary<string, string?>(Engagement.Testing.TestApp.Settings(_directory))
        {
            ["ConnectionStrings:Engagement"] = new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString(),
            ["Database:Provider"] = "Sqlite",
            ["Database:MigrateOnStartup"] = "true",
            ["Service:PublicBaseUrl"] = "https://localhost",
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureServices(services => services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, PeerAddressStartupFilter>());
        if (TestTime is { } clock)
        {
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton(clock);
            });
        }
    }

    /// <summary>
    /// Makes the shared template once per test run: an app started on an empty folder, as every app used to be, and
    /// stopped, so the database file is whole (no write-ahead log left) before it is copied.
    /// </summary>
    private sealed class TemplateFactory(string directory) : EngagementFactory(directory)
    {
        public static string Create()
        {
            var directory = Path.Combine(Path.GetTempPath(), "engagement-tests", "template-" + Guid.NewGuid().ToString("N"));
            using (var factory = new TemplateFactory(directory))
            {
                _ = factory.Server;
            }

            SqliteConnection.ClearAllPools();
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try
                {
                    Directory.Delete(directory, recursive: true);
                }
                catch (IOException)
                {
                    // Left under the temp folder, which the machine clears.
                }
            };
            return directory;
        }
    }

    /// <summary>The header a test client uses to say which network address it connects from (TestServer has none).</summary>
    public const string PeerAddressHeader = "X-Test-Peer-Address";

    /// <summary>A browser client that connects from <paramref name="peerAddress"/>, as another computer would.</summary>
    public HttpClient CreateBrowserClient(string peerAddress)
    {
        var client = CreateBrowserClient();
        client.DefaultRequestHeaders.Add(PeerAddressHeader, peerAddress);
        return client;
    }

    /// <summary>Stands in for the TCP connection's remote address, before anything in the app runs.</summary>
    private sealed class PeerAddressStartupFilter : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(PeerAddressHeader, out var value) && System.Net.IPAddress.TryParse(value, out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                    context.Request.Headers.Remove(PeerAddressHeader);
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }

    /// <summary>A client that keeps cookies, does not follow redirects, and talks https (so Secure cookies flow).</summary>
    public HttpClient CreateBrowserClient(bool followRedirects = false)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = followRedirects,
            BaseAddress = new Uri("https://localhost"),
            HandleCookies = true,
        });
        Owners.AddOrUpdate(client, this);
        return client;
    }

    /// <summary>The factory a browser client talks to (so sign-in helpers can reach its database).</summary>
    public static EngagementFactory? OwnerOf(HttpClient client) => Owners.TryGetValue(client, out var factory) ? factory : null;

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<HttpClient, EngagementFactory> Owners = new();

    /// <summary>A fresh context on the test database, for arranging and asserting.</summary>
    public EngagementDbContext CreateDbContext()
    {
        var scope = Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<EngagementDbContext>();
    }

    public T GetService<T>() where T : notnull => Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            SqliteConnection.ClearAllPools();
        }

        if (disposing && _ownsDirectory)
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A file still open on a slow machine: the folder is under the temp directory and is cleared with it.
            }
        }
    }
}
