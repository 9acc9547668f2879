using Engagement.Domain.Common;
using Engagement.Domain.Responses;

namespace Engagement.Domain.Alerts;

public enum AlertFrequency
{
    Immediately = 1,
    Daily = 2,
    Weekly = 3,
}

/// <summary>
/// An email address following published entries by priority, section and status ("Get emails about this"), with no
/// account. Nothing is sent until it is confirmed through the single-use link; the manage token (hashed) is in every
/// alert's manage and one-click unsubscribe links. <see cref="LastStatusChangeId"/> is the watermark: every status
/// change up to it has been considered, so an alert is never sent twice for the same change.
/// </summary>
public sealed class AlertSubscription
{
    public const int MaxChoices = 40;

    private AlertSubscription()
    {
    }

    public int Id { get; private set; }
    public string Email { get; private set; } = "";
    public AlertFrequency Frequency { get; private set; }

    /// <summary>Priority numbers, sections and statuses followed, comma-separated; an empty list matches anything.</summary>
    public string Priorities { get; private set; } = "";
    public string Sections { get; private set; } = "";
    public string Statuses { get; private set; } = "";

    public string ConfirmTokenHash { get; private set; } = "";
    public string ManageStamp { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime? ConfirmedAt { get; private set; }
    public int LastStatusChangeId { get; private set; }

    /// <summary>For daily and weekly summaries: when the next one may go.</summary>
    public DateTime? NextSummaryAt { get; private set; }

    public static AlertSubscription Create(string email, AlertFrequency frequency, IEnumerable<int> priorities, IEnumerable<ServiceSection> sections, IEnumerable<ResponseStatus> statuses, string confirmTokenHash, string manageStamp, DateTime now) => new()
    {
        Email = email.Trim().ToLowerInvariant(),
        Frequency = frequency,
        Priorities = string.Join(",", priorities.Distinct().Order()),
        Sections = string.Join(",", sections.Distinct().Order()),
        Statuses = string.Join(",", statuses.Distinct().Order()),
        ConfirmTokenHash = confirmTokenHash,
        ManageStamp = manageStamp,
        CreatedAt = now,
    };

    public IReadOnlyList<int> PriorityNumbers => Priorities.Length == 0 ? [] : Priorities.Split(',').Select(int.Parse).ToList();
    public IReadOnlyList<ServiceSection> SectionList => Sections.Length == 0 ? [] : Sections.Split(',').Select(Enum.Parse<ServiceSection>).ToList();
    public IReadOnlyList<ResponseStatus> StatusList => Statuses.Length == 0 ? [] : Statuses.Split(',').Select(Enum.Parse<ResponseStatus>).ToList();

    /// <summary>Does a change to <paramref name="status"/> of an entry in this section with these priorities concern this subscription?</summary>
    public bool Matches(ServiceSection section, IReadOnlyCollection<int> priorities, ResponseStatus status)
    {
        var byPriority = PriorityNumbers;
        var bySection = SectionList;
        var byStatus = StatusList;
        return (byPriority.Count == 0 || byPriority.Any(priorities.Contains))
            && (bySection.Count == 0 || bySection.Contains(section))
            && (byStatus.Count == 0 || byStatus.Contains(status));
    }

    /// <summary>Confirms once; from then on, only changes after <paramref name="latestChangeId"/> are sent.</summary>
    public bool Confirm(DateTime now, int latestChangeId)
    {
        if (ConfirmedAt is not null)
        {
            return false;
        }

        ConfirmedAt = now;
        ConfirmTokenHash = "";
        LastStatusChangeId = latestChangeId;
        NextSummaryAt = NextSummaryAfter(now);
        return true;
    }

    /// <summary>When the summary after one sent at <paramref name="now"/> is due.</summary>
    public DateTime? NextSummaryAfter(DateTime now) => Frequency switch
    {
        AlertFrequency.Daily => now.AddDays(1),
        AlertFrequency.Weekly => now.AddDays(7),
        _ => null,
    };
}
