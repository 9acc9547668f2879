using Engagement.Domain.Common;
using Engagement.Domain.Events;

namespace Engagement.Domain.Forums;

/// <summary>
/// An action agreed at a provider forum, published with its minutes. It names the agenda items it came from (so their
/// providers can be told about progress) and can become one "You said, we did" entry, once.
/// </summary>
public sealed class ForumAction
{
    private readonly List<ForumActionSource> _sources = [];

    private ForumAction()
    {
    }

    public int Id { get; private set; }
    public int EventId { get; private set; }
    public string Text { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }

    /// <summary>The entry this action became, attributed to the forum and linked to its event.</summary>
    public int? ResponseEntryId { get; private set; }

    public IReadOnlyList<ForumActionSource> Sources => _sources.AsReadOnly();

    /// <summary>
    /// Records an action after the forum. <paramref name="sources"/> must be items that were on this forum's agenda.
    /// </summary>
    public static DomainResult<ForumAction> Record(Event forum, string? text, IReadOnlyCollection<AgendaItem> sources, DateTime now)
    {
        if (ForumAgenda.AudienceType(forum.Audience) is null)
        {
            return DomainResult<ForumAction>.Refused("Only provider forums have actions here.");
        }

        if (!forum.HasEnded(now) || forum.IsCancelled)
        {
            return DomainResult<ForumAction>.Refused("You can record actions once the forum has taken place.", "Text");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return DomainResult<ForumAction>.Refused("Enter the action", "Text");
        }

        if (text.Trim().Length > ForumLimits.ActionMaxLength)
        {
            return DomainResult<ForumAction>.Refused($"The action must be {ForumLimits.ActionMaxLength:N0} characters or fewer", "Text");
        }

        if (sources.Any(s => s.EventId != forum.Id || s.State != AgendaItemState.OnAgenda))
        {
            return DomainResult<ForumAction>.Refused("Select agenda items from this forum's agenda", "AgendaItemIds");
        }

        var action = new ForumAction { EventId = forum.Id, Text = text.Trim(), CreatedAt = now };
        action._sources.AddRange(sources.Select(s => new ForumActionSource(s.Id)));
        return DomainResult<ForumAction>.Ok(action);
    }

    /// <summary>Whether this action may become an entry now.</summary>
    public DomainResult CheckCanBecomeEntry() => ResponseEntryId is null
        ? DomainResult.Ok
        : DomainResult.Refused("This forum action already has a \"You said, we did\" entry.");

    public DomainResult BecameEntry(int responseEntryId)
    {
        var check = CheckCanBecomeEntry();
        if (!check.Succeeded)
        {
            return check;
        }

        ResponseEntryId = responseEntryId;
        return DomainResult.Ok;
    }
}

/// <summary>An agenda item an action came from.</summary>
public sealed class ForumActionSource
{
    private ForumActionSource()
    {
    }

    public ForumActionSource(int agendaItemId) => AgendaItemId = agendaItemId;

    public int ForumActionId { get; private set; }
    public int AgendaItemId { get; private set; }
}
