using Engagement.Domain.Common;
using Engagement.Domain.Responses;
using Engagement.Infrastructure.Data;
using Engagement.Web.Features.Publishing;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Features.ProviderEngagement;

public sealed record ChangeEngagementStatus(int RecordId, Guid ExpectedVersion, string ProviderUserId, ResponseStatus? NewStatus, string? Note, DateOnly? TargetDate);

/// <summary>
/// A provider user moves one of its records to a new status under the council's workflow (same statuses and evidence
/// rules as response entries), appending to its history. The record goes back to the review queue.
/// </summary>
public sealed class ChangeEngagementStatusHandler(EngagementDbContext db, TimeProvider clock, PublicPagesCache publicPages)
{
    public async Task<DomainResult> HandleAsync(ChangeEngagementStatus command, CancellationToken cancellationToken = default)
    {
        if (!await ProviderOrganisations.IsApprovedAsync(db, command.ProviderUserId, cancellationToken))
        {
            return DomainResult.Refused(ProviderOrganisations.NotApprovedMessage);
        }

        if (command.NewStatus is not { } to || !Enum.IsDefined(to))
        {
            return DomainResult.Refused("Select the new status", nameof(command.NewStatus));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var wasPublic = false;
        var result = await db.InTransactionAsync(async token =>
        {
            var record = await db.EngagementRecords.Include(r => r.History)
                .SingleOrDefaultAsync(r => r.Id == command.RecordId && r.ProviderUserId == command.ProviderUserId, token);
            if (record is null)
            {
                return RecordConcurrency.NotFound;
            }

            if (RecordConcurrency.IsStale(db, record, command.ExpectedVersion))
            {
                return RecordConcurrency.Conflict;
            }

            wasPublic = record.IsPublic;
            var from = record.Status;
            var changed = record.ChangeStatus(to, command.Note, command.TargetDate, command.ProviderUserId, now);
            if (!changed.Succeeded)
            {
                return changed;
            }

            db.AuditRecords.Add(EngagementAudit.Record(record.Id, EngagementAudit.StatusChanged, command.ProviderUserId, now, $"from={from};to={to}"));
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

        if (result.Succeeded && wasPublic)
        {
            await publicPages.InvalidateAsync(cancellationToken);
        }

        return result;
    }
}
