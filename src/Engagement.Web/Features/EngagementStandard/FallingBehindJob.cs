using Engagement.Domain.Events;
using Engagement.Domain.Providers;
using Engagement.Infrastructure;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Email;
using Engagement.Web.Features.Providers;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Engagement.Web.Features.EngagementStandard;

/// <summary>
/// Daily, each approved provider's position for the current quarter is compared with the one this job saw last time
/// (<see cref="MarketStandardWatch"/>, one row per provider per quarter). When it has dropped (met to partly, partly
/// to not met or no records...), the dedicated commissioner is emailed, once per provider per quarter: the notice is
/// claimed by a conditional update in the same transaction as its outbox row, so a second run, or a second instance
/// at the same moment, sends nothing more. The first sight of a quarter only records the position.
/// </summary>
public sealed class FallingBehindJob(EngagementDbContext db, MarketStandardQuery standard, EmailOutbox outbox, TimeProvider clock, IOptions<ServiceOptions> service)
{
    public const string JobId = "market-standard-falling-behind";

    /// <summary>06:30 UK time every day.</summary>
    public const string Cron = "30 6 * * *";

    public static void Register(IRecurringJobManager jobs) =>
        jobs.AddOrUpdate<FallingBehindJob>(JobId, job => job.RunAsync(CancellationToken.None), Cron, new RecurringJobOptions { TimeZone = UkTime.Zone });

    /// <returns>How many emails were queued.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var market = await standard.MarketAsync(null, cancellationToken);
        if (market.Criteria.Count == 0)
        {
            return 0;
        }

        var quarterStart = market.Current.Start;
        var seen = await db.MarketStandardWatches.AsNoTracking().Where(w => w.QuarterStart == quarterStart)
            .ToDictionaryAsync(w => w.ProviderUserId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var queued = 0;
        foreach (var provider in market.Providers)
        {
            var position = provider.Current;
            if (!seen.TryGetValue(provider.ProviderUserId, out var before))
            {
                await FirstSightAsync(provider.ProviderUserId, market.Current, position.Outcome, now, cancellationToken);
                continue;
            }

            var sent = await db.InTransactionAsync(async token =>
            {
                var id = provider.ProviderUserId;
                await db.MarketStandardWatches.Where(w => w.ProviderUserId == id && w.QuarterStart == quarterStart)
                    .ExecuteUpdateAsync(s => s.SetProperty(w => w.LastOutcome, position.Outcome).SetProperty(w => w.LastCheckedAt, now), token);
                if (!MarketStandard.FellBehind(before.LastOutcome, position.Outcome) || before.FellBehindNoticeAt is not null)
                {
                    return false;
                }

                // No dedicated commissioner: nothing is claimed, so one assigned later in the quarter can still be told.
                if (!await DedicatedCommissionerNotice.QueueFellBehindAsync(db, outbox, service.Value, id, position, token))
                {
                    return false;
                }

                var claimed = await db.MarketStandardWatches
                    .Where(w => w.ProviderUserId == id && w.QuarterStart == quarterStart && w.FellBehindNoticeAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(w => w.FellBehindNoticeAt, now), token);
                if (claimed == 0)
                {
                    db.ChangeTracker.Clear();
                    return false;
                }

                await db.SaveChangesAsync(token);
                return true;
            }, cancellationToken);
            db.ChangeTracker.Clear();
            queued += sent ? 1 : 0;
        }

        return queued;
    }

    private async Task FirstSightAsync(string providerUserId, StandardQuarter quarter, StandardOutcome outcome, DateTime now, CancellationToken cancellationToken)
    {
        db.MarketStandardWatches.Add(new MarketStandardWatch(providerUserId, quarter, outcome, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance saw it first: its row stands.
        }

        db.ChangeTracker.Clear();
    }
}
