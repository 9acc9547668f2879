using System.Globalization;
using Engagement.Domain.Common;
using Engagement.Domain.Feedback;
using Engagement.Domain.Responses;
using Engagement.Infrastructure.Data;
using Engagement.Web.Features.Publishing;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Features.PublicLog;

/// <summary>One published entry as the log, the feed, the CSV and the JSON API show it.</summary>
public sealed record LogRow(
    int Id,
    string Reference,
    string Title,
    string YouSaidSummary,
    ResponseStatus Status,
    ServiceSection Section,
    string OwnerTeam,
    DateOnly? TargetDate,
    DateTime? FirstPublishedAt,
    DateTime LastUpdatedAt)
{
    public IReadOnlyList<int> Priorities { get; init; } = [];

    /// <summary>The consultation whose published outcome this entry is (a kind of entry of its own), or null.</summary>
    public int? ConsultationId { get; init; }

    public bool IsConsultationOutcome => ConsultationId is not null;

    public LogCursor Cursor => new(LastUpdatedAt, Id);
}

public sealed record LogPage(IReadOnlyList<LogRow> Rows, LogCursor? Next, LogCursor? Previous);

public sealed record FilterCounts(
    int Total,
    IReadOnlyDictionary<ResponseStatus, int> ByStatus,
    IReadOnlyDictionary<ServiceSection, int> BySection,
    IReadOnlyDictionary<int, int> ByPriority);

public sealed record HistoryItem(DateTime ChangedAt, ResponseStatus? FromStatus, ResponseStatus ToStatus, string? Note);

public sealed record LinkedEvent(int Id, string Title, DateTime StartsAt);

/// <summary>One entry's page. <see cref="FromForum"/> is the provider forum whose action the entry is, if it is one.</summary>
public sealed record EntryDetail(LogRow Row, string WeDidMarkdown, IReadOnlyList<HistoryItem> History, IReadOnlyList<LinkedEvent> Events, int RaisedBy, LinkedEvent? FromForum = null);

public sealed record PriorityFigures(
    int FeedbackReceived,
    int Entries,
    IReadOnlyDictionary<ResponseStatus, int> EntriesByStatus,
    double? MedianDaysToFirstResponse,
    double? ShareCompleted);

/// <summary>
/// Every read of the public log: filters are implemented once, here, for the page, feed, CSV and JSON API.
/// Published entries only; no-tracking projections; keyset pagination on (LastUpdatedAt desc, Id desc); counts are
/// GROUP BY aggregates in the database.
/// </summary>
public sealed class PublicLogQuery(EngagementDbContext db, InsightsAggregateStore held, HeldPerChange<PublicLogQuery.Cells> filteredCells)
{
    public const int PageSize = 20;

    private static readonly ResponseStatus[] ActionStatuses = [ResponseStatus.ActionPlanned, ResponseStatus.InProgress, ResponseStatus.Completed];

    [Flags]
    private enum Ignore
    {
        Nothing = 0,
        Priority = 1,
        Section = 2,
        Status = 4,
    }

    /// <summary>
    /// Published entries. The flag is compared with a parameter on purpose: a bare boolean column (`WHERE IsPublished`,
    /// which is what `e.IsPublished` or `== true` translate to) is not an index constraint for SQLite, so the
    /// (IsPublished, LastUpdatedAt, Id) index would be scanned and sorted instead of searched.
    /// </summary>
    public IQueryable<ResponseEntry> Published()
    {
        var published = true;
        return db.ResponseEntries.AsNoTracking().Where(e => e.IsPublished == published);
    }

