using Engagement.Domain.Common;
using Engagement.Domain.Consultations;
using Engagement.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Features.Consultations;

/// <summary>
/// Adds, changes, removes and reorders a consultation's questions. Whether anyone has answered is a fact from the
/// database, worked out here for every change, so that after the first answer the domain allows only rewording.
/// Each change carries the <see cref="Consultation.Version"/> its page was read at: if someone else changed the
/// consultation since, it is refused with a conflict and nothing changes (null skips the check, for seeding only).
/// </summary>
public sealed class ManageQuestionsHandler(EngagementDbContext db, TimeProvider clock)
{
    public Task<DomainResult<int>> AddAsync(int consultationId, QuestionDetails details, string? userId, Guid? expectedVersion = null, CancellationToken cancellationToken = default) =>
        ChangeAsync(consultationId, userId, new Stale(expectedVersion, SaveConsultationHandler.ConflictMessage), "added", async (consultation, _, now, token) =>
        {
            var added = consultation.AddQuestion(details, now);
            if (!added.Succeeded)
            {
                return added.WithoutValue().As<int>();
            }

            await db.SaveChangesAsync(token);
            return DomainResult<int>.Ok(added.Value!.Id);
        }, cancellationToken);

    public Task<DomainResult<int>> EditAsync(int consultationId, int questionId, QuestionDetails details, string? userId, Guid? expectedVersion = null, CancellationToken cancellationToken = default) =>
        ChangeAsync(consultationId, userId, new Stale(expectedVersion, SaveConsultationHandler.ConflictMessage), $"changed={questionId}", (consultation, answered, now, _) =>
            Task.FromResult(Value(consultation.EditQuestion(questionId, details, answered, now), questionId)), cancellationToken);

    public Task<DomainResult<int>> RemoveAsync(int consultationId, int questionId, string? userId, Guid? expectedVersion = null, CancellationToken cancellationToken = default) =>
        ChangeAsync(consultationId, userId, new Stale(expectedVersion, ManageConsultationHandler.StaleMessage), $"removed={questionId}", (consultation, answered, now, _) =>
            Task.FromResult(Value(consultation.RemoveQuestion(questionId, answered, now), questionId)), cancellationToken);

    /// <summary>Moves a question up (<paramref name="by"/> -1) or down (+1) within its page.</summary>
    public Task<DomainResult<int>> MoveAsync(int consultationId, int questionId, int by, string? userId, Guid? expectedVersion = null, CancellationToken cancellationToken = default) =>
        ChangeAsync(consultationId, userId, new Stale(expectedVersion, ManageConsultationHandler.StaleMessage), $"moved={questionId}", (consultation, _, now, _) =>
            Task.FromResult(Value(consultation.MoveQuestion(questionId, by, now), questionId)), cancellationToken);

    /// <summary>The version the page was read at, and what to say if it is out of date (a form, or a button on the consultation's page).</summary>
    private sealed record Stale(Guid? ExpectedVersion, string Message);

    private static DomainResult<int> Value(DomainResult result, int questionId) =>
        result.Succeeded ? DomainResult<int>.Ok(questionId) : result.As<int>();

    private async Task<DomainResult<int>> ChangeAsync(
        int consultationId,
        string? userId,
        Stale stale,
        string detail,
        Func<Consultation, bool, DateTime, CancellationToken, Task<DomainResult<int>>> change,
        CancellationToken cancellationToken)
    {
        try
        {
            return await ChangeInTransactionAsync(consultationId, userId, stale, detail, change, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return DomainResult<int>.Conflict(stale.Message);
        }
    }

    private Task<DomainResult<int>> ChangeInTransactionAsync(
        int consultationId,
        string? userId,
        Stale stale,
        string detail,
        Func<Consultation, bool, DateTime, CancellationToken, Task<DomainResult<int>>> change,
        CancellationToken cancellationToken) =>
        db.InTransactionAsync(async token =>
        {
            var consultation = await db.Consultations.AsSplitQuery().Include(c => c.Questions).ThenInclude(q => q.Options)
                .SingleOrDefaultAsync(c => c.Id == consultationId, token);
            if (consultation is null)
            {
                return DomainResult<int>.NotFound("The consultation was not found");
            }

            if (stale.ExpectedVersion is { } version)
            {
                if (consultation.Version != version)
                {
                    return DomainResult<int>.Conflict(stale.Message);
                }

                db.Entry(consultation).Property(c => c.Version).OriginalValue = version;
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var answered = await db.ConsultationResponses.AnyAsync(r => r.ConsultationId == consultationId, token);
            var result = await change(consultation, answered, now, token);
            if (!result.Succeeded)
            {
                return result;
            }

            db.AuditRecords.Add(ConsultationAudit.Record(consultationId, ConsultationAudit.QuestionsChanged, userId, now,
                detail.StartsWith("added", StringComparison.Ordinal) ? $"added={result.Value}" : detail));
            await db.SaveChangesAsync(token);
            return result;
        }, cancellationToken);
}
