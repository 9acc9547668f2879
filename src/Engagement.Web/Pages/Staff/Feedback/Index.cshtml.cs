using System.Globalization;
using System.Security.Claims;
using Engagement.Domain.Common;
using Engagement.Domain.Feedback;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Deadlines;
using Engagement.Web.Features.Feedback;
using Engagement.Web.Features.Triage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Staff.Feedback;

/// <summary>The commissioners' inbox: feedback items with quick filters, filters and search; possible safeguarding first.</summary>
public sealed class IndexModel(EngagementDbContext db, FeedbackChoices choices, FirstResponsePromise promise, InboxCounts heldCounts, TimeProvider clock) : PageModel
{
    public const int PageSize = 25;

    /// <summary>The quick filters, in the order shown.</summary>
    public static readonly (string Key, string Label)[] QuickFilters =
    [
        ("", "All"),
        ("new", "New"),
        ("safeguarding", "Possible safeguarding"),
        ("unlinked", "Not yet linked"),
        ("mine", "Assigned to me"),
        ("due-this-week", "Due this week"),
        ("overdue", "Overdue"),
        ("quarantined", "Quarantined"),
    ];

    [BindProperty(SupportsGet = true, Name = "show")]
    public string? Show { get; set; }

    [BindProperty(SupportsGet = true, Name = "section")]
    public ServiceSection? Section { get; set; }

    [BindProperty(SupportsGet = true, Name = "priority")]
    public int? Priority { get; set; }

    [BindProperty(SupportsGet = true, Name = "channel")]
    public FeedbackChannel? Channel { get; set; }

    [BindProperty(SupportsGet = true, Name = "from")]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    /// <summary>"due": waiting items by first-response due date, soonest (most overdue) first; otherwise newest first.</summary>
    [BindProperty(SupportsGet = true, Name = "sort")]
    public string? Sort { get; set; }

    /// <summary>Keyset pages: the key of the last row of the previous page, or of the first row of the next one.</summary>
    [BindProperty(SupportsGet = true, Name = "after")]
    public string? After { get; set; }

    [BindProperty(SupportsGet = true, Name = "before")]
    public string? Before { get; set; }

    public List<PriorityChoice> PriorityChoices { get; private set; } = [];

    public IReadOnlyDictionary<string, int> Counts { get; private set; } = new Dictionary<string, int>();

    public int Total { get; private set; }

    public IReadOnlyList<Row> Items { get; private set; } = [];

    public bool HasNextPage { get; private set; }

    public bool HasPreviousPage { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // Filters come from the address bar: a value that does not bind is simply not applied.
        ModelState.Clear();
        Show = QuickFilters.Any(f => f.Key == Show) ? Show : "";
        Sort = Sort == "due" ? "due" : null;
        Now = clock.GetUtcNow().UtcDateTime;
        Query = string.IsNullOrWhiteSpace(Query) ? null : Query.Trim()[..Math.Min(Query.Trim().Length, 200)];
        PriorityChoices = await choices.PrioritiesAsync(cancellationToken);

        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        Counts = await CountsAsync(userId, cancellationToken);
        Total = Counts[Show!];

        // A parameter, not NOT(column), so that SQLite can seek the indexes that lead with IsQuarantined.
        var quarantined = Show == "quarantined";
        var selected = Filtered(db.FeedbackItems.AsNoTracking().Where(f => f.IsQuarantined == quarantined));
        selected = quarantined ? selected : Quick(selected, Show!, userId, Now);

        // Keyset pages over (rank, SubmittedAt, Id): the stored InboxRank (possible safeguarding first, then newest) or,
        // by due date, waiting items before answered ones, oldest first (the due date follows the arrival time).
        var before = InboxCursor.Parse(Before);
        var after = before is null ? InboxCursor.Parse(After) : null;
        var page = Sort == "due"
            ? await ByDueAsync(selected, after, before, cancellationToken)
            : await Rows(InOrder(selected, after, before).Take(PageSize + 1)).ToListAsync(cancellationToken);
        var more = page.Count > PageSize;
        page = page.Take(PageSize).ToList();
        if (before is not null)
        {
            page.Reverse();
            HasPreviousPage = more;
            HasNextPage = true;
        }
        else
        {
            HasPreviousPage = after is not null;
            HasNextPage = more;
        }

        Items = page;
    }