    private IQueryable<ResponseEntry> Filtered(LogFilter filter, Ignore ignore = Ignore.Nothing)
    {
        var query = Published();
        if (filter.Words is { } words)
        {
            // The search table narrows the candidates (on SQLite); LIKE keeps the literal meaning (TextSearch).
            if (TextSearch.Candidates(db, TextSearch.ResponseEntries, words) is { } candidates)
            {
                query = query.Where(e => candidates.Contains(e.Id));
            }

            var pattern = TextSearch.LikePattern(words);
            query = query.Where(e =>
                EF.Functions.Like(e.Title, pattern, "\\") ||
                EF.Functions.Like(e.YouSaidSummary, pattern, "\\") ||
                EF.Functions.Like(e.WeDidMarkdown, pattern, "\\"));
        }

        if (!ignore.HasFlag(Ignore.Priority) && filter.Priorities.Count > 0)
        {
            // An IN over the (PriorityNumber, ResponseEntryId) index rather than a correlated EXISTS per entry.
            var numbers = filter.Priorities.ToArray();
            var linked = db.ResponseEntryPriorities.Where(p => numbers.Contains(p.PriorityNumber)).Select(p => p.ResponseEntryId);
            query = query.Where(e => linked.Contains(e.Id));
        }

        if (filter.Kind == EntryKind.ConsultationOutcome)
        {
            var outcomes = db.Consultations.Where(c => c.OutcomeEntryId != null).Select(c => c.OutcomeEntryId!.Value);
            query = query.Where(e => outcomes.Contains(e.Id));
        }

        if (!ignore.HasFlag(Ignore.Section) && filter.Section is { } section)
        {
            query = query.Where(e => e.Section == section);
        }

        if (!ignore.HasFlag(Ignore.Status) && filter.Status is { } status)
        {
            query = query.Where(e => e.Status == status);
        }

        if (filter.UpdatedFrom is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(e => e.LastUpdatedAt >= start);
        }

        if (filter.UpdatedTo is { } to && to < DateOnly.MaxValue)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(e => e.LastUpdatedAt < end);
        }

