using Engagement.Domain.Common;
using Engagement.Domain.Providers;
using Engagement.IntegrationTests.Deadlines;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.Web.Features.EngagementStandard;
using Engagement.Web.Features.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Engagement.IntegrationTests.EngagementStandard.StandardTestSupport;

namespace Engagement.IntegrationTests.EngagementStandard;

/// <summary>
/// The evaluation read from the real database on a fixed day, and the daily falling-behind job: once per provider per
/// quarter, to the dedicated commissioner only, nothing more on a second run or from a second job at the same time.
/// </summary>
public sealed class FallingBehindJobTests(DeadlinesFactory factory) : IClassFixture<DeadlinesFactory>
{
    private static DateTime Utc(int y, int m, int d) => new(y, m, d, 9, 0, 0, DateTimeKind.Utc);

    private async Task<int> RunAsync()
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<FallingBehindJob>().RunAsync(CancellationToken.None);
    }

    private async Task<List<Domain.Email.OutboxMessage>> NoticesAsync(string providerId)
    {
        await using var db = factory.CreateDbContext();
        return await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Kind == DedicatedCommissionerNotice.FellBehindKind && m.RelatedId!.StartsWith(providerId + ":"))
            .ToListAsync();
    }

    [Fact]
    public async Task The_database_evaluation_counts_records_either_side_of_31_March_in_their_own_quarter_and_leaves_out_sent_back_ones()
    {
        factory.Clock.Set(Utc(2026, 6, 15));
        try
        {
            await StandardAsync(factory, Engaged, Told, Published);
            var (_, id) = await ProviderAsync(factory, "Boundary Care " + Guid.NewGuid().ToString("N")[..6]);
            await RecordAsync(factory, id, new DateOnly(2026, 3, 31), respondedOn: new DateOnly(2026, 4, 20), approved: true);
            await RecordAsync(factory, id, new DateOnly(2026, 4, 1), EngagementParticipants.Families, respondedOn: new DateOnly(2026, 5, 28)); // a day late
            await RecordAsync(factory, id, new DateOnly(2026, 4, 2), respondedOn: new DateOnly(2026, 4, 3), sentBack: true);

            var market = await factory.GetService<MarketStandardQuery>().MarketAsync(id, CancellationToken.None);

            var standing = Assert.Single(market.Providers);
            Assert.Equal(new StandardQuarter(2026, 1), market.Current);
            Assert.Equal(new StandardQuarter(2025, 4), standing.Last.Quarter);
            Assert.Equal(1, standing.Last.RecordCount);
            Assert.All(standing.Last.Criteria, c => Assert.Equal(CriterionOutcome.Met, c.Outcome));
            Assert.Equal(StandardOutcome.Met, standing.Last.Outcome);
            Assert.Equal(1, standing.Current.RecordCount);
            Assert.All(standing.Current.Criteria, c => Assert.Equal(CriterionOutcome.NotMet, c.Outcome));
            Assert.Equal(StandardOutcome.NotMet, standing.Current.Outcome);
        }
        finally
        {
            factory.Clock.Reset();
        }
    }

    [Fact]
    public async Task A_provider_that_falls_behind_is_reported_once_to_its_dedicated_commissioner_and_a_second_run_sends_nothing()
    {
        factory.Clock.Set(Utc(2026, 5, 20));
        try
        {
            await StandardAsync(factory, Told);
            var (_, followed) = await ProviderAsync(factory, "Followed Care " + Guid.NewGuid().ToString("N")[..6], ProviderType.HomeCare, TestAccounts.Commissioner);
            var (_, alone) = await ProviderAsync(factory, "Unassigned Care " + Guid.NewGuid().ToString("N")[..6]);
            await RecordAsync(factory, followed, new DateOnly(2026, 4, 1));
            await RecordAsync(factory, alone, new DateOnly(2026, 4, 1));

            // 20 May: the eight weeks (to 27 May) are still open, so the standard is met so far: only recorded.
            // (Counts are of this test's providers: the demo organisations are in the same database.)
            await RunAsync();
            Assert.Empty(await NoticesAsync(followed));
            await using (var db = factory.CreateDbContext())
            {
                var watch = await db.MarketStandardWatches.AsNoTracking().SingleAsync(w => w.ProviderUserId == followed);
                Assert.Equal(StandardOutcome.Met, watch.LastOutcome);
                Assert.Equal(new DateOnly(2026, 4, 1), watch.QuarterStart);
            }

            // 28 May: the window has closed with nothing told: not met, a fall.
            factory.Clock.Set(Utc(2026, 5, 28));
            await RunAsync();
            var notice = Assert.Single(await NoticesAsync(followed));
            Assert.Equal(TestAccounts.Commissioner, notice.ToAddress);
            Assert.Equal(followed + ":2026-27 Q1", notice.RelatedId);
            Assert.Contains("fallen behind the engagement standard for April to June 2026", notice.TextBody, StringComparison.Ordinal);
            Assert.Contains("/staff/market-standard/providers/" + followed, notice.TextBody, StringComparison.Ordinal);
            Assert.Empty(await NoticesAsync(alone));

            await RunAsync();
            factory.Clock.Set(Utc(2026, 6, 3));
            await RunAsync();
            Assert.Single(await NoticesAsync(followed));
            await using (var db = factory.CreateDbContext())
            {
                var watch = await db.MarketStandardWatches.AsNoTracking().SingleAsync(w => w.ProviderUserId == followed);
                Assert.Equal(StandardOutcome.NotMet, watch.LastOutcome);
                Assert.NotNull(watch.FellBehindNoticeAt);
                Assert.Null((await db.MarketStandardWatches.AsNoTracking().SingleAsync(w => w.ProviderUserId == alone)).FellBehindNoticeAt);
            }
        }
        finally
        {
            factory.Clock.Reset();
        }
    }

    [Fact]
    public async Task Two_jobs_running_at_once_queue_one_email()
    {
        factory.Clock.Set(Utc(2026, 8, 1));
        try
        {
            await StandardAsync(factory, Told);
            var (_, id) = await ProviderAsync(factory, "Twice Care " + Guid.NewGuid().ToString("N")[..6], ProviderType.CareHome, TestAccounts.Commissioner);
            await RecordAsync(factory, id, new DateOnly(2026, 7, 1));
            await RunAsync();

            factory.Clock.Set(Utc(2026, 8, 27));
            await Task.WhenAll(RunAsync(), RunAsync());

            Assert.Single(await NoticesAsync(id));
        }
        finally
        {
            factory.Clock.Reset();
        }
    }
}
