using Engagement.Domain.Common;
using Engagement.Domain.Responses;
using Engagement.Infrastructure.Text;

namespace Engagement.Web.Features.Responses;

/// <summary>
/// What the public sees of one entry, as rendered by Pages/Shared/_EntryBody.cshtml: the staff preview and the public
/// entry page use the same model and the same partial. The timeline never names the staff member.
/// </summary>
public sealed record EntryView(
    string Reference,
    string Title,
    string YouSaidSummary,
    SanitizedHtml WeDid,
    ResponseStatus Status,
    ServiceSection Section,
    string OwnerTeam,
    DateOnly? TargetDate,
    DateTime LastUpdatedAt,
    IReadOnlyList<int> Priorities,
    IReadOnlyList<EntryTimelineItem> Timeline)
{
    public static EntryView From(ResponseEntry entry, SafeMarkdown markdown) => new(
        entry.Reference,
        entry.Title,
        entry.YouSaidSummary,
        markdown.Render(entry.WeDidMarkdown),
        entry.Status,
        entry.Section,
        entry.OwnerTeam,
        entry.TargetDate,
        entry.LastUpdatedAt,
        entry.Priorities.Select(p => p.PriorityNumber).Order().ToList(),
        EntryTimelineItem.From(entry.History));
}

/// <summary>One dated line of an entry's public history.</summary>
public sealed record EntryTimelineItem(DateTime At, ResponseStatus Status, string? Note)
{
    public static IReadOnlyList<EntryTimelineItem> From(IEnumerable<StatusChange> history) =>
        history.OrderBy(h => h.ChangedAt).ThenBy(h => h.Id).Select(h => new EntryTimelineItem(h.ChangedAt, h.ToStatus, h.Note)).ToList();
}
