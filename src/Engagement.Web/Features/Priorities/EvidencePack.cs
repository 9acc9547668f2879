using Engagement.Domain.Calendar;
using Engagement.Domain.Common;
using Engagement.Domain.Consultations;
using Engagement.Domain.Feedback;
using Engagement.Domain.Priorities;
using Engagement.Domain.Responses;
using Engagement.Infrastructure.Data;
using Engagement.Web.Features.Consultations;
using Engagement.Web.Features.ProviderEngagement;
using Engagement.Web.Features.PublicLog;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Features.Priorities;

/// <summary>Feedback linked to the priority that arrived in one quarter, counted by service area (its theme) and by who sent it.</summary>
public sealed record EvidenceFeedbackQuarter(Quarter Quarter, IReadOnlyDictionary<ServiceSection, int> BySection, IReadOnlyDictionary<SubmitterRole, int> ByRole)
{
    public int Total => BySection.Values.Sum();
}

/// <summary>A published "You said, we did" entry linked to the priority: what people said, in the staff's summary, and what was done.</summary>
public sealed record EvidenceEntry(string Reference, string Title, ServiceSection Section, ResponseStatus Status, string YouSaid, string WeDidMarkdown, DateOnly? TargetDate, DateTime LastUpdatedAt, int LinkedFeedback);

/// <summary>A published consultation linked to the priority, with its outcome once published.</summary>
public sealed record EvidenceConsultation(int Id, string Title, DateTime OpensAt, DateTime ClosesAt, int ResponsesCounted, string? WeAsked, string? YouSaid, string? WeDidMarkdown, DateTime? OutcomePublishedAt)
{
    public string Path => OutcomeText.ConsultationPath(Id);
}

/// <summary>
/// The evidence for a commissioning decision on one priority (Market Position Statement priority 18), over
/// <see cref="Quarters"/> UK calendar quarters up to and including the current one: what people said (feedback counts
/// by quarter, service area and who sent it; never their words), what providers recorded (approved records only, as
/// published), consultations and their outcomes, and what was done (published entries).
/// </summary>
public sealed record EvidencePack(
    Priority Priority,
    DateTime GeneratedAt,
    int Quarters,
    Quarter From,
    Quarter To,
    IReadOnlyList<EvidenceFeedbackQuarter> Feedback,
    int SafeguardingConcerns,
    IReadOnlyList<EvidenceEntry> Entries,
    IReadOnlyList<PublicEngagementRecord> ProviderRecords,
    int ProviderRecordsNotYetApproved,
    IReadOnlyList<EvidenceConsultation> Consultations)
{
    public IReadOnlyList<ServiceSection> Sections => Feedback.SelectMany(q => q.BySection.Keys).Distinct().Order().ToList();
    public IReadOnlyList<SubmitterRole> Roles => Feedback.SelectMany(q => q.ByRole.Keys).Distinct().Order().ToList();
    public int FeedbackTotal => Feedback.Sum(q => q.Total);
}

public sealed class EvidencePackQuery(EngagementDbContext db, PublicEngagementQuery providerRecords, TimeProvider clock)
{
    /// <summary>The periods offered (quarters back from the current one, inclusive); the first is the default.</summary>
    public static readonly IReadOnlyList<int> Periods = [4, 8, 12];

