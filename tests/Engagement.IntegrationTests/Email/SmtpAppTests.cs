using Engagement.IntegrationTests.Infrastructure;

namespace Engagement.IntegrationTests.Email;

/// <summary>
/// A test class whose app sends through a real SMTP server process on a free loopback port, on a clock the tests move.
/// Each test starts the server when it needs it (<c>SmtpServerProcess.StartAsync(Port, MailFolder)</c>), so a test can
/// also run with the server down; what the server received is in <see cref="MailFolder"/>.
/// </summary>
public abstract class SmtpAppTests(TestClock clock) : IAsyncLifetime
{
    protected int Port { get; } = SmtpServerProcess.FreePort();

    protected string MailFolder { get; } = Path.Combine(Path.GetTempPath(), "engagement-tests", "smtp-" + Guid.NewGuid().ToString("N"));

    protected TestClock Clock { get; } = clock;

    protected EmailFactory Factory { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Factory = new EmailFactory(Port, Clock);
        _ = Factory.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        if (Directory.Exists(MailFolder))
        {
            Directory.Delete(MailFolder, recursive: true);
        }
    }
}
