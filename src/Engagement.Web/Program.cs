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

await app.InitializeDatabaseAsync();
if (generateVolume)
{
    return await VolumeGenerator.RunAsync(app.Services, args[1..], Console.Out);
}

if (mailBenchmark)
{
    return await Engagement.Web.Features.Email.MailBenchmark.RunAsync(app.Services, args[1..], Console.Out);
}

app.UseEngagementPipeline();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
