using System.Text.RegularExpressions;
using Engagement.Domain.Common;
using Engagement.Domain.Responses;

namespace Engagement.Domain.Providers;

/// <summary>What a provider says about one engagement: the fields its users may write (never status or moderation).</summary>
public sealed record EngagementDetails(
    string? ServiceName,
    ProviderServiceType? ServiceType,
    string? CqcLocationId,
    DateOnly? HeldOn,
    EngagementKind? Kind,
    int? ParticipantCount,
    EngagementParticipants Participants,
    string? WhatWeHeard,
    string? WhatWeDid,
    DateOnly? TargetDate,
    IReadOnlyList<int> Priorities);

/// <summary>
/// A provider organisation's own "You said, we did" record: one engagement in one of its services, what was heard and
/// what was done. Its status moves through the council's <see cref="StatusWorkflow"/> with an append-only history.
/// Nothing is public until a commissioner approves it, and any change by the provider (an edit or a status move)
/// takes it back to the review queue, so the public only ever sees reviewed text.
/// </summary>
public sealed partial class EngagementRecord
{
    private readonly List<EngagementStatusChange> _history = [];
    private readonly List<EngagementRecordPriority> _priorities = [];

    private EngagementRecord()
    {
    }

    public int Id { get; private set; }

    /// <summary>The provider organisation's account (the organisation is its provider account).</summary>
    public string ProviderUserId { get; private set; } = "";

    public string ServiceName { get; private set; } = "";
    public ProviderServiceType ServiceType { get; private set; }
    public string? CqcLocationId { get; private set; }
    public DateOnly HeldOn { get; private set; }
    public EngagementKind Kind { get; private set; }
    public int ParticipantCount { get; private set; }
    public EngagementParticipants Participants { get; private set; }
    public string WhatWeHeard { get; private set; } = "";
    public string WhatWeDid { get; private set; } = "";
    public DateOnly? TargetDate { get; private set; }
    public ResponseStatus Status { get; private set; } = ResponseStatus.Received;

    public ModerationState Moderation { get; private set; } = ModerationState.WaitingForReview;

    /// <summary>The commissioner's reason when sent back (shown to the provider only).</summary>
    public string? SentBackReason { get; private set; }

