using System.Globalization;
using Engagement.Domain.Common;
using Engagement.Domain.Consultations;
using Engagement.Infrastructure.Data;
using Engagement.Web.Features.Publishing;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Features.Consultations;

/// <summary>
/// A consultation's life after writing: publish it (it then opens and closes by its dates), close it early or extend
/// it. A closing date that moves is recorded with its reason and shown on the public page; each step is audited.
/// Each action carries the <see cref="Consultation.Version"/> the page was read at: if someone else changed the
/// consultation since, it is refused with a conflict and nothing changes (null skips the check, for seeding only).
/// </summary>
public sealed class ManageConsultationHandler(EngagementDbContext db, TimeProvider clock, PublicPagesCache publicPages)
{
    public const string StaleMessage = "Someone else changed this consultation since you opened this page, so nothing was changed. Check it below and try again.";

    public Task<DomainResult> PublishAsync(int id, string userId, Guid? expectedVersion = null, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, userId, expectedVersion, ConsultationAudit.Published, null, (c, now) => c.Publish(now), cancellationToken);

    public Task<DomainResult> CloseEarlyAsync(int id, string? reason, string userId, Guid? expectedVersion = null, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, userId, expectedVersion, ConsultationAudit.ClosedEarly, null, (c, now) => c.CloseEarly(reason, userId, now), cancellationToken);

    public Task<DomainResult> ExtendAsync(int id, DateTime? closesAt, string? reason, string userId, Guid? expectedVersion = null, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, userId, expectedVersion, ConsultationAudit.Extended, closesAt?.ToString("O", CultureInfo.InvariantCulture), (c, now) => c.Extend(closesAt, reason, userId, now), cancellationToken);

    private async Task<DomainResult> ChangeAsync(int id, string userId, Guid? expectedVersion, string action, string? detail, Func<Consultation, DateTime, DomainResult> change, CancellationToken cancellationToken)
    {
        DomainResult result;
        try
        {
            result = await db.InTransactionAsync(async token =>
        {
            var consultation = await db.Consultations.Include(c => c.Questions).Include(c => c.DateChanges)
                .SingleOrDefaultAsync(c => c.Id == id, token);
            if (consultation is null)
            {
                return DomainResult.NotFound("The consultation was not found");
            }

            if (expectedVersion is { } version)
            {
                if (consultation.Version != version)
                {
                    return DomainResult.Conflict(StaleMessage);
                }

                // Checked against the version the page was read at, so a change racing this one is caught on save too.
                db.Entry(consultation).Property(c => c.Version).OriginalValue = version;
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var changed = change(consultation, now);
            if (!changed.Succeeded)
            {
                return changed;
            }

            db.AuditRecords.Add(ConsultationAudit.Record(id, action, userId, now, detail is null ? null : "closes=" + detail));
            await db.SaveChangesAsync(token);
            return DomainResult.Ok;
        }, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return DomainResult.Conflict(StaleMessage);
        }

        if (result.Succeeded)
        {
            await publicPages.InvalidateAsync(cancellationToken);
        }

        return result;
    }
}
