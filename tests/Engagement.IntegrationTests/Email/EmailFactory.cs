using Engagement.Infrastructure.Email;
using Engagement.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Engagement.IntegrationTests.Email;

/// <summary>
/// The app sending through a real SMTP server on loopback (<paramref name="smtpPort"/>), with a clock the test controls.
/// Pass <paramref name="directory"/> to open an existing app's database as a second instance.
/// </summary>
public sealed class EmailFactory(int smtpPort, TestClock clock, string? directory = null) : EngagementFactory(directory)
{
    public TestClock Clock { get; } = clock;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = smtpPort.ToString(),
        ["Email:Smtp:SecureSocketOptions"] = "None",
        ["Email:Smtp:TimeoutSeconds"] = "10",
        ["Email:From"] = "Test Council <no-reply@council.example>",
        ["Service:PublicBaseUrl"] = "https://engagement.council.example",
    };

    protected override TimeProvider TestTime => Clock;

    /// <summary>Queues a message and commits it, as a page or handler would.</summary>
    public async Task<long> QueueAsync(EmailMessage message)
    {
        using var scope = Services.CreateScope();
        var row = scope.ServiceProvider.GetRequiredService<EmailOutbox>().Queue(message);
        await scope.ServiceProvider.GetRequiredService<Engagement.Infrastructure.Data.EngagementDbContext>().SaveChangesAsync();
        return row.Id;
    }

    /// <summary>Runs the dispatcher once, in its own scope, as the recurring job does.</summary>
    public async Task<int> DispatchAsync()
    {
        using var scope = Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().RunAsync(CancellationToken.None);
    }
}
