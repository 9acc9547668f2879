using Engagement.Domain.Common;
using Engagement.Domain.Events;

namespace Engagement.Domain.Forums;

/// <summary>Where an agenda item stands, as the provider who suggested it sees it.</summary>
public enum AgendaItemState
{
    Proposed = 1,
    OnAgenda = 2,
    NotTaken = 3,
}

/// <summary>What a provider (or a commissioner) writes for an agenda item.</summary>
public sealed record AgendaItemDetails(string? Topic, string? WhyItMatters, IReadOnlyList<int> Priorities);

/// <summary>
/// One topic for a provider forum's agenda: suggested by an approved provider of the forum's audience before the
/// cut-off (<see cref="ForumAgenda"/>), or added by a commissioner. A commissioner puts it on the agenda (in order) or
/// not. The provider who suggested it is told about the progress of any "You said, we did" entry that a forum action
/// arising from it becomes, until they stop those emails.
/// </summary>
public sealed class AgendaItem
{
    private readonly List<AgendaItemPriority> _priorities = [];

    private AgendaItem()
    {
    }

    public int Id { get; private set; }
    public int EventId { get; private set; }

    /// <summary>The provider organisation's account that suggested it; null for a commissioner's own item.</summary>
    public string? ProviderUserId { get; private set; }

    public string Topic { get; private set; } = "";
    public string WhyItMatters { get; private set; } = "";
    public AgendaItemState State { get; private set; } = AgendaItemState.Proposed;

    /// <summary>Its place on the agenda (1 first) while it is on the agenda; null otherwise.</summary>
    public int? Position { get; private set; }

    public DateTime SubmittedAt { get; private set; }
    public DateTime? DecidedAt { get; private set; }

    /// <summary>The provider asked (by the one-click link) not to be told about progress any more.</summary>
    public bool ProgressEmailsStopped { get; private set; }

    public Guid Version { get; private set; } = Guid.NewGuid();

    public IReadOnlyList<AgendaItemPriority> Priorities => _priorities.AsReadOnly();

    public bool IsFromProvider => ProviderUserId is not null;

    /// <summary>A provider suggests an item: the forum must take suggestions now and the provider must be of its audience.</summary>
    public static DomainResult<AgendaItem> Propose(Event forum, Registrant provider, string providerUserId, bool agendaPublished, AgendaItemDetails details, DateTime now)
    {
        var allowed = ForumAgenda.CanPropose(forum, provider, agendaPublished, now);
        if (!allowed.Succeeded)
        {
            return allowed.As<AgendaItem>();
        }

        var check = Check(details);
        if (!check.Succeeded)
        {
            return check.As<AgendaItem>();
        }

        var item = new AgendaItem { EventId = forum.Id, ProviderUserId = providerUserId, SubmittedAt = now };
        item.Apply(details);
        return DomainResult<AgendaItem>.Ok(item);
    }

    /// <summary>A commissioner's own item goes straight onto the agenda, at <paramref name="position"/>.</summary>
    public static DomainResult<AgendaItem> AddByCommissioner(Event forum, AgendaItemDetails details, int position, DateTime now)
    {
        if (!forum.IsForProviders)
        {
            return DomainResult<AgendaItem>.Refused("Only provider forums have an agenda here.");
        }

        var check = Check(details);
        if (!check.Succeeded)
        {
            return check.As<AgendaItem>();
        }

        var item = new AgendaItem
        {
            EventId = forum.Id,
            SubmittedAt = now,
            State = AgendaItemState.OnAgenda,
            Position = position,
            DecidedAt = now,
        };
        item.Apply(details);
        return DomainResult<AgendaItem>.Ok(item);
    }

    /// <summary>Required fields and limits (the page shows each beside its field; the handler checks again).</summary>
    public static DomainResult Check(AgendaItemDetails details)
    {
        var errors = new List<ResultError>();
        if (string.IsNullOrWhiteSpace(details.Topic))
        {
            errors.Add(new ResultError(nameof(AgendaItemDetails.Topic), "Enter the topic"));
        }
        else if (details.Topic.Trim().Length > ForumLimits.TopicMaxLength)
        {
            errors.Add(new ResultError(nameof(AgendaItemDetails.Topic), $"The topic must be {ForumLimits.TopicMaxLength:N0} characters or fewer"));
        }

        if (string.IsNullOrWhiteSpace(details.WhyItMatters))
        {
            errors.Add(new ResultError(nameof(AgendaItemDetails.WhyItMatters), "Enter why it matters"));
        }
        else if (details.WhyItMatters.Trim().Length > ForumLimits.WhyItMattersMaxLength)
        {
            errors.Add(new ResultError(nameof(AgendaItemDetails.WhyItMatters), $"Why it matters must be {ForumLimits.WhyItMattersMaxLength:N0} characters or fewer"));
        }

        return errors.Count == 0 ? DomainResult.Ok : new DomainResult(ResultKind.Invalid, errors);
    }

    /// <summary>The provider takes back a suggestion nobody has decided on yet, while suggestions are still open.</summary>
    public DomainResult CheckWithdraw(Event forum, bool agendaPublished, DateTime now)
    {
        if (State != AgendaItemState.Proposed)
        {
            return DomainResult.Refused($"A commissioner has already decided on this item ({State.Name().ToLowerInvariant()}), so it cannot be withdrawn.");
        }

        return ForumAgenda.CheckOpen(forum, agendaPublished, now);
    }

    /// <summary>On the agenda at <paramref name="position"/> (from proposed, or reconsidered after "not taken").</summary>
    public DomainResult PlaceOnAgenda(int position, DateTime now)
    {
        if (State == AgendaItemState.OnAgenda)
        {
            return DomainResult.Refused("This item is already on the agenda.");
        }

        State = AgendaItemState.OnAgenda;
        Position = position;
        DecidedAt = now;
        Version = Guid.NewGuid();
        return DomainResult.Ok;
    }

    /// <summary>Not taken (from proposed, or taken off the agenda). A commissioner's own item cannot be "not taken": it is simply on the agenda or not.</summary>
    public DomainResult NotTake(DateTime now)
    {
        if (State == AgendaItemState.NotTaken)
        {
            return DomainResult.Refused("This item is already marked as not taken.");
        }

        State = AgendaItemState.NotTaken;
        Position = null;
        DecidedAt = now;
        Version = Guid.NewGuid();
        return DomainResult.Ok;
    }

    /// <summary>Renumbers an item on the agenda (the handler keeps positions 1..n).</summary>
    public void MoveTo(int position)
    {
        if (State == AgendaItemState.OnAgenda && Position != position)
        {
            Position = position;
            Version = Guid.NewGuid();
        }
    }

    public void StopProgressEmails() => ProgressEmailsStopped = true;

    private void Apply(AgendaItemDetails details)
    {
        Topic = details.Topic!.Trim();
        WhyItMatters = details.WhyItMatters!.Trim().Replace("\r\n", "\n", StringComparison.Ordinal);
        _priorities.Clear();
        _priorities.AddRange(details.Priorities.Distinct().Order().Select(n => new AgendaItemPriority(n)));
    }
}

public sealed class AgendaItemPriority
{
    private AgendaItemPriority()
    {
    }

    public AgendaItemPriority(int priorityNumber) => PriorityNumber = priorityNumber;

    public int AgendaItemId { get; private set; }
    public int PriorityNumber { get; private set; }
}
