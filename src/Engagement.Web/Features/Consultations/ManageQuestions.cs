using Engagement.Domain.Common;
using Engagement.Domain.Consultations;
using Engagement.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Features.Consultations;

/// <summary>
/// Adds, changes, removes and reorders a consultation's questions. Whether anyone has answered is a fact from the
/// database, worked out here for every change, so that after the first answer the domain allows only rewording.
/// </summary>
public sealed class ManageQuestionsHandler(EngagementDbContext db, TimeProvider clock)
{
    public Task<DomainResult<int>> AddAsync(int consultationId, QuestionDetails details, string? userId, CancellationToken cancellationToken = default) =>
        ChangeAsync(consultationId, userId, "added", async (consultation, _, now, token) =>
        {
            var added = consultation.AddQuestion(details, now);
            if (!added.Succeeded)
            {
                return added.WithoutValue().As<int>();
            }

            await db.SaveChangesAsync(token);
            return DomainResult<int>.Ok(added.Value!.Id);
        }, cancellationToken);

    public Task<DomainResult<int>> EditAsync(int consultationId, int questionId, QuestionDetails details, string? userId, CancellationToken cancellationToken = default) =>
        ChangeAsync(consultationId, userId, $"changed={questionId}", (consultation, answered, now, _) =>
            Task.FromResult(Value(consultation.EditQuestion(questionId, details, answered, now), questionId)), cancellationToken);

    public Task<DomainResult<int>> RemoveAsync(int consultationId, int questionId, string? userId, CancellationToken cancellationToken = default) =>
        ChangeAsync(consultationId, userId, $"removed={questionId}", (consultation, answered, now, _) =>
            Task.FromResult(Value(consultation.RemoveQuestion(questionId, answered, now), questionId)), cancellationToken);

    /// <summary>Moves a question up (<paramref name="by"/> -1) or down (+1) within its page.</summary>
    public Task<DomainResult<int>> MoveAsync(int consultationId, int questionId, int by, string? userId, CancellationToken cancellationToken = default) =>
        ChangeAsync(consultationId, userId, $"moved={questionId}", (consultation, _, now, _) =>
            Task.FromResult(Value(consultation.MoveQuestion(questionId, by, now), questionId)), cancellationToken);

    private static DomainResult<int> Value(DomainResult result, int questionId) =>
        result.Succeeded ? DomainResult<int>.Ok(questionId) : result.As<int>();

    private async Task<DomainResult<int>> ChangeAsync(
        int consultationId,
        string? userId,
        string detail,
        Func<Consultation, bool, DateTime, CancellationToken, Task<DomainResult<int>>> change,
        CancellationToken cancellationToken)
    {
        try
        {
            return await ChangeInTransactionAsync(consultationId, userId, detail, change, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return DomainResult<int>.Conflict(SaveConsultationHandler.ConflictMessage);
        }
    }

    private Task<DomainResult<int>> ChangeInTransactionAsync(
        int consultationId,
        string? userId,
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
