using Engagement.Domain.Common;
using Engagement.Domain.Privacy;
using Engagement.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Features.Privacy;

public sealed record PlaceSafeguardingHold(int FeedbackItemId, string UserId);

public sealed record ReleaseSafeguardingHold(int FeedbackItemId, string UserId);

/// <summary>
/// Staff place and release a safeguarding hold on one feedback item (from its page). While a hold is active the
/// retention job, the person's own withdrawal and a data request's erasure leave the item alone. Each is audited on the
/// item (who and when; the reason stays in the safeguarding team's own records).
/// </summary>
public sealed class SafeguardingHoldHandler(EngagementDbContext db, TimeProvider clock)
{
    public const string Placed = "privacy.hold-placed";
    public const string Released = "privacy.hold-released";

    public Task<DomainResult> PlaceAsync(PlaceSafeguardingHold command, CancellationToken cancellationToken = default) =>
        db.InTransactionAsync(async token =>
        {
            var item = await db.FeedbackItems.Where(f => f.Id == command.FeedbackItemId).Select(f => new { f.Id, f.ContentErasedAt }).SingleOrDefaultAsync(token);
            if (item is null)
            {
                return DomainResult.NotFound("There is no such feedback item.");
            }

            if (item.ContentErasedAt is not null)
            {
                return DomainResult.Refused("This feedback has already been erased, so there is nothing left to hold", "Hold");
            }

            if (await db.RetentionHolds.AnyAsync(h => h.FeedbackItemId == item.Id && h.ReleasedAt == null, token))
            {
                return DomainResult.Refused("This feedback is already on a safeguarding hold", "Hold");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            db.RetentionHolds.Add(RetentionHold.Place(item.Id, command.UserId, now));
            db.AuditRecords.Add(WithdrawalAudit.Record(Placed, "FeedbackItem", item.Id, command.UserId, now, "by=staff"));
            await db.SaveChangesAsync(token);
            return DomainResult.Ok;
        }, cancellationToken);

    public Task<DomainResult> ReleaseAsync(ReleaseSafeguardingHold command, CancellationToken cancellationToken = default) =>
        db.InTransactionAsync(async token =>
        {
            if (!await db.FeedbackItems.AnyAsync(f => f.Id == command.FeedbackItemId, token))
            {
                return DomainResult.NotFound("There is no such feedback item.");
            }

            var holds = await db.RetentionHolds.Where(h => h.FeedbackItemId == command.FeedbackItemId && h.ReleasedAt == null).ToListAsync(token);
            if (holds.Count == 0)
            {
                return DomainResult.Refused("This feedback is not on a safeguarding hold", "Hold");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var hold in holds)
            {
                hold.Release(command.UserId, now);
            }

            db.AuditRecords.Add(WithdrawalAudit.Record(Released, "FeedbackItem", command.FeedbackItemId, command.UserId, now, "by=staff"));
            await db.SaveChangesAsync(token);
            return DomainResult.Ok;
        }, cancellationToken);
}
