using System.Globalization;
using Engagement.Domain.Auditing;
using Engagement.Domain.Common;
using Engagement.Domain.Consultations;
using Engagement.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Features.Consultations;

/// <summary>One written answer to read: a text question's answer or an "Other" text, with its theme and priority.</summary>
public sealed record TextAnswerRow(int AnswerId, int QuestionId, string Reference, bool IsLate, bool Counted, string Text, string? Theme, int? PriorityNumber);

public sealed record TextAnswerPage(IReadOnlyList<TextAnswerRow> Rows, int Page, int Pages, int Total);

/// <summary>The written answers of a consultation, page by page, in question order then as received (staff only).</summary>
public sealed class AnalysisTextAnswers(EngagementDbContext db)
{
    public const int PageSize = 50;

    public async Task<TextAnswerPage> PageAsync(int consultationId, int? questionId, int page, CancellationToken cancellationToken = default)
    {
        var query =
            from a in db.ConsultationAnswers.AsNoTracking()
            join r in db.ConsultationResponses.AsNoTracking() on a.ResponseId equals r.Id
            join q in db.ConsultationQuestions.AsNoTracking() on a.QuestionId equals q.Id
            where r.ConsultationId == consultationId && a.Text != null && a.Text != ""
            select new { a, r, q };
        if (questionId is { } only)
        {
            query = query.Where(x => x.q.Id == only);
        }

        var total = await query.CountAsync(cancellationToken);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pages);
        var rows = await query
            .OrderBy(x => x.q.PageNumber).ThenBy(x => x.q.Position).ThenBy(x => x.a.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(x => new TextAnswerRow(x.a.Id, x.q.Id, x.r.Reference, x.r.IsLate, x.r.IncludeInAnalysis, x.a.Text!, x.a.Theme, x.a.PriorityNumber))
            .ToListAsync(cancellationToken);
        return new TextAnswerPage(rows, page, pages, total);
    }
}

/// <summary>A commissioner sets the theme of a written answer and the priority it speaks to (both may be cleared).</summary>
public sealed record TagConsultationAnswer(int ConsultationId, int AnswerId, string? Theme, int? PriorityNumber, string UserId);

public sealed class TagConsultationAnswerHandler(EngagementDbContext db, TimeProvider clock)
{
    public const string Action = "consultation.answer-tagged";

    public async Task<DomainResult> HandleAsync(TagConsultationAnswer command, CancellationToken cancellationToken = default)
    {
        if (command.PriorityNumber is { } number && !await db.Priorities.AnyAsync(p => p.Number == number && p.IsLive, cancellationToken))
        {
            return DomainResult.Refused("Select a priority from the list", nameof(command.PriorityNumber));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        return await db.InTransactionAsync(async token =>
        {
            var answer = await (
                    from a in db.ConsultationAnswers
                    join r in db.ConsultationResponses on a.ResponseId equals r.Id
                    where a.Id == command.AnswerId && r.ConsultationId == command.ConsultationId
                    select a)
                .SingleOrDefaultAsync(token);
            if (answer is null)
            {
                return DomainResult.NotFound("The answer was not found");
            }

            var tagged = answer.Tag(command.Theme, command.PriorityNumber);
            if (!tagged.Succeeded)
            {
                return tagged;
            }

            db.AuditRecords.Add(new AuditRecord
            {
                At = now,
                ActorUserId = command.UserId,
                Action = Action,
                EntityType = nameof(ConsultationAnswer),
                EntityId = answer.Id.ToString(CultureInfo.InvariantCulture),
                Detail = $"consultation={command.ConsultationId};priority={command.PriorityNumber?.ToString(CultureInfo.InvariantCulture) ?? "none"}",
            });
            await db.SaveChangesAsync(token);
            return DomainResult.Ok;
        }, cancellationToken);
    }
}
