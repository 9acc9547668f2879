using Engagement.Web.Features.PublicLog;
using Engagement.Web.Hosting;

// `generate-volume --entries N --feedback M` fills the database with synthetic published data for benchmarks, then exits.
var generateVolume = args.Length > 0 && args[0] == VolumeGenerator.Command;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = generateVolume ? [] : args,
    WebRootPath = WebRoot.Locate(),
});

builder.AddEngagementServices();

var app = builder.Build();

await app.InitializeDatabaseAsync();
if (generateVolume)
{
    return await VolumeGenerator.RunAsync(app.Services, args[1..], Console.Out);
}

app.UseEngagementPipeline();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
