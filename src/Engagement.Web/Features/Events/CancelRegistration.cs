using Engagement.Domain.Common;
using Engagement.Domain.Events;
using Engagement.Infrastructure;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Email;
using Engagement.Infrastructure.Events;
using Engagement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Engagement.Web.Features.Events;

public sealed record CancelRegistration(string Token);

/// <summary>
/// Cancels a booking from its private link. If it held a place, the place goes to the first person on the waiting list
/// (earliest first) in the same transaction, and they are emailed; otherwise the confirmed count goes down.
/// </summary>
public sealed class CancelRegistrationHandler(
    EngagementDbContext db,
    EmailOutbox outbox,
    TimeProvider clock,
    IOptions<ServiceOptions> service)
{
    /// <returns>Null when no registration has that token (the page answers 404).</returns>
    public async Task<DomainResult?> HandleAsync(CancelRegistration command, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var hash = SecureToken.Hash(command.Token);
        return await db.InTransactionAsync(async token =>
        {
            // Write first (claim the row), so that on SQLite the transaction holds the write lock before it reads.
            var claimed = await db.Registrations.Where(r => r.TokenHash == hash)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Version, Guid.NewGuid()), token);
            if (claimed == 0)
            {
                return null;
            }

            var registration = await db.Registrations.SingleAsync(r => r.TokenHash == hash, token);
            var cancelled = registration.Cancel(now);
            if (!cancelled.Succeeded)
            {
                return DomainResult.Refused(cancelled.Error!);
            }

            await db.SaveChangesAsync(token);
            if (cancelled.Value)
            {
                await db.Events.Where(e => e.Id == registration.EventId && e.ConfirmedCount > 0)
                    .ExecuteUpdateAsync(s => s.SetProperty(e => e.ConfirmedCount, e => e.ConfirmedCount - 1), token);
                await PromoteAsync(registration.EventId, now, token);
            }

            await db.SaveChangesAsync(token);
            return DomainResult.Ok;
        }, cancellationToken);
    }

    /// <summary>
    /// Gives free places to the waiting list in order, within the caller's transaction. Also used when staff raise the
    /// capacity. Each place is taken by the same conditional UPDATE as a booking, so it never overbooks.
    /// </summary>
    public async Task<int> PromoteAsync(int eventId, DateTime now, CancellationToken cancellationToken)
    {
        var ev = await db.Events.AsNoTracking().SingleAsync(e => e.Id == eventId, cancellationToken);
        if (ev.IsCancelled || ev.StartsAt <= now)
        {
            return 0;
        }

        var promoted = 0;
        while (true)
        {
            var next = await db.Registrations.Where(r => r.EventId == eventId).InPromotionOrder().FirstOrDefaultAsync(cancellationToken);
            if (next is null)
            {
                return promoted;
            }

            var placed = await db.Events.Where(e => e.Id == eventId && e.ConfirmedCount < e.Capacity)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.ConfirmedCount, e => e.ConfirmedCount + 1), cancellationToken);
            if (placed == 0)
            {
                return promoted;
            }

            next.Promote(now);
            outbox.Queue(EventEmails.Promotion(service.Value, ev, next, now));
            await db.SaveChangesAsync(cancellationToken);
            promoted++;
        }
    }
}