    /// <summary>The rows of one page, shown as table rows.</summary>
    private IQueryable<Row> Rows(IQueryable<FeedbackItem> items) => items.Select(f => new Row(
        f.Id, f.Reference, f.SubmittedAt, f.Section, f.Channel, FeedbackItem.StateOf(f.Flag, f.ResponseEntryId != null, f.ResponseEntry != null && f.ResponseEntry.IsPublished, f.FirstLookedAt), f.Flag, f.PossibleSafeguarding,
        f.Text.Length > 160 ? f.Text.Substring(0, 160) + "…" : f.Text,
        f.ResponseEntryId != null,
        f.FirstRespondedAt,
        f.IsQuarantined,
        db.Users.Where(u => u.Id == f.AssignedToUserId).Select(u => u.DisplayName).FirstOrDefault()));

    /// <summary>
    /// One page in the due-date order (read backwards before a cursor): waiting items (rank 0) before answered ones
    /// (rank 1), each oldest first. Each part is read in the order of its partial index (InboxRank.WaitingByArrivalIndex,
    /// InboxRank.AnsweredByArrivalIndex); the second only when the first does not fill the page.
    /// </summary>
    private async Task<List<Row>> ByDueAsync(IQueryable<FeedbackItem> items, InboxCursor? after, InboxCursor? before, CancellationToken cancellationToken)
    {
        var forwards = before is null;
        var cursor = before ?? after;
        var rows = new List<Row>();
        foreach (var rank in forwards ? new[] { 0, 1 } : [1, 0])
        {
            if (rows.Count > PageSize || (cursor is not null && (forwards ? rank < cursor.Rank : rank > cursor.Rank)))
            {
                continue;
            }

            var part = rank == 0 ? items.Where(f => f.FirstRespondedAt == null) : items.Where(f => f.FirstRespondedAt != null);
            if (cursor is { } c && c.Rank == rank)
            {
                part = forwards
                    ? part.Where(f => f.SubmittedAt > c.SubmittedAt || (f.SubmittedAt == c.SubmittedAt && f.Id > c.Id))
                    : part.Where(f => f.SubmittedAt < c.SubmittedAt || (f.SubmittedAt == c.SubmittedAt && f.Id < c.Id));
            }

            part = forwards ? part.OrderBy(f => f.SubmittedAt).ThenBy(f => f.Id) : part.OrderByDescending(f => f.SubmittedAt).ThenByDescending(f => f.Id);
            rows.AddRange(await Rows(part.Take(PageSize + 1 - rows.Count)).ToListAsync(cancellationToken));
        }

        return rows;
    }

    /// <summary>The rows after (or, read backwards, before) a cursor, in the page's order.</summary>
    private static IQueryable<FeedbackItem> InOrder(IQueryable<FeedbackItem> items, InboxCursor? after, InboxCursor? before)
    {
        if (after is { } next)
        {
            items = items.Where(f => EF.Property<int>(f, InboxRank.Property) < next.Rank
                || (EF.Property<int>(f, InboxRank.Property) == next.Rank && f.SubmittedAt < next.SubmittedAt)
                || (EF.Property<int>(f, InboxRank.Property) == next.Rank && f.SubmittedAt == next.SubmittedAt && f.Id < next.Id));
        }
        else if (before is { } previous)
        {
            return items.Where(f => EF.Property<int>(f, InboxRank.Property) > previous.Rank
                    || (EF.Property<int>(f, InboxRank.Property) == previous.Rank && f.SubmittedAt > previous.SubmittedAt)
                    || (EF.Property<int>(f, InboxRank.Property) == previous.Rank && f.SubmittedAt == previous.SubmittedAt && f.Id > previous.Id))
                .OrderBy(f => EF.Property<int>(f, InboxRank.Property)).ThenBy(f => f.SubmittedAt).ThenBy(f => f.Id);
        }

        return items.OrderByDescending(f => EF.Property<int>(f, InboxRank.Property)).ThenByDescending(f => f.SubmittedAt).ThenByDescending(f => f.Id);
    }

    /// <summary>
    /// Every quick filter's count, each read from an index alone when no other filter is applied (decision 0027), and
    /// then held, for each combination of the other filters, until something changes (decision 0030). One grouped pass
    /// over a covering index of every item was measured slower than these: it reads every item.
    /// </summary>
    private Task<IReadOnlyDictionary<string, int>> CountsAsync(string userId, CancellationToken cancellationToken)
    {
        Task<int> Count(string key)
        {
            var quarantined = key == "quarantined";
            var items = Filtered(db.FeedbackItems.AsNoTracking().Where(f => f.IsQuarantined == quarantined));
            return (quarantined ? items : Quick(items, key, userId, Now)).CountAsync(cancellationToken);
        }

        // The other filters as the page reads them, one value each in a fixed order: each combination has its own counts.
        var filter = string.Join(
            '\u001f', Section, Priority, Channel, From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Query);
        return heldCounts.GetAsync(db, filter, QuickFilters.Select(f => f.Key), Now, userId, Count, cancellationToken);
    }

