using Engagement.Domain.Common;

namespace Engagement.Domain.Privacy;

public enum DataRequestKind
{
    Access = 1,
    Erasure = 2,
    Rectification = 3,
    Objection = 4,
}

public enum DueState
{
    OnTime = 1,
    DueSoon = 2,
    Overdue = 3,
}

/// <summary>What staff decided about safeguarding feedback found for an erasure request.</summary>
public enum SafeguardingDecision
{
    /// <summary>Keep the safeguarding items (and their holds); erase everything else.</summary>
    Keep = 1,

    /// <summary>The safeguarding team agreed: release any hold and erase those items too.</summary>
    ReleaseAndErase = 2,
}

/// <summary>
/// A request from the public under UK GDPR, as staff recorded it. It holds no personal data: who asked is in the
/// council's case system (<see cref="CaseReference"/>); the address or reference searched is never stored.
/// </summary>
public sealed class DataRequest
{
    /// <summary>Days before the due date from which a request is shown as due soon.</summary>
    public const int DueSoonDays = 7;

    public int Id { get; private set; }
    public DataRequestKind Kind { get; private set; }
    public DateOnly ReceivedOn { get; private set; }

    /// <summary>One calendar month after receipt (the last day of the month when that month is shorter).</summary>
    public DateOnly DueOn { get; private set; }

    public string? CaseReference { get; private set; }
    public string RecordedByUserId { get; private set; } = "";
    public DateTime RecordedAt { get; private set; }
    public string? ErasureReason { get; private set; }
    public SafeguardingDecision? SafeguardingDecision { get; private set; }
    public DateTime? ErasedAt { get; private set; }
    public DateTime? CompletedAt { get; private set; }
    public string? CompletedByUserId { get; private set; }

    public bool IsOpen => CompletedAt is null;

    public static DateOnly DueDate(DateOnly receivedOn) => receivedOn.AddMonths(1);

    public static DomainResult<DataRequest> Record(DataRequestKind kind, DateOnly receivedOn, string? caseReference, string userId, DateTime at)
    {
        if (!Enum.IsDefined(kind))
        {
            return DomainResult<DataRequest>.Refused("Select the kind of request", "Kind");
        }

        if (receivedOn > DateOnly.FromDateTime(at))
        {
            return DomainResult<DataRequest>.Refused("The date received must be today or in the past", "ReceivedOn");
        }

        var reference = string.IsNullOrWhiteSpace(caseReference) ? null : caseReference.Trim();
        if (reference?.Length > 50)
        {
            return DomainResult<DataRequest>.Refused("The case reference must be 50 characters or fewer", "CaseReference");
        }

        return DomainResult<DataRequest>.Ok(new DataRequest
        {
            Kind = kind,
            ReceivedOn = receivedOn,
            DueOn = DueDate(receivedOn),
            CaseReference = reference,
            RecordedByUserId = userId,
            RecordedAt = at,
        });
    }

    public DueState DueState(DateOnly today) =>
        today > DueOn ? Privacy.DueState.Overdue : DueOn.DayNumber - today.DayNumber <= DueSoonDays ? Privacy.DueState.DueSoon : Privacy.DueState.OnTime;

    public DomainResult RecordErasure(string? reason, SafeguardingDecision? decision, DateTime at)
    {
        if (!IsOpen)
        {
            return DomainResult.Refused("This request is already completed", "Reason");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return DomainResult.Refused("Enter the reason for the erasure", "Reason");
        }

        if (reason.Trim().Length > 500)
        {
            return DomainResult.Refused("The reason must be 500 characters or fewer", "Reason");
        }

        ErasureReason = reason.Trim();
        SafeguardingDecision = decision ?? SafeguardingDecision;
        ErasedAt = at;
        return DomainResult.Ok;
    }

    public DomainResult Complete(string userId, DateTime at)
    {
        if (!IsOpen)
        {
            return DomainResult.Refused("This request is already completed");
        }

        CompletedAt = at;
        CompletedByUserId = userId;
        return DomainResult.Ok;
    }
}