    public async Task<EvidencePack?> LoadAsync(int number, int quarters, CancellationToken cancellationToken = default)
    {
        var priority = await db.Priorities.AsNoTracking().SingleOrDefaultAsync(p => p.Number == number, cancellationToken);
        if (priority is null)
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var today = WorkingDayCalendar.UkDate(now);
        var to = Quarter.Of(today.Year, today.Month);
        var from = to.Minus(quarters - 1);
        var fromUtc = from.StartUtc;

        // Feedback: its three facts only, grouped by the UK quarter it arrived in.
        var facts = db.FeedbackItemPriorities.AsNoTracking().Where(p => p.PriorityNumber == number)
            .Join(db.FeedbackItems.AsNoTracking(), p => p.FeedbackItemId, f => f.Id, (_, f) => f)
            .Where(f => !f.IsQuarantined && f.SubmittedAt >= fromUtc)
            .Select(f => new { f.SubmittedAt, f.Section, f.Role, f.Flag })
            .AsAsyncEnumerable();
        var bySection = new Dictionary<Quarter, Dictionary<ServiceSection, int>>();
        var byRole = new Dictionary<Quarter, Dictionary<SubmitterRole, int>>();
        var safeguarding = 0;
        await foreach (var f in facts.WithCancellation(cancellationToken))
        {
            var arrived = WorkingDayCalendar.UkDate(f.SubmittedAt);
            var quarter = Quarter.Of(arrived.Year, arrived.Month);
            Add(bySection, quarter, f.Section);
            Add(byRole, quarter, f.Role);
            safeguarding += f.Flag == FeedbackFlag.SafeguardingConcern ? 1 : 0;
        }

        var feedback = bySection.Keys.OrderDescending().Select(q => new EvidenceFeedbackQuarter(q, bySection[q], byRole[q])).ToList();

        var published = true;
        var linkedEntries = db.ResponseEntryPriorities.Where(p => p.PriorityNumber == number).Select(p => p.ResponseEntryId);
        var entries = await db.ResponseEntries.AsNoTracking()
            .Where(e => e.IsPublished == published && linkedEntries.Contains(e.Id) && e.LastUpdatedAt >= fromUtc)
            .OrderByDescending(e => e.LastUpdatedAt).ThenByDescending(e => e.Id)
            .Select(e => new EvidenceEntry(e.Reference, e.Title, e.Section, e.Status, e.YouSaidSummary, e.WeDidMarkdown, e.TargetDate, e.LastUpdatedAt,
                db.FeedbackItems.Count(f => f.ResponseEntryId == e.Id)))
            .ToListAsync(cancellationToken);

        var fromDate = from.FirstDay;
        var records = (await providerRecords.ForPriorityAsync(number, cancellationToken)).Where(r => r.HeldOn >= fromDate).ToList();
        var approvedIds = records.Select(r => r.Id).ToList();
        var notYetApproved = await db.EngagementRecords.AsNoTracking()
            .Where(r => r.Priorities.Any(p => p.PriorityNumber == number) && r.HeldOn >= fromDate && !approvedIds.Contains(r.Id))
            .CountAsync(cancellationToken);

        var linkedConsultations = db.Set<ConsultationPriority>().Where(p => p.PriorityNumber == number).Select(p => p.ConsultationId);
        var consultations = await db.Consultations.AsNoTracking()
            .Where(c => c.IsPublished == published && linkedConsultations.Contains(c.Id) && c.ClosesAt >= fromUtc)
            .OrderByDescending(c => c.ClosesAt).ThenByDescending(c => c.Id)
            .Select(c => new EvidenceConsultation(c.Id, c.Title, c.OpensAt, c.ClosesAt,
                db.ConsultationResponses.Count(r => r.ConsultationId == c.Id && r.IncludeInAnalysis),
                c.OutcomePublishedAt == null ? null : c.OutcomeWeAsked,
                c.OutcomePublishedAt == null ? null : c.OutcomeYouSaid,
                c.OutcomePublishedAt == null ? null : c.OutcomeWeDidMarkdown,
                c.OutcomePublishedAt))
            .ToListAsync(cancellationToken);

        return new EvidencePack(priority, now, quarters, from, to, feedback, safeguarding, entries, records, notYetApproved, consultations);
    }

    private static void Add<TKey>(Dictionary<Quarter, Dictionary<TKey, int>> counts, Quarter quarter, TKey key)
        where TKey : notnull
    {
        if (!counts.TryGetValue(quarter, out var row))
        {
            counts[quarter] = row = [];
        }

        row[key] = row.GetValueOrDefault(key) + 1;
    }
}
