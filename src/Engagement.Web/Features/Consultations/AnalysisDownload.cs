using System.Globalization;
using Engagement.Domain.Auditing;
using Engagement.Domain.Consultations;
using Engagement.Domain.Events;
using Engagement.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Features.Consultations;

/// <summary>One response as the staff download shows it: one answer cell per question, in question order.</summary>
public sealed record DownloadRow(string Reference, DateTime ReceivedAt, ResponseChannel Channel, bool IsLate, bool SentTooQuickly, bool Counted, string? Email, bool WantsOutcome, IReadOnlyList<string> Answers)
{
    public string ReceivedAtUk => UkTime.FromUtc(ReceivedAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}

/// <summary>The whole download: the questions (column headings) and one row per response.</summary>
public sealed record DownloadTable(string Title, IReadOnlyList<string> Questions, IReadOnlyList<DownloadRow> Rows, bool Personal);

/// <summary>
/// The staff's response-level download (CSV and JSON): one row per response, one column per question (several choices
/// joined with "; ", an "Other" answer as its text), reference, received at (UK time), channel, late, sent too quickly and counted. The email and
/// outcome consent are personal details: only with <c>personal</c> asked for, in their own columns. Each download is
/// audited (who, which consultation, whether personal details were in it; never the data itself).
/// </summary>
public sealed class AnalysisDownload(EngagementDbContext db, TimeProvider clock)
{
    public const string Action = "consultation.responses-downloaded";
    public const string Separator = "; ";

    public async Task<DownloadTable?> LoadAsync(int consultationId, bool personal, string userId, string format, CancellationToken cancellationToken = default)
    {
        var title = await db.Consultations.AsNoTracking().Where(c => c.Id == consultationId).Select(c => c.Title).SingleOrDefaultAsync(cancellationToken);
        if (title is null)
        {
            return null;
        }

        var questions = await db.ConsultationQuestions.AsNoTracking().Where(q => q.ConsultationId == consultationId)
            .OrderBy(q => q.PageNumber).ThenBy(q => q.Position).Include(q => q.Options).ToListAsync(cancellationToken);
        var labels = questions.SelectMany(q => q.Options).ToDictionary(o => o.Id, o => o.Label);
        var responses = await db.ConsultationResponses.AsNoTracking().Where(r => r.ConsultationId == consultationId)
            .OrderBy(r => r.ReceivedAt).ThenBy(r => r.Id)
            .Select(r => new { r.Id, r.Reference, r.ReceivedAt, r.Channel, r.IsLate, r.SentTooQuickly, r.IncludeInAnalysis, r.Email, r.WantsOutcome })
            .ToListAsync(cancellationToken);
        var answers = (await (
                from a in db.ConsultationAnswers.AsNoTracking()
                join r in db.ConsultationResponses.AsNoTracking() on a.ResponseId equals r.Id
                where r.ConsultationId == consultationId
                orderby a.Id
                select new { a.ResponseId, a.QuestionId, a.OptionId, a.Text })
            .ToListAsync(cancellationToken))
            .ToLookup(a => (a.ResponseId, a.QuestionId));

        string Cell(int responseId, ConsultationQuestion question)
        {
            var given = answers[(responseId, question.Id)];
            var order = question.Options.Select((o, i) => (o.Id, i)).ToDictionary(x => x.Id, x => x.i);
            return string.Join(Separator, given
                .OrderBy(a => a.OptionId is { } id ? order.GetValueOrDefault(id) : int.MaxValue)
                .Select(a => a.OptionId is { } id ? labels.GetValueOrDefault(id, "") : (question.Kind.IsText() ? a.Text ?? "" : "Other: " + a.Text)));
        }

        var rows = responses.Select(r => new DownloadRow(
            r.Reference, r.ReceivedAt, r.Channel, r.IsLate, r.SentTooQuickly, r.IncludeInAnalysis,
            personal ? r.Email : null, personal && r.WantsOutcome,
            questions.Select(q => Cell(r.Id, q)).ToList())).ToList();

        var now = clock.GetUtcNow().UtcDateTime;
        await db.InTransactionAsync(async token =>
        {
            db.AuditRecords.Add(new AuditRecord
            {
                At = now,
                ActorUserId = userId,
                Action = Action,
                EntityType = nameof(Consultation),
                EntityId = consultationId.ToString(CultureInfo.InvariantCulture),
                Detail = $"format={format};personal={(personal ? "yes" : "no")};rows={rows.Count}",
            });
            await db.SaveChangesAsync(token);
        }, cancellationToken);
        return new DownloadTable(title, questions.Select((q, i) => $"Q{i + 1}. {q.Text}").ToList(), rows, personal);
    }

    /// <summary>The CSV's header row.</summary>
    public static IEnumerable<string> Header(DownloadTable table) =>
        new[] { "Reference", "Received at (UK time)", "Channel", "Late", "Sent too quickly", "Counted in the analysis" }
            .Concat(table.Questions)
            .Concat(table.Personal ? ["Email (personal)", "Wants the outcome (personal)"] : []);

    public static IEnumerable<string?> Cells(DownloadTable table, DownloadRow row) =>
        new[] { row.Reference, row.ReceivedAtUk, row.Channel.Name(), row.IsLate ? "Yes" : "No", row.SentTooQuickly ? "Yes" : "No", row.Counted ? "Yes" : "No" }
            .Concat(row.Answers)
            .Concat(table.Personal ? [row.Email ?? "", row.WantsOutcome ? "Yes" : "No"] : []);
}
