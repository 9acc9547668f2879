using Engagement.Domain.Calendar;
using Engagement.Domain.Common;
using Engagement.Domain.Priorities;
using Engagement.Domain.Providers;
using Engagement.Infrastructure.Data;
using Engagement.Web.Features.Publishing;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Features.ProviderEngagement;

/// <summary>
/// A provider user records (no <see cref="RecordId"/>) or edits one of its organisation's engagement records. Errors
/// are keyed by <see cref="EngagementDetails"/> property names. A record of another organisation is "not found".
/// </summary>
public sealed record SaveEngagementRecord(int? RecordId, Guid? ExpectedVersion, string ProviderUserId, EngagementDetails Details);

public sealed class SaveEngagementRecordHandler(EngagementDbContext db, TimeProvider clock, PublicPagesCache publicPages)
{
    public async Task<DomainResult<int>> HandleAsync(SaveEngagementRecord command, CancellationToken cancellationToken = default)
    {
        if (!await ProviderOrganisations.IsApprovedAsync(db, command.ProviderUserId, cancellationToken))
        {
            return DomainResult<int>.Refused(ProviderOrganisations.NotApprovedMessage);
        }

        var live = (await db.Priorities.AsNoTracking().Where(p => p.IsLive).Select(p => p.Number).ToListAsync(cancellationToken)).ToHashSet();
        var priorities = PrioritySelection.Create(command.Details.Priorities, live);
        if (!priorities.Succeeded)
        {
            return DomainResult<int>.Refused(priorities.Error!, nameof(EngagementDetails.Priorities));
        }

        var details = command.Details with { Priorities = priorities.Value! };
        var now = clock.GetUtcNow().UtcDateTime;
        var today = WorkingDayCalendar.UkDate(now);
        var wasPublic = false;
        var result = await db.InTransactionAsync(async token =>
        {
            if (command.RecordId is not { } id)
            {
                var created = EngagementRecord.Create(command.ProviderUserId, details, today, command.ProviderUserId, now);
                if (!created.Succeeded)
                {
                    return created.WithoutValue().As<int>();
                }

                await ProviderOrganisations.EnsureSlugAsync(db, command.ProviderUserId, token);
                db.EngagementRecords.Add(created.Value!);
                await db.SaveChangesAsync(token);
                db.AuditRecords.Add(EngagementAudit.Record(created.Value!.Id, EngagementAudit.Created, command.ProviderUserId, now));
                await db.SaveChangesAsync(token);
                return DomainResult<int>.Ok(created.Value.Id);
            }

            var record = await db.EngagementRecords.Include(r => r.Priorities)
                .SingleOrDefaultAsync(r => r.Id == id && r.ProviderUserId == command.ProviderUserId, token);
            if (record is null)
            {
                return RecordConcurrency.NotFound;
            }

            if (RecordConcurrency.IsStale(db, record, command.ExpectedVersion ?? Guid.Empty))
            {
                return RecordConcurrency.Conflict;
            }

            wasPublic = record.IsPublic;
            var edited = record.Edit(details, today, now);
            if (!edited.Succeeded)
            {
                return edited.As<int>();
            }

            db.AuditRecords.Add(EngagementAudit.Record(id, EngagementAudit.Edited, command.ProviderUserId, now));
            try
            {
                await db.SaveChangesAsync(token);
            }
            catch (DbUpdateConcurrencyException)
            {
                return RecordConcurrency.Conflict;
            }

            return DomainResult<int>.Ok(id);
        }, cancellationToken);

        if (result.Succeeded && wasPublic)
        {
            await publicPages.InvalidateAsync(cancellationToken);
        }

        return result;
    }
}
