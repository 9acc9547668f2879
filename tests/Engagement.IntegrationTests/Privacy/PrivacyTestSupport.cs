using Engagement.Domain.Feedback;
using Engagement.Domain.Responses;
using Engagement.Infrastructure.Email;
using Engagement.Infrastructure.Privacy;
using Engagement.IntegrationTests.Email;
using Engagement.IntegrationTests.Feedback;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.Web.Features.Triage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Engagement.IntegrationTests.Privacy;

/// <summary>The app with a clock the test moves (months at a time), the bot timer off, and optional extra settings.</summary>
public sealed class PrivacyFactory : EngagementFactory
{
    private IDictionary<string, string?>? _extra;

    /// <summary>The app with these settings on top (for a test that changes one).</summary>
    public static PrivacyFactory With(IDictionary<string, string?> settings) => new() { _extra = settings };

    public TestClock Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = new Dictionary<string, string?> { ["Feedback:MinimumSecondsToComplete"] = "0" };
            foreach (var (key, value) in _extra ?? new Dictionary<string, string?>())
            {
                settings[key] = value;
            }

            return settings;
        }
    }

    protected override TimeProvider TestTime => Clock;

    public async Task<IReadOnlyDictionary<string, int>> RunRetentionAsync()
    {
        using var scope = Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<RetentionJob>().RunAsync(CancellationToken.None);
    }

    public async Task<int> DispatchEmailAsync()
    {
        using var scope = Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().RunAsync(CancellationToken.None);
    }

    public async Task<string> StaffUserIdAsync()
    {
        await using var db = CreateDbContext();
        return await db.Users.Where(u => u.Email == TestAccounts.Commissioner).Select(u => u.Id).SingleAsync();
    }

    /// <summary>Submits feedback through the real handler; returns the item's id and its tracking token.</summary>
    public async Task<(int Id, string Token)> SubmitAsync(string text, string? email = null, bool consent = true)
    {
        var command = FeedbackJourney.Command(text, email, consent);
        var receipt = await FeedbackJourney.SubmitAsync(this, command);
        await using var db = CreateDbContext();
        return (await db.FeedbackItems.Where(f => f.Reference == receipt.Reference).Select(f => f.Id).SingleAsync(), receipt.TrackingToken);
    }

    public async Task HandleAsync<THandler>(Func<THandler, Task<Engagement.Domain.Common.DomainResult>> handle) where THandler : notnull
    {
        using var scope = Services.CreateScope();
        var result = await handle(scope.ServiceProvider.GetRequiredService<THandler>());
        Assert.True(result.Succeeded, result.Error);
    }

    /// <summary>Links the item to a new entry and moves the entry to "not taken forward" (closed) now.</summary>
    public async Task<int> LinkToClosedEntryAsync(int itemId, string userId)
    {
        int entryId;
        using (var scope = Services.CreateScope())
        {
            var linked = await scope.ServiceProvider.GetRequiredService<LinkFeedbackToEntryHandler>()
                .HandleAsync(new LinkFeedbackToEntry(itemId, null, true, userId));
            Assert.True(linked.Succeeded, linked.Error);
            entryId = linked.Value;
        }

        await using var db = CreateDbContext();
        var entry = await db.ResponseEntries.Include(e => e.History).SingleAsync(e => e.Id == entryId);
        var now = Clock.GetUtcNow().UtcDateTime;
        Assert.True(entry.ChangeStatus(ResponseStatus.UnderReview, null, null, userId, now).Succeeded);
        Assert.True(entry.ChangeStatus(ResponseStatus.NotTakenForward, "Out of our hands", null, userId, now).Succeeded);
        await db.SaveChangesAsync();
        return entryId;
    }

    public async Task<FeedbackItem> ItemAsync(int id)
    {
        await using var db = CreateDbContext();
        return await db.FeedbackItems.AsNoTracking().Include(f => f.Notes).SingleAsync(f => f.Id == id);
    }
}
