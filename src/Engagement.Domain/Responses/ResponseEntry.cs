using Engagement.Domain.Common;

namespace Engagement.Domain.Responses;

/// <summary>
/// "You said, we did": the public, commissioner-written entry that answers one or more feedback items.
/// Status changes go through <see cref="ChangeStatus"/>, which records an append-only history.
/// </summary>
public sealed class ResponseEntry
{
    private readonly List<StatusChange> _history = [];

    public int Id { get; set; }

    /// <summary>The public reference used in permalinks, for example WD-2026-0042.</summary>
    public string Reference { get; set; } = "";

    public string Title { get; set; } = "";

    /// <summary>Staff-written, anonymised summary of what people said (never the raw text).</summary>
    public string YouSaidSummary { get; set; } = "";

    /// <summary>What the council did or will do, in a safe Markdown subset (sanitised when rendered).</summary>
    public string WeDidMarkdown { get; set; } = "";

    public ServiceSection Section { get; set; }
    public string OwnerTeam { get; set; } = "";
    public DateOnly? TargetDate { get; set; }
    public ResponseStatus Status { get; private set; } = ResponseStatus.Received;
    public bool IsPublished { get; private set; }
    public DateTime? FirstPublishedAt { get; private set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>When anything the public sees last changed (drives "newest update first").</summary>
    public DateTime LastUpdatedAt { get; set; }

    /// <summary>Optimistic concurrency token: a second editor working from an old version is refused.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public List<ResponseEntryPriority> Priorities { get; set; } = [];
    public List<ResponseEntryEvent> Events { get; set; } = [];
    public IReadOnlyList<StatusChange> History => _history.AsReadOnly();

    public static string FormatReference(int year, int sequence) => $"WD-{year:D4}-{sequence:D4}";

    public static ResponseEntry Create(string reference, string title, string createdByUserId, DateTime at)
    {
        var entry = new ResponseEntry { Reference = reference, Title = title, CreatedAt = at, LastUpdatedAt = at };
        entry._history.Add(new StatusChange(null, ResponseStatus.Received, null, createdByUserId, at));
        return entry;
    }

    public DomainResult ChangeStatus(ResponseStatus to, string? note, DateOnly? targetDate, string userId, DateTime at)
    {
        var check = StatusWorkflow.Check(Status, to, note, targetDate);
        if (!check.Succeeded)
        {
            return check;
        }

        _history.Add(new StatusChange(Status, to, note, userId, at));
        Status = to;
        if (targetDate is not null)
        {
            TargetDate = targetDate;
        }

        Touch(at);
        return DomainResult.Ok;
    }

    public DomainResult Publish(DateTime at)
    {
        if (IsPublished)
        {
            return DomainResult.Refused("The entry is already published");
        }

        if (string.IsNullOrWhiteSpace(Title) || string.IsNullOrWhiteSpace(YouSaidSummary))
        {
            return DomainResult.Refused("Enter a title and a \"You said\" summary before publishing");
        }

        IsPublished = true;
        FirstPublishedAt ??= at;
        Touch(at);
        return DomainResult.Ok;
    }

    public DomainResult Unpublish(DateTime at)
    {
        if (!IsPublished)
        {
            return DomainResult.Refused("The entry is not published");
        }

        IsPublished = false;
        Touch(at);
        return DomainResult.Ok;
    }

    /// <summary>
    /// A feedback item was linked or unlinked (<see cref="Feedback.FeedbackItem.LinkTo"/>): the concurrency version
    /// changes, so an entry form opened before it is refused rather than silently undoing the link.
    /// </summary>
    public void LinkedItemsChanged() => Version = Guid.NewGuid();

    /// <summary>Marks a visible change: bumps the last-updated time and the concurrency version.</summary>
    public void Touch(DateTime at)
    {
        LastUpdatedAt = at;
        Version = Guid.NewGuid();
    }
}

public sealed class ResponseEntryPriority
{
    public int ResponseEntryId { get; set; }
    public int PriorityNumber { get; set; }
}

public sealed class ResponseEntryEvent
{
    public int ResponseEntryId { get; set; }
    public int EventId { get; set; }
}
