using Engagement.IntegrationTests.Infrastructure;
using Engagement.IntegrationTests.Triage;
using Engagement.Web.Features.Responses;
using Engagement.Web.Features.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.IntegrationTests.Deadlines;

/// <summary>Publishing an entry is the first response for its linked items, recorded once by each item.</summary>
public sealed class FirstResponseOnPublishTests(DeadlinesFactory factory) : IClassFixture<DeadlinesFactory>
{
    [Fact]
    public async Task Publishing_records_the_first_response_of_each_linked_item_once()
    {
        var now = new DateTime(2026, 5, 11, 9, 0, 0, DateTimeKind.Utc);
        factory.Clock.Set(now);
        var item = await factory.AddItemAsync("publish-first-response", now.AddDays(-3));
        var userId = await Staff.UserIdAsync(factory, TestAccounts.Commissioner);
        int entryId;
        using (var scope = factory.Services.CreateScope())
        {
            var linked = await scope.ServiceProvider.GetRequiredService<LinkFeedbackToEntryHandler>()
                .HandleAsync(new LinkFeedbackToEntry(item.Id, null, StartNewEntry: true, userId));
            Assert.True(linked.Succeeded);
        }

        await using (var db = factory.CreateDbContext())
        {
            entryId = (await db.FeedbackItems.SingleAsync(f => f.Id == item.Id)).ResponseEntryId!.Value;
            var entry = await db.ResponseEntries.SingleAsync(e => e.Id == entryId);
            entry.YouSaidSummary = "People asked for answers sooner";
            await db.SaveChangesAsync();
        }

        Assert.Null((await Staff.ItemAsync(factory, item.Reference)).FirstRespondedAt);
        await PublishAsync(entryId, publish: true, userId);
        Assert.Equal(now, (await Staff.ItemAsync(factory, item.Reference)).FirstRespondedAt);

        // Unpublished and published again later: the first response stays the first.
        factory.Clock.Set(now.AddDays(1));
        await PublishAsync(entryId, publish: false, userId);
        await PublishAsync(entryId, publish: true, userId);
        Assert.Equal(now, (await Staff.ItemAsync(factory, item.Reference)).FirstRespondedAt);
        factory.Clock.Reset();
    }

    private async Task PublishAsync(int entryId, bool publish, string userId)
    {
        Guid version;
        await using (var db = factory.CreateDbContext())
        {
            version = await db.ResponseEntries.Where(e => e.Id == entryId).Select(e => e.Version).SingleAsync();
        }

        using var scope = factory.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<PublishResponseEntryHandler>().HandleAsync(new PublishResponseEntry(entryId, version, publish, userId));
        Assert.True(result.Succeeded, result.Error);
    }
}
