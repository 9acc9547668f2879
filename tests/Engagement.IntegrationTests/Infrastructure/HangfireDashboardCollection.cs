namespace Engagement.IntegrationTests.Infrastructure;

/// <summary>
/// Hangfire keeps its storage and logging in process-wide statics (JobStorage.Current, the log provider), which the
/// last app built in the process owns; one app per process is what production runs. Test classes that open the
/// Hangfire dashboard therefore run in this collection, which xunit runs on its own after the parallel ones, so no
/// other test app can be disposed (taking its in-memory storage with it) while the dashboard is in use.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HangfireDashboardCollection
{
    public const string Name = "Hangfire dashboard";
}
