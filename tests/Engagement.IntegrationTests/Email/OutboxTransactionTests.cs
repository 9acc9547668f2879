using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Email;
using Engagement.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.IntegrationTests.Email;

/// <summary>An outbox row commits with the change that caused it, or not at all.</summary>
public sealed class OutboxTransactionTests(EngagementFactory factory) : IClassFixture<EngagementFactory>
{
    private static EmailMessage Message(string relatedId) =>
        new("someone@example.org", null, "Subject", "Text", null, "transaction-test", relatedId);

    [Fact]
    public async Task A_failing_save_leaves_neither_the_change_nor_its_outbox_row()
    {
        var kind = "T" + Random.Shared.Next(100000, 999999);
        await using (var db = factory.CreateDbContext())
        {
            db.Add(new ReferenceCounter { Kind = kind, Year = 2026, LastValue = 1 });
            await db.SaveChangesAsync();
        }

        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EngagementDbContext>();
            db.Add(new ReferenceCounter { Kind = kind, Year = 2027, LastValue = 5 });
            db.Add(new ReferenceCounter { Kind = kind, Year = 2026, LastValue = 9 });
            scope.ServiceProvider.GetRequiredService<EmailOutbox>().Queue(Message(kind));

            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        await using var check = factory.CreateDbContext();
        Assert.False(await check.OutboxMessages.AnyAsync(m => m.RelatedId == kind));
        Assert.False(await check.Set<ReferenceCounter>().AnyAsync(c => c.Kind == kind && c.Year == 2027));
        Assert.Equal(1, (await check.Set<ReferenceCounter>().SingleAsync(c => c.Kind == kind && c.Year == 2026)).LastValue);
    }

    [Fact]
    public async Task An_exception_before_commit_of_an_explicit_transaction_leaves_neither()
    {
        var kind = "X" + Random.Shared.Next(100000, 999999);
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EngagementDbContext>();
            await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                db.Add(new ReferenceCounter { Kind = kind, Year = 2026, LastValue = 1 });
                scope.ServiceProvider.GetRequiredService<EmailOutbox>().Queue(Message(kind));
                await db.SaveChangesAsync();
                throw new InvalidOperationException("Something went wrong before commit.");
            });
        }

        await using var check = factory.CreateDbContext();
        Assert.False(await check.OutboxMessages.AnyAsync(m => m.RelatedId == kind));
        Assert.False(await check.Set<ReferenceCounter>().AnyAsync(c => c.Kind == kind));
    }

    [Fact]
    public async Task A_successful_save_commits_both()
    {
        var kind = "S" + Random.Shared.Next(100000, 999999);
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EngagementDbContext>();
            db.Add(new ReferenceCounter { Kind = kind, Year = 2026, LastValue = 1 });
            scope.ServiceProvider.GetRequiredService<EmailOutbox>().Queue(Message(kind));
            await db.SaveChangesAsync();
        }

        await using var check = factory.CreateDbContext();
        Assert.True(await check.OutboxMessages.AnyAsync(m => m.RelatedId == kind));
        Assert.True(await check.Set<ReferenceCounter>().AnyAsync(c => c.Kind == kind));
    }
}
