using System.Security.Claims;
using Engagement.Domain.Common;
using Engagement.Domain.Feedback;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Deadlines;
using Engagement.Web.Features.Feedback;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Staff.Feedback;

/// <summary>The commissioners' inbox: feedback items with quick filters, filters and search; possible safeguarding first.</summary>
public sealed class IndexModel(EngagementDbContext db, FeedbackChoices choices, FirstResponsePromise promise, TimeProvider clock) : PageModel
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

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public List<PriorityChoice> PriorityChoices { get; private set; } = [];

    public IReadOnlyDictionary<string, int> Counts { get; private set; } = new Dictionary<string, int>();

    public int Total { get; private set; }

    public IReadOnlyList<Row> Items { get; private set; } = [];

    public bool HasNextPage { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // Filters come from the address bar: a value that does not bind is simply not applied.
        ModelState.Clear();
        Show = QuickFilters.Any(f => f.Key == Show) ? Show : "";
        Sort = Sort == "due" ? "due" : null;
        Now = clock.GetUtcNow().UtcDateTime;
        Query = string.IsNullOrWhiteSpace(Query) ? null : Query.Trim()[..Math.Min(Query.Trim().Length, 200)];
        PageNumber = Math.Clamp(PageNumber, 1, 10_000);
        PriorityChoices = await choices.PrioritiesAsync(cancellationToken);

        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        var inbox = Filtered(db.FeedbackItems.AsNoTracking().Where(f => !f.IsQuarantined));
        var counts = new Dictionary<string, int>();
        foreach (var (key, _) in QuickFilters)
        {
            counts[key] = key == "quarantined"
                ? await Filtered(db.FeedbackItems.AsNoTracking().Where(f => f.IsQuarantined)).CountAsync(cancellationToken)
                : await Quick(inbox, key, userId, Now).CountAsync(cancellationToken);
        }

        Counts = counts;
        var selected = Show == "quarantined"
            ? Filtered(db.FeedbackItems.AsNoTracking().Where(f => f.IsQuarantined))
            : Quick(inbox, Show!, userId, Now);
        Total = counts[Show!];

        // The due date follows the arrival time, so "by due date" is oldest waiting item first.
        var ordered = Sort == "due"
            ? selected.OrderBy(f => f.FirstRespondedAt != null).ThenBy(f => f.SubmittedAt).ThenBy(f => f.Id)
            : selected
                .OrderByDescending(f => f.PossibleSafeguarding || f.Flag == FeedbackFlag.SafeguardingConcern)
                .ThenByDescending(f => f.SubmittedAt)
                .ThenByDescending(f => f.Id);
        var page = await ordered
            .Skip((PageNumber - 1) * PageSize)
            .Take(PageSize + 1)
            .Select(f => new Row(
                f.Id, f.Reference, f.SubmittedAt, f.Section, f.Channel, FeedbackItem.StateOf(f.Flag, f.ResponseEntryId != null, f.ResponseEntry != null && f.ResponseEntry.IsPublished, f.FirstLookedAt), f.Flag, f.PossibleSafeguarding,
                f.Text.Length > 160 ? f.Text.Substring(0, 160) + "…" : f.Text,
                f.ResponseEntryId != null,
                f.FirstRespondedAt,
                f.IsQuarantined,
                db.Users.Where(u => u.Id == f.AssignedToUserId).Select(u => u.DisplayName).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        HasNextPage = page.Count > PageSize;
        Items = page.Take(PageSize).ToList();
    }

    public DateTime Now { get; private set; }

    public FirstResponsePromise Promise => promise;

    /// <summary>The address of this page with the current filters and one change.</summary>
    public string Link(string? show = null, int? page = null, string? sort = null)
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
            ["p"] = page is > 1 ? page.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
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
            var pattern = "%" + q.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
                .Replace("_", "\\_", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal) + "%";
            var reference = q.ToUpperInvariant();
            items = items.Where(f => f.Reference == reference || EF.Functions.Like(f.Text, pattern, "\\"));
        }

        return items;
    }

    private IQueryable<FeedbackItem> Quick(IQueryable<FeedbackItem> items, string key, string userId, DateTime now) => key switch
    {
        "due-this-week" => items.DueThisWeek(promise, now),
        "overdue" => items.Overdue(promise, now),
        "new" => items.Where(FeedbackItem.IsNew),
        "safeguarding" => items.Where(f => f.PossibleSafeguarding || f.Flag == FeedbackFlag.SafeguardingConcern),
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