    public string? ReviewedByUserId { get; private set; }
    public DateTime? ReviewedAt { get; private set; }
    public DateTime? FirstApprovedAt { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime LastUpdatedAt { get; private set; }

    /// <summary>Optimistic concurrency token: several users of one organisation, and a commissioner, may act on one record.</summary>
    public Guid Version { get; private set; } = Guid.NewGuid();

    public bool IsPublic => Moderation == ModerationState.Approved;

    public IReadOnlyList<EngagementStatusChange> History => _history.AsReadOnly();

    public IReadOnlyList<EngagementRecordPriority> Priorities => _priorities.AsReadOnly();

    public static DomainResult<EngagementRecord> Create(string providerUserId, EngagementDetails details, DateOnly today, string userId, DateTime at)
    {
        var check = Check(details, today);
        if (!check.Succeeded)
        {
            return check.As<EngagementRecord>();
        }

        var record = new EngagementRecord { ProviderUserId = providerUserId, CreatedAt = at };
        record.Apply(details);
        record._history.Add(new EngagementStatusChange(null, ResponseStatus.Received, null, userId, at));
        record.LastUpdatedAt = at;
        return DomainResult<EngagementRecord>.Ok(record);
    }

    /// <summary>The provider changes what the record says: it goes back to the review queue (and off the public pages).</summary>
    public DomainResult Edit(EngagementDetails details, DateOnly today, DateTime at)
    {
        var check = Check(details, today);
        if (!check.Succeeded)
        {
            return check;
        }

        Apply(details);
        BackToReview(at);
        return DomainResult.Ok;
    }

    /// <summary>A status move under the council's rules; the note is public once reviewed, so it goes back to review.</summary>
    public DomainResult ChangeStatus(ResponseStatus to, string? note, DateOnly? targetDate, string userId, DateTime at)
    {
        if (note?.Trim().Length > EngagementRecordLimits.NoteMaxLength)
        {
            return DomainResult.Refused($"The note must be {EngagementRecordLimits.NoteMaxLength:N0} characters or fewer", "Note");
        }

        var check = StatusWorkflow.Check(Status, to, note, targetDate);
        if (!check.Succeeded)
        {
            return check;
        }

        _history.Add(new EngagementStatusChange(Status, to, note, userId, at));
        Status = to;
        if (targetDate is not null)
        {
            TargetDate = targetDate;
        }

        BackToReview(at);
        return DomainResult.Ok;
    }

    /// <summary>A commissioner has checked it for anything identifying: it is public.</summary>
    public DomainResult Approve(string reviewerUserId, DateTime at)
    {
        if (Moderation != ModerationState.WaitingForReview)
        {
            return DomainResult.Refused($"Only a record waiting for review can be approved; this one is {Moderation.Name().ToLowerInvariant()}");
        }

        Moderation = ModerationState.Approved;
        SentBackReason = null;
        ReviewedByUserId = reviewerUserId;
        ReviewedAt = at;
        FirstApprovedAt ??= at;
        Touch(at);
        return DomainResult.Ok;
    }

    /// <summary>A commissioner sends it back to the provider with a reason; it is not public (any more).</summary>
    public DomainResult SendBack(string? reason, string reviewerUserId, DateTime at)
    {
        if (Moderation == ModerationState.SentBack)
        {
            return DomainResult.Refused("The record has already been sent back");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return DomainResult.Refused("Enter the reason: the provider sees it and can correct the record", "Reason");
        }

        if (reason.Trim().Length > EngagementRecordLimits.ReasonMaxLength)
        {
            return DomainResult.Refused($"The reason must be {EngagementRecordLimits.ReasonMaxLength:N0} characters or fewer", "Reason");
        }

        Moderation = ModerationState.SentBack;
        SentBackReason = reason.Trim();
        ReviewedByUserId = reviewerUserId;
        ReviewedAt = at;
        Touch(at);
        return DomainResult.Ok;
    }

    /// <summary>Checks what a provider wrote; errors are keyed by <see cref="EngagementDetails"/> property names.</summary>
    public static DomainResult Check(EngagementDetails d, DateOnly today)
    {
        var errors = new List<ResultError>();
        void Refuse(string property, string message) => errors.Add(new ResultError(property, message));

        if (string.IsNullOrWhiteSpace(d.ServiceName))
        {
            Refuse(nameof(d.ServiceName), "Enter the name of the service");
        }
        else if (d.ServiceName.Trim().Length > EngagementRecordLimits.ServiceNameMaxLength)
        {
            Refuse(nameof(d.ServiceName), $"The name of the service must be {EngagementRecordLimits.ServiceNameMaxLength} characters or fewer");
        }

        if (d.ServiceType is not { } type || !Enum.IsDefined(type))
        {
            Refuse(nameof(d.ServiceType), "Select the type of service");
        }

        if (!string.IsNullOrWhiteSpace(d.CqcLocationId) && !CqcLocation().IsMatch(d.CqcLocationId.Trim()))
        {
            Refuse(nameof(d.CqcLocationId), "Enter a CQC location ID like 1-123456789, or leave it blank");
        }

        if (d.HeldOn is not { } heldOn)
        {
            Refuse(nameof(d.HeldOn), "Enter the date of the engagement");
        }
        else if (heldOn > today)
        {
            Refuse(nameof(d.HeldOn), "The date of the engagement must be today or in the past");
        }

        if (d.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            Refuse(nameof(d.Kind), "Select the kind of engagement");
        }

        if (d.ParticipantCount is not { } count)
        {
            Refuse(nameof(d.ParticipantCount), "Enter how many people took part");
        }
        else if (count < 1 || count > EngagementRecordLimits.MaxParticipants)
        {
            Refuse(nameof(d.ParticipantCount), $"How many people took part must be between 1 and {EngagementRecordLimits.MaxParticipants:N0}");
        }

        const EngagementParticipants all = EngagementParticipants.PeopleUsingTheService | EngagementParticipants.Families | EngagementParticipants.Staff;
        if (d.Participants == EngagementParticipants.None || (d.Participants & ~all) != 0)
        {
            Refuse(nameof(d.Participants), "Select who took part");
        }

        if (string.IsNullOrWhiteSpace(d.WhatWeHeard))
        {
            Refuse(nameof(d.WhatWeHeard), "Enter a summary of what you heard");
        }
        else if (d.WhatWeHeard.Trim().Length > EngagementRecordLimits.HeardMaxLength)
        {
            Refuse(nameof(d.WhatWeHeard), $"What you heard must be {EngagementRecordLimits.HeardMaxLength:N0} characters or fewer");
        }

        if (d.WhatWeDid?.Trim().Length > EngagementRecordLimits.DidMaxLength)
        {
            Refuse(nameof(d.WhatWeDid), $"What you did must be {EngagementRecordLimits.DidMaxLength:N0} characters or fewer");
        }

        return errors.Count == 0 ? DomainResult.Ok : new DomainResult(ResultKind.Invalid, errors);
    }

    private void Apply(EngagementDetails d)
    {
        ServiceName = d.ServiceName!.Trim();
        ServiceType = d.ServiceType!.Value;
        CqcLocationId = string.IsNullOrWhiteSpace(d.CqcLocationId) ? null : d.CqcLocationId.Trim();
        HeldOn = d.HeldOn!.Value;
        Kind = d.Kind!.Value;
        ParticipantCount = d.ParticipantCount!.Value;
        Participants = d.Participants;
        WhatWeHeard = d.WhatWeHeard!.Trim();
        WhatWeDid = d.WhatWeDid?.Trim() ?? "";
        TargetDate = d.TargetDate;
        var wanted = d.Priorities.Distinct().ToHashSet();
        _priorities.RemoveAll(p => !wanted.Contains(p.PriorityNumber));
        foreach (var number in wanted.Where(n => _priorities.All(p => p.PriorityNumber != n)).Order())
        {
            _priorities.Add(new EngagementRecordPriority(number));
        }
    }

    private void BackToReview(DateTime at)
    {
        Moderation = ModerationState.WaitingForReview;
        Touch(at);
    }

    private void Touch(DateTime at)
    {
        LastUpdatedAt = at;
        Version = Guid.NewGuid();
    }

    [GeneratedRegex(@"^1-\d{5,12}$")]
    private static partial Regex CqcLocation();
}

/// <summary>One dated status move of an engagement record. Append-only, like <see cref="StatusChange"/>.</summary>
public sealed class EngagementStatusChange
{
    private EngagementStatusChange()
    {
    }

    internal EngagementStatusChange(ResponseStatus? from, ResponseStatus to, string? note, string changedByUserId, DateTime changedAt)
    {
        FromStatus = from;
        ToStatus = to;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        ChangedByUserId = changedByUserId;
        ChangedAt = changedAt;
    }

    public int Id { get; private set; }
    public int EngagementRecordId { get; private set; }
    public ResponseStatus? FromStatus { get; private set; }
    public ResponseStatus ToStatus { get; private set; }
    public string? Note { get; private set; }
    public string ChangedByUserId { get; private set; } = "";
    public DateTime ChangedAt { get; private set; }
}

/// <summary>A commissioning priority the record serves.</summary>
public sealed class EngagementRecordPriority
{
    private EngagementRecordPriority()
    {
    }

    internal EngagementRecordPriority(int priorityNumber) => PriorityNumber = priorityNumber;

    public int EngagementRecordId { get; private set; }
    public int PriorityNumber { get; private set; }
}
