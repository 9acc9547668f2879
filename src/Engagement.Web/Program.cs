using Engagement.Web.Features.PublicLog;
using Engagement.Web.Hosting;

// `generate-volume --entries N --feedback M` fills the database with synthetic published data for benchmarks, then exits.
var generateVolume = args.Length > 0 && args[0] == VolumeGenerator.Command;

// `mail-benchmark --messages N` sends N outbox messages through the configured SMTP server and prints the rate, then exits.
var mailBenchmark = args.Length > 0 && args[0] == Engagement.Web.Features.Email.MailBenchmark.Command;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = generateVolume || mailBenchmark ? [] : args,
    WebRootPath = WebRoot.Locate(),
});

builder.AddEngagementServices();

var app = builder.Build();

// The database's start-up work (migrations, statistics, seeding checks) and the request pipeline's set-up (where Razor
// Pages finds its pages, about 350 ms) do not depend on each other, so they run side by side; nothing listens until
// both are done. Measured in the README's performance section.
var initialized = Task.Run(app.InitializeDatabaseAsync);
if (generateVolume)
{
    await initialized;
    return await VolumeGenerator.RunAsync(app.Services, args[1..], Console.Out);
}

if (mailBenchmark)
{
    await initialized;
    return await Engagement.Web.Features.Email.MailBenchmark.RunAsync(app.Services, args[1..], Console.Out);
}

app.UseEngagementPipeline();
await initialized;
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