    /// <summary>The key of a row in the page's order, for the next and previous links.</summary>
    public string KeyOf(Row row) => new InboxCursor(
        Sort == "due" ? (row.FirstRespondedAt is null ? 0 : 1) : InboxRank.Of(row.PossibleSafeguarding, row.Flag),
        row.SubmittedAt,
        row.Id).ToString();

    public DateTime Now { get; private set; }

    public FirstResponsePromise Promise => promise;

    /// <summary>The address of this page with the current filters and one change.</summary>
    public string Link(string? show = null, string? sort = null, string? after = null, string? before = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["show"] = show ?? Show,
            ["sort"] = sort ?? Sort,
            ["section"] = Section?.ToString(),
            ["priority"] = Priority?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["channel"] = Channel?.ToString(),
            ["from"] = From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["to"] = To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["q"] = Query,
            ["after"] = after,
            ["before"] = before,
        };
        var query = string.Join("&", values.Where(v => !string.IsNullOrEmpty(v.Value)).Select(v => v.Key + "=" + Uri.EscapeDataString(v.Value!)));
        return "/staff/feedback" + (query.Length > 0 ? "?" + query : "");
    }

    private IQueryable<FeedbackItem> Filtered(IQueryable<FeedbackItem> items)
    {
        if (Section is { } section)
        {
            items = items.Where(f => f.Section == section);
        }

        if (Priority is { } priority)
        {
            items = items.Where(f => f.Priorities.Any(p => p.PriorityNumber == priority));
        }

        if (Channel is { } channel)
        {
            items = items.Where(f => f.Channel == channel);
        }

        if (From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            items = items.Where(f => f.SubmittedAt >= start);
        }

        if (To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            items = items.Where(f => f.SubmittedAt < end);
        }

        if (Query is { } q)
        {
            // A reference as typed, or the words as a literal substring of the text, narrowed first by the search
            // table on SQLite (TextSearch).
            var pattern = TextSearch.LikePattern(q);
            var reference = q.ToUpperInvariant();
            items = TextSearch.Candidates(db, TextSearch.FeedbackItems, q) is { } candidates
                ? items.Where(f => f.Reference == reference || (candidates.Contains(f.Id) && EF.Functions.Like(f.Text, pattern, "\\")))
                : items.Where(f => f.Reference == reference || EF.Functions.Like(f.Text, pattern, "\\"));
        }

        return items;
    }

    private IQueryable<FeedbackItem> Quick(IQueryable<FeedbackItem> items, string key, string userId, DateTime now) => key switch
    {
        "due-this-week" => items.DueThisWeek(promise, now),
        "overdue" => items.Overdue(promise, now),
        "new" => items.Where(FeedbackItem.IsNew),
        "safeguarding" => items.Where(f => EF.Property<int>(f, InboxRank.Property) == 1),
        "unlinked" => items.Where(FeedbackItem.IsOpenAndUnlinked),
        "mine" => items.Where(f => f.AssignedToUserId == userId),
        _ => items,
    };

    public sealed record Row(
        int Id,
        string Reference,
        DateTime SubmittedAt,
        ServiceSection Section,
        FeedbackChannel Channel,
        FeedbackState State,
        FeedbackFlag Flag,
        bool PossibleSafeguarding,
        string Excerpt,
        bool IsLinked,
        DateTime? FirstRespondedAt,
        bool IsQuarantined,
        string? AssignedTo);
}

/// <summary>A row's place in the inbox order, written into page links as rank.ticks.id.</summary>
public sealed record InboxCursor(int Rank, DateTime SubmittedAt, int Id)
{
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Rank}.{SubmittedAt.Ticks}.{Id}");

    /// <summary>Null for anything that is not a cursor this page wrote (the first page is shown).</summary>
    public static InboxCursor? Parse(string? value)
    {
        var parts = value?.Split('.') ?? [];
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        return parts.Length == 3
            && int.TryParse(parts[0], System.Globalization.NumberStyles.None, culture, out var rank) && rank is 0 or 1
            && long.TryParse(parts[1], System.Globalization.NumberStyles.None, culture, out var ticks) && ticks is > 0 and <= 3155378975999999999
            && int.TryParse(parts[2], System.Globalization.NumberStyles.None, culture, out var id)
            ? new InboxCursor(rank, new DateTime(ticks, DateTimeKind.Utc), id)
            : null;
    }
}
