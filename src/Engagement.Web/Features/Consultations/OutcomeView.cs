using Engagement.Domain.Consultations;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Text;
using Engagement.Web.Pages.Insights;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Features.Consultations;

/// <summary>A log entry the outcome links to.</summary>
public sealed record OutcomeLink(string Reference, string Title);

/// <summary>
/// What the public sees of a published outcome (the <c>Pages/Consultations/_Outcome</c> partial): "We asked", "You
/// said" as the figures of the choice and rating questions (charts with their tables, never a written answer) and the
/// staff summary, "We did" as sanitised HTML, and the linked entries.
/// </summary>
public sealed record ConsultationOutcomeView(
    int ConsultationId,
    string Title,
    string WeAsked,
    string YouSaid,
    SanitizedHtml WeDid,
    DateTime PublishedAt,
    string? EntryReference,
    int Counted,
    IReadOnlyList<QuestionFigures> Questions,
    IReadOnlyList<BarChart> Charts,
    IReadOnlyList<OutcomeLink> Links)
{
    /// <summary>Show only the generated figures (the log entry page, which shows the texts itself).</summary>
    public bool FiguresOnly { get; init; }

    /// <summary>The published outcome of the consultation, or null when it has none (or is not published).</summary>
    public static async Task<ConsultationOutcomeView?> LoadAsync(EngagementDbContext db, ConsultationAnalysis analysis, SafeMarkdown markdown, int consultationId, CancellationToken cancellationToken = default)
    {
        var consultation = await db.Consultations.AsNoTracking()
            .Where(c => c.Id == consultationId && c.IsPublished && c.OutcomePublishedAt != null)
            .Select(c => new { c.Id, c.Title, c.OutcomeWeAsked, c.OutcomeYouSaid, c.OutcomeWeDidMarkdown, c.OutcomePublishedAt, c.OutcomeEntryId })
            .SingleOrDefaultAsync(cancellationToken);
        if (consultation is null)
        {
            return null;
        }

        var figures = await analysis.FiguresAsync(consultationId, cancellationToken);
        var questions = figures?.Questions.Where(q => q.HasChoices).ToList() ?? [];
        var reference = await db.ResponseEntries.AsNoTracking().Where(e => e.Id == consultation.OutcomeEntryId && e.IsPublished)
            .Select(e => e.Reference).SingleOrDefaultAsync(cancellationToken);
        var linkedIds = db.OutcomeLinkedEntries.Where(l => l.ConsultationId == consultationId).Select(l => l.ResponseEntryId);
        var links = await db.ResponseEntries.AsNoTracking().Where(e => e.IsPublished && linkedIds.Contains(e.Id))
            .OrderBy(e => e.Reference).Select(e => new OutcomeLink(e.Reference, e.Title)).ToListAsync(cancellationToken);
        return new ConsultationOutcomeView(
            consultation.Id,
            consultation.Title,
            consultation.OutcomeWeAsked ?? "",
            consultation.OutcomeYouSaid ?? "",
            markdown.Render(consultation.OutcomeWeDidMarkdown),
            consultation.OutcomePublishedAt!.Value,
            reference,
            figures?.Counted ?? 0,
            questions,
            questions.Select(q => AnalysisCharts.Overall(q, "outcome")).ToList(),
            links);
    }
}

/// <summary>A published consultation as a priority's page lists it.</summary>
public sealed record PriorityConsultation(int Id, string Title, ConsultationPhase Phase, DateTime OpensAt, DateTime ClosesAt, bool HasOutcome)
{
    public string Path => OutcomeText.ConsultationPath(Id);
}

/// <summary>The published consultations linked to a priority, for its page: newest closing date first.</summary>
public static class PriorityConsultations
{
    public const int Limit = 20;

    public static async Task<IReadOnlyList<PriorityConsultation>> ForPriorityAsync(EngagementDbContext db, int number, DateTime now, CancellationToken cancellationToken = default)
    {
        var published = true;
        var linked = db.Set<ConsultationPriority>().Where(p => p.PriorityNumber == number).Select(p => p.ConsultationId);
        var rows = await db.Consultations.AsNoTracking()
            .Where(c => c.IsPublished == published && linked.Contains(c.Id))
            .OrderByDescending(c => c.ClosesAt).ThenByDescending(c => c.Id)
            .Take(Limit)
            .Select(c => new { c.Id, c.Title, c.OpensAt, c.ClosesAt, c.OutcomePublishedAt })
            .ToListAsync(cancellationToken);
        return rows.Select(c => new PriorityConsultation(c.Id, c.Title, Consultation.Phase(true, c.OpensAt, c.ClosesAt, now), c.OpensAt, c.ClosesAt, c.OutcomePublishedAt is not null)).ToList();
    }
}
