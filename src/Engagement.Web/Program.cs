using Engagement.Web.Hosting;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    WebRootPath = WebRoot.Locate(),
});

builder.AddEngagementServices();

var app = builder.Build();

await app.InitializeDatabaseAsync();
app.UseEngagementPipeline();
await app.RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
