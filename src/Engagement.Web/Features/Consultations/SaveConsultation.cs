using System.Globalization;
using Engagement.Domain.Auditing;
using Engagement.Domain.Common;
using Engagement.Domain.Consultations;
using Engagement.Infrastructure.Data;
using Engagement.Web.Features.Publishing;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Features.Consultations;

/// <summary>Audit records for staff changes to consultations: who, when, what (never a response's text).</summary>
public static class ConsultationAudit
{
    public const string Created = "consultation.created";
    public const string Updated = "consultation.updated";
    public const string QuestionsChanged = "consultation.questions-changed";
    public const string Published = "consultation.published";
    public const string ClosedEarly = "consultation.closed-early";
    public const string Extended = "consultation.extended";
    public const string ResponseFlagged = "consultation.response-flagged";
    public const string ResponseSafeguardingFlagged = "consultation.response-safeguarding-flagged";
    public const string ResponseCounted = "consultation.response-counted";

    public static AuditRecord Record(string entityType, int id, string action, string? userId, DateTime at, string? detail = null) => new()
    {
        At = at,
        ActorUserId = userId,
        Action = action,
        EntityType = entityType,
        EntityId = id.ToString(CultureInfo.InvariantCulture),
        Detail = detail,
    };

    public static AuditRecord Record(int consultationId, string action, string? userId, DateTime at, string? detail = null) =>
        Record(nameof(Consultation), consultationId, action, userId, at, detail);
}

/// <summary>
/// Creates a consultation, or changes what it says (title, summary, background, audience, dates while a draft,
/// priorities, linked events). An edit carries the <see cref="Consultation.Version"/> the form was read at: if
/// someone else saved in between, it is refused with a conflict and nothing is overwritten.
/// </summary>
public sealed class SaveConsultationHandler(EngagementDbContext db, TimeProvider clock, PublicPagesCache publicPages)
{
    public const string ConflictMessage = "Someone else changed this consultation while you were editing it, so nothing was saved. Open it again to see their changes, or check the details below and save again.";

    public async Task<DomainResult<int>> CreateAsync(ConsultationDetails details, string? userId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var created = Consultation.Create(details, now);
        if (!created.Succeeded)
        {
            return created.WithoutValue().As<int>();
        }

        return await db.InTransactionAsync(async token =>
        {
            db.Consultations.Add(created.Value!);
            await db.SaveChangesAsync(token);
            db.AuditRecords.Add(ConsultationAudit.Record(created.Value!.Id, ConsultationAudit.Created, userId, now));
            await db.SaveChangesAsync(token);
            return DomainResult<int>.Ok(created.Value!.Id);
        }, cancellationToken);
    }

    public async Task<DomainResult> UpdateAsync(int id, Guid version, ConsultationDetails details, string? userId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            var result = await db.InTransactionAsync(async token =>
            {
                var consultation = await db.Consultations.Include(c => c.Priorities).Include(c => c.Events)
                    .SingleOrDefaultAsync(c => c.Id == id, token);
                if (consultation is null)
                {
                    return DomainResult.NotFound("The consultation was not found");
                }

                if (consultation.Version != version)
                {
                    return DomainResult.Conflict(ConflictMessage);
                }

                // The concurrency token is checked against the version the form was read at, not the one just loaded.
                db.Entry(consultation).Property(c => c.Version).OriginalValue = version;
                var answered = await db.ConsultationResponses.AnyAsync(r => r.ConsultationId == id, token);
                var edited = consultation.Edit(details, answered, now);
                if (!edited.Succeeded)
                {
                    return edited;
                }

                db.AuditRecords.Add(ConsultationAudit.Record(id, ConsultationAudit.Updated, userId, now));
                await db.SaveChangesAsync(token);
                return DomainResult.Ok;
            }, cancellationToken);
            if (result.Succeeded)
            {
                await publicPages.InvalidateAsync(cancellationToken);
            }

            return result;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return DomainResult.Conflict(ConflictMessage);
        }
    }
}
