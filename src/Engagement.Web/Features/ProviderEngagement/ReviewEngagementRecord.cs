using Engagement.Domain.Common;
using Engagement.Infrastructure;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Email;
using Engagement.Web.Features.Providers;
using Engagement.Web.Features.Publishing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Engagement.Web.Features.ProviderEngagement;

public sealed record ReviewEngagementRecord(int RecordId, Guid ExpectedVersion, bool Approve, string? Reason, string ReviewerUserId);

/// <summary>
/// A commissioner checks a record for anything identifying and approves it for publication, or sends it back to the
/// provider with a reason (which also takes an approved record off the public pages). The public pages are refreshed,
/// and an approval tells the organisation's dedicated commissioner it has published (in the same transaction).
/// </summary>
public sealed class ReviewEngagementRecordHandler(
    EngagementDbContext db, TimeProvider clock, PublicPagesCache publicPages, EmailOutbox outbox, IOptions<ServiceOptions> service)
{
    public async Task<DomainResult> HandleAsync(ReviewEngagementRecord command, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var result = await db.InTransactionAsync(async token =>
        {
            var record = await db.EngagementRecords.SingleOrDefaultAsync(r => r.Id == command.RecordId, token);
            if (record is null)
            {
                return RecordConcurrency.NotFound;
            }

            if (RecordConcurrency.IsStale(db, record, command.ExpectedVersion))
            {
                return RecordConcurrency.Conflict;
            }

            var reviewed = command.Approve
                ? record.Approve(command.ReviewerUserId, now)
                : record.SendBack(command.Reason, command.ReviewerUserId, now);
            if (!reviewed.Succeeded)
            {
                return reviewed;
            }

            if (command.Approve)
            {
                await DedicatedCommissionerNotice.QueuePublishedAsync(db, outbox, service.Value, record, command.ReviewerUserId, token);
            }

            db.AuditRecords.Add(EngagementAudit.Record(record.Id, command.Approve ? EngagementAudit.Approved : EngagementAudit.SentBack, command.ReviewerUserId, now));
            try
            {
                await db.SaveChangesAsync(token);
            }
            catch (DbUpdateConcurrencyException)
            {
                return RecordConcurrency.Conflict;
            }

            return DomainResult.Ok;
        }, cancellationToken);

        if (result.Succeeded)
        {
            await publicPages.InvalidateAsync(cancellationToken);
        }

        return result;
    }
}