        return query;
    }

    private static IQueryable<LogRow> Project(IQueryable<ResponseEntry> query) => query.Select(e => new LogRow(
        e.Id, e.Reference, e.Title, e.YouSaidSummary, e.Status, e.Section, e.OwnerTeam, e.TargetDate, e.FirstPublishedAt, e.LastUpdatedAt));

    /// <summary>
    /// The rows of an ordered, limited query: first the keys in order (read from the indexes alone, so a sort of many
    /// candidates, as under a priority filter, never carries the text columns), then those rows by primary key.
    /// </summary>
    private async Task<List<LogRow>> InOrderAsync(IQueryable<ResponseEntry> ordered, CancellationToken cancellationToken)
    {
        var ids = await ordered.Select(e => e.Id).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return [];
        }

        var rows = await Project(Published().Where(e => ids.Contains(e.Id))).ToDictionaryAsync(r => r.Id, cancellationToken);
        return ids.Where(rows.ContainsKey).Select(id => rows[id]).ToList();
    }

    /// <summary>One page in "newest update first" order, after or before a cursor (neither: the first page).</summary>
    public async Task<LogPage> PageAsync(LogFilter filter, LogCursor? after, LogCursor? before, int size = PageSize, CancellationToken cancellationToken = default)
    {
        var query = Filtered(filter);
        List<LogRow> rows;
        bool hasNext;
        bool hasPrevious;
        if (before is { } b)
        {
            var (t, id) = (b.LastUpdatedAt, b.Id);
            rows = await InOrderAsync(query.Where(e => e.LastUpdatedAt > t || (e.LastUpdatedAt == t && e.Id > id))
                    .OrderBy(e => e.LastUpdatedAt).ThenBy(e => e.Id).Take(size + 1), cancellationToken);
            hasPrevious = rows.Count > size;
            rows = rows.Take(size).Reverse().ToList();
            hasNext = true;
        }
        else
        {
            var newest = query;
            if (after is { } a)
            {
                var (t, id) = (a.LastUpdatedAt, a.Id);
                newest = query.Where(e => e.LastUpdatedAt < t || (e.LastUpdatedAt == t && e.Id < id));
            }

            rows = await InOrderAsync(newest.OrderByDescending(e => e.LastUpdatedAt).ThenByDescending(e => e.Id).Take(size + 1), cancellationToken);
            hasNext = rows.Count > size;
            rows = rows.Take(size).ToList();
            hasPrevious = false;
            if (after is not null && rows.Count > 0)
            {
                var (t, id) = (rows[0].LastUpdatedAt, rows[0].Id);
                hasPrevious = await query.AnyAsync(e => e.LastUpdatedAt > t || (e.LastUpdatedAt == t && e.Id > id), cancellationToken);
            }
        }

        rows = await WithPrioritiesAsync(rows, cancellationToken);
        return new LogPage(
            rows,
            hasNext && rows.Count > 0 ? rows[^1].Cursor : null,
            hasPrevious && rows.Count > 0 ? rows[0].Cursor : null);
    }

    /// <summary>Every matching entry, newest update first, read page by page (for the CSV download).</summary>
    public async IAsyncEnumerable<LogRow> AllAsync(LogFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        LogCursor? after = null;
        while (true)
        {
            var page = await PageAsync(filter, after, null, 500, cancellationToken);
            foreach (var row in page.Rows)
            {
                yield return row;
            }

            if (page.Next is null)
            {
                yield break;
            }

            after = page.Next;
        }
    }

    private async Task<List<LogRow>> WithPrioritiesAsync(List<LogRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return rows;
        }

        var ids = rows.Select(r => r.Id).ToArray();
        var links = await db.ResponseEntryPriorities.AsNoTracking()
            .Where(p => ids.Contains(p.ResponseEntryId))
            .Select(p => new { p.ResponseEntryId, p.PriorityNumber })
            .ToListAsync(cancellationToken);
        var byEntry = links.ToLookup(l => l.ResponseEntryId, l => l.PriorityNumber);
        // Which of these entries are consultation outcomes (the unique OutcomeEntryId index answers it).
        var outcomes = await db.Consultations.AsNoTracking()
            .Where(c => c.OutcomeEntryId != null && ids.Contains(c.OutcomeEntryId.Value))
            .Select(c => new { EntryId = c.OutcomeEntryId!.Value, c.Id })
            .ToDictionaryAsync(c => c.EntryId, c => c.Id, cancellationToken);
        return rows.Select(r => r with
        {
            Priorities = byEntry[r.Id].Order().ToList(),
            ConsultationId = outcomes.TryGetValue(r.Id, out var consultation) ? consultation : null,
        }).ToList();
    }

    /// <summary>How many entries each filter value would give under the other current filters.</summary>
    /// <remarks>
    /// One pass: the entries matching the date and word filters are grouped by (status, section, priority mask) over
    /// the covering (IsPublished, Status, Section, PriorityMask) index, a few hundred cells at most, and the total and
    /// every count (each ignoring its own filter) are sums of those cells. Only when a priority is numbered beyond
    /// what the mask holds do the priority counts fall back to grouping the links.
    /// </remarks>
    public async Task<FilterCounts> CountsAsync(LogFilter filter, CancellationToken cancellationToken = default)
    {
        // The cells depend on nothing but the published entries and the filters they are counted under, so they are
        // held per instance until the change stamp moves (decision 0026); the stamp is read first, so held cells are
        // never older than their key. Without date or word filters, one set per kind; with them, one per combination
        // (up to MaximumFilteredCells between changes), so paging through a search counts once.
        var stamp = await ChangeStamp.ReadAsync(db, cancellationToken);
        var (maskHoldsEveryPriority, cells) = filter.UpdatedFrom is null && filter.UpdatedTo is null && filter.Words is null
            ? await held.GetAsync(HeldKey.LogCells((int)(filter.Kind ?? 0)), stamp, DateTime.MinValue, token => CellsAsync(filter, token), cancellationToken)
            : await filteredCells.GetAsync(
                stamp,
                string.Join('\u001f', (int)(filter.Kind ?? 0), filter.UpdatedFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    filter.UpdatedTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), string.Join(',', filter.Priorities.Order()), filter.Words),
                () => CellsAsync(filter, cancellationToken));
        bool InStatus(ResponseStatus status) => filter.Status is not { } wanted || status == wanted;
        bool InSection(ServiceSection section) => filter.Section is not { } wanted || section == wanted;
        bool InPriorities(long mask) => !maskHoldsEveryPriority || filter.Priorities.Count == 0 || filter.Priorities.Any(n => PriorityMask.Has(mask, n));

        var total = cells.Where(c => InStatus(c.Status) && InSection(c.Section) && InPriorities(c.Mask)).Sum(c => c.Count);
        var byStatus = cells.Where(c => InSection(c.Section) && InPriorities(c.Mask))
            .GroupBy(c => c.Status).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
        var bySection = cells.Where(c => InStatus(c.Status) && InPriorities(c.Mask))
            .GroupBy(c => c.Section).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
        Dictionary<int, int> byPriority;
        if (maskHoldsEveryPriority)
        {
            var matching = cells.Where(c => InStatus(c.Status) && InSection(c.Section)).ToList();
            byPriority = Enumerable.Range(1, PriorityMask.MaxNumber)
                .Select(n => (Number: n, Count: matching.Where(c => PriorityMask.Has(c.Mask, n)).Sum(c => c.Count)))
                .Where(p => p.Count > 0)
                .ToDictionary(p => p.Number, p => p.Count);
        }
        else
        {
            var matching = Filtered(filter, Ignore.Priority).Select(e => e.Id);
            byPriority = await db.ResponseEntryPriorities.AsNoTracking()
                .Where(p => matching.Contains(p.ResponseEntryId))
                .GroupBy(p => p.PriorityNumber).Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        }

        return new FilterCounts(total, byStatus, bySection, byPriority);
    }

    /// <summary>How many date and word filter combinations have their cells held at once; a change empties them all.</summary>
    public const int MaximumFilteredCells = 200;

    /// <summary>Entries per (status, section, priority mask) under some filters (see <see cref="CountsAsync"/>).</summary>
    public sealed record Cell(ResponseStatus Status, ServiceSection Section, long Mask, int Count);

    /// <summary>The cells, and whether the priority mask holds every priority (if not, priorities are counted apart).</summary>
    public sealed record Cells(bool MaskHoldsEveryPriority, List<Cell> List)
    {
        public void Deconstruct(out bool maskHoldsEveryPriority, out List<Cell> list) => (maskHoldsEveryPriority, list) = (MaskHoldsEveryPriority, List);
    }

    /// <summary>The entries matching the date, word and kind filters, grouped by (status, section, priority mask).</summary>
    private async Task<Cells> CellsAsync(LogFilter filter, CancellationToken cancellationToken)
    {
        var maskHoldsEveryPriority = !await db.Priorities.AnyAsync(p => p.Number > PriorityMask.MaxNumber, cancellationToken);
        var list = await Filtered(filter, Ignore.Status | Ignore.Section | (maskHoldsEveryPriority ? Ignore.Priority : Ignore.Nothing))
            .GroupBy(e => new { e.Status, e.Section, Mask = EF.Property<long>(e, PriorityMask.Property) })
            .Select(g => new Cell(g.Key.Status, g.Key.Section, g.Key.Mask, g.Count()))
            .ToListAsync(cancellationToken);
        return new Cells(maskHoldsEveryPriority, list);
    }

    /// <summary>A published entry with its history, events and how many people raised it; null when unpublished or unknown.</summary>
    public async Task<EntryDetail?> EntryAsync(string reference, CancellationToken cancellationToken = default)
    {
        var found = await Published().Where(e => e.Reference == reference)
            .Select(e => new
            {
                Row = new LogRow(e.Id, e.Reference, e.Title, e.YouSaidSummary, e.Status, e.Section, e.OwnerTeam, e.TargetDate, e.FirstPublishedAt, e.LastUpdatedAt),
                e.WeDidMarkdown,
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var id = found.Row.Id;
        var rows = await WithPrioritiesAsync([found.Row], cancellationToken);
        var history = await db.StatusChanges.AsNoTracking()
            .Where(h => h.ResponseEntryId == id)
            .OrderBy(h => h.ChangedAt).ThenBy(h => h.Id)
            .Select(h => new HistoryItem(h.ChangedAt, h.FromStatus, h.ToStatus, h.Note))
            .ToListAsync(cancellationToken);
        var events = await (
                from link in db.ResponseEntryEvents.AsNoTracking()
                where link.ResponseEntryId == id
                join ev in db.Events.AsNoTracking() on link.EventId equals ev.Id
                orderby ev.StartsAt
                select new LinkedEvent(ev.Id, ev.Title, ev.StartsAt))
            .ToListAsync(cancellationToken);
        var raisedBy = await db.FeedbackItems.CountAsync(f => f.ResponseEntryId == id, cancellationToken);
        var fromForum = await (
                from action in db.ForumActions.AsNoTracking()
                where action.ResponseEntryId == id
                join ev in db.Events.AsNoTracking() on action.EventId equals ev.Id
                select new LinkedEvent(ev.Id, ev.Title, ev.StartsAt))
            .FirstOrDefaultAsync(cancellationToken);
        return new EntryDetail(rows[0], found.WeDidMarkdown, history, events, raisedBy, fromForum);
    }

    /// <summary>
    /// The figures on a priority's page, held per instance until the change stamp moves (decision 0026): the median
    /// reads the earliest linked feedback of every entry linked to the priority, which grows with the volume.
    /// </summary>
    public async Task<PriorityFigures> PriorityFiguresAsync(int number, CancellationToken cancellationToken = default) =>
        await held.GetAsync(
            HeldKey.PriorityFigures(number),
            await ChangeStamp.ReadAsync(db, cancellationToken),
            DateTime.MinValue,
            token => CountPriorityFiguresAsync(number, token),
            cancellationToken);

    /// <summary>The figures on a priority's page, counted from scratch.</summary>
    public async Task<PriorityFigures> CountPriorityFiguresAsync(int number, CancellationToken cancellationToken = default)
    {
        var feedback = await db.FeedbackItemPriorities.AsNoTracking().CountAsync(p => p.PriorityNumber == number, cancellationToken);
        var linked = db.ResponseEntryPriorities.Where(p => p.PriorityNumber == number).Select(p => p.ResponseEntryId);
        var entries = Published().Where(e => linked.Contains(e.Id));
        // By status from the covering (IsPublished, Status, Section, PriorityMask) index, without reading entry rows.
        var bit = number is >= 1 and <= PriorityMask.MaxNumber ? 1L << number : 0;
        var byStatus = await (bit != 0 ? Published().Where(e => (EF.Property<long>(e, PriorityMask.Property) & bit) != 0) : entries)
            .GroupBy(e => e.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var days = await DaysToFirstResponse(entries).Select(d => d.Days).ToListAsync(cancellationToken);
        var total = byStatus.Values.Sum();
        return new PriorityFigures(
            feedback,
            total,
            byStatus,
            Statistics.Median(days),
            total == 0 ? null : (double)byStatus.GetValueOrDefault(ResponseStatus.Completed) / total);
    }

    private sealed record FirstResponse(DateTime FirstPublishedAt, DateTime FirstFeedbackAt)
    {
        public double Days => Math.Max(0, (FirstPublishedAt - FirstFeedbackAt).TotalDays);
    }

    /// <summary>Per published entry with linked feedback: first published minus the earliest linked feedback.</summary>
    private IQueryable<FirstResponse> DaysToFirstResponse(IQueryable<ResponseEntry> entries) =>
        entries
            .Where(e => e.FirstPublishedAt != null)
            .Select(e => new
            {
                Published = e.FirstPublishedAt!.Value,
                First = db.FeedbackItems.Where(f => f.ResponseEntryId == e.Id).Min(f => (DateTime?)f.SubmittedAt),
            })
            .Where(x => x.First != null)
            .Select(x => new FirstResponse(x.Published, x.First!.Value));

    /// <summary>Everything the insights page draws: aggregates only.</summary>
    public async Task<InsightFigures> InsightsAsync(CancellationToken cancellationToken = default)
    {
        var feedback = db.FeedbackItems.AsNoTracking().Where(f => !f.IsQuarantined);
        var feedbackByPriority = await db.FeedbackItemPriorities.AsNoTracking()
            .GroupBy(p => p.PriorityNumber).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var publishedIds = Published().Select(e => e.Id);
        var entriesByPriority = await db.ResponseEntryPriorities.AsNoTracking()
            .Where(p => publishedIds.Contains(p.ResponseEntryId))
            .GroupBy(p => p.PriorityNumber).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var feedbackBySection = await feedback.GroupBy(f => f.Section).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var entriesBySection = await Published().GroupBy(e => e.Section).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var feedbackByMonth = await feedback
            .GroupBy(f => new { f.SubmittedAt.Year, f.SubmittedAt.Month })
            .Select(g => new { g.Key.Year, g.Key.Month, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var entriesByMonth = await Published().Where(e => e.FirstPublishedAt != null)
            .GroupBy(e => new { e.FirstPublishedAt!.Value.Year, e.FirstPublishedAt!.Value.Month })
            .Select(g => new { g.Key.Year, g.Key.Month, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var byStatus = await Published().GroupBy(e => e.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var responses = await DaysToFirstResponse(Published()).ToListAsync(cancellationToken);

        var concerns = feedback.Where(f => f.Flag == FeedbackFlag.None);
        var concernCount = await concerns.CountAsync(cancellationToken);
        var ledToAction = await concerns
            .Where(f => Published().Any(e => e.Id == f.ResponseEntryId && ActionStatuses.Contains(e.Status)))
            .CountAsync(cancellationToken);

        var feedbackByQuarter = feedbackByMonth.GroupBy(m => Quarter.Of(m.Year, m.Month)).ToDictionary(g => g.Key, g => g.Sum(m => m.Count));
        var entriesByQuarter = entriesByMonth.GroupBy(m => Quarter.Of(m.Year, m.Month)).ToDictionary(g => g.Key, g => g.Sum(m => m.Count));
        var medianByQuarter = responses
            .GroupBy(r => Quarter.Of(r.FirstPublishedAt.Year, r.FirstPublishedAt.Month))
            .ToDictionary(g => g.Key, g => Statistics.Median(g.Select(r => r.Days).ToList()) ?? 0);
        var quarters = feedbackByQuarter.Keys.Concat(entriesByQuarter.Keys).Distinct().Order().ToList();

        return new InsightFigures(
            feedbackByPriority, entriesByPriority, feedbackBySection, entriesBySection,
            quarters, feedbackByQuarter, entriesByQuarter, medianByQuarter,
            Statistics.Median(responses.Select(r => r.Days).ToList()),
            byStatus, concernCount, ledToAction);
    }
}

public sealed record InsightFigures(
    IReadOnlyDictionary<int, int> FeedbackByPriority,
    IReadOnlyDictionary<int, int> EntriesByPriority,
    IReadOnlyDictionary<ServiceSection, int> FeedbackBySection,
    IReadOnlyDictionary<ServiceSection, int> EntriesBySection,
    IReadOnlyList<Quarter> Quarters,
    IReadOnlyDictionary<Quarter, int> FeedbackByQuarter,
    IReadOnlyDictionary<Quarter, int> EntriesByQuarter,
    IReadOnlyDictionary<Quarter, double> MedianDaysByQuarter,
    double? MedianDaysOverall,
    IReadOnlyDictionary<ResponseStatus, int> EntriesByStatus,
    int Concerns,
    int ConcernsLedToAction);

/// <summary>A calendar quarter, for example 2026 Q1.</summary>
public readonly record struct Quarter(int Year, int Number) : IComparable<Quarter>
{
    public static Quarter Of(int year, int month) => new(year, (month - 1) / 3 + 1);

    /// <summary>The UK date the quarter starts on.</summary>
    public DateOnly FirstDay => new(Year, (Number - 1) * 3 + 1, 1);

    /// <summary>The instant (UTC) the quarter starts in UK time.</summary>
    public DateTime StartUtc => Domain.Calendar.WorkingDayCalendar.UkStartOfDayUtc(FirstDay);

    /// <summary>The quarter <paramref name="quarters"/> before this one.</summary>
    public Quarter Minus(int quarters)
    {
        var index = Year * 4 + (Number - 1) - quarters;
        return new Quarter(index / 4, index % 4 + 1);
    }

    public int CompareTo(Quarter other) => (Year, Number).CompareTo((other.Year, other.Number));

    public override string ToString() => $"{Year} Q{Number}";
}

public static class Statistics
{
    public static double? Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
