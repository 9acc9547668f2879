using Engagement.Domain.Common;
using Engagement.Domain.Consultations;
using Engagement.Domain.Events;
using Engagement.Domain.Responses;

namespace Engagement.Domain.Alerts;

public enum AlertFrequency
{
    Immediately = 1,
    Daily = 2,
    Weekly = 3,
}

/// <summary>What a subscription follows, as chosen on the form.</summary>
public sealed record AlertChoices(
    IReadOnlyList<int> Priorities,
    IReadOnlyList<ServiceSection> Sections,
    IReadOnlyList<ResponseStatus> Statuses,
    bool NewConsultations = false,
    IReadOnlyList<Guid>? EventSeries = null,
    IReadOnlyList<EventAudience>? EventAudiences = null)
{
    public IReadOnlyList<Guid> Series => EventSeries ?? [];

    public IReadOnlyList<EventAudience> Audiences => EventAudiences ?? [];

    /// <summary>How many boxes were ticked ("new consultations" counts as one).</summary>
    public int Count => Priorities.Count + Sections.Count + Statuses.Count + Series.Count + Audiences.Count + (NewConsultations ? 1 : 0);
}

/// <summary>
/// An email address following, with no account: published entries by priority, section and status; new consultations
/// (narrowed by the same priorities and sections); and events by forum audience or quarterly series. Nothing is sent
/// until it is confirmed through the single-use link. The watermarks (<see cref="LastStatusChangeId"/>,
/// <see cref="LastEventChangeId"/>, <see cref="ConsultationsCheckedUpTo"/>) say what has been considered, so an alert
/// is never sent twice for the same change; the job moves all three together in one conditional update.
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

    /// <summary>Whether consultations are followed as they open.</summary>
    public bool NewConsultations { get; private set; }

    /// <summary>Event series ids ("N" format) and forum audiences followed, comma-separated.</summary>
    public string EventSeries { get; private set; } = "";
    public string EventAudiences { get; private set; } = "";

    public string ConfirmTokenHash { get; private set; } = "";
    public string ManageStamp { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime? ConfirmedAt { get; private set; }
    public int LastStatusChangeId { get; private set; }

    /// <summary>The watermark for events: every <see cref="EventChange"/> up to this id has been considered.</summary>
    public int LastEventChangeId { get; private set; }

    /// <summary>The watermark for consultations: every consultation that opened up to this time has been considered.</summary>
    public DateTime? ConsultationsCheckedUpTo { get; private set; }

    /// <summary>For daily and weekly summaries: when the next one may go.</summary>
    public DateTime? NextSummaryAt { get; private set; }

    public static AlertSubscription Create(string email, AlertFrequency frequency, AlertChoices choices, string confirmTokenHash, string manageStamp, DateTime now) => new()
    {
        Email = email.Trim().ToLowerInvariant(),
        Frequency = frequency,
        Priorities = string.Join(",", choices.Priorities.Distinct().Order()),
        Sections = string.Join(",", choices.Sections.Distinct().Order()),
        Statuses = string.Join(",", choices.Statuses.Distinct().Order()),
        NewConsultations = choices.NewConsultations,
        EventSeries = string.Join(",", choices.Series.Distinct().Order().Select(g => g.ToString("N"))),
        EventAudiences = string.Join(",", choices.Audiences.Distinct().Order()),
        ConfirmTokenHash = confirmTokenHash,
        ManageStamp = manageStamp,
        CreatedAt = now,
    };

    public IReadOnlyList<int> PriorityNumbers => Priorities.Length == 0 ? [] : Priorities.Split(',').Select(int.Parse).ToList();
    public IReadOnlyList<ServiceSection> SectionList => Sections.Length == 0 ? [] : Sections.Split(',').Select(Enum.Parse<ServiceSection>).ToList();
    public IReadOnlyList<ResponseStatus> StatusList => Statuses.Length == 0 ? [] : Statuses.Split(',').Select(Enum.Parse<ResponseStatus>).ToList();
    public IReadOnlyList<Guid> SeriesList => EventSeries.Length == 0 ? [] : EventSeries.Split(',').Select(Guid.Parse).ToList();
    public IReadOnlyList<EventAudience> AudienceList => EventAudiences.Length == 0 ? [] : EventAudiences.Split(',').Select(Enum.Parse<EventAudience>).ToList();

    /// <summary>Entries are followed when at least one priority, section or status is chosen.</summary>
    public bool FollowsEntries => Priorities.Length + Sections.Length + Statuses.Length > 0;

    /// <summary>Does a change to <paramref name="status"/> of an entry in this section with these priorities concern this subscription?</summary>
    public bool Matches(ServiceSection section, IReadOnlyCollection<int> priorities, ResponseStatus status)
    {
        var byStatus = StatusList;
        return FollowsEntries && MatchesTopic(section, priorities) && (byStatus.Count == 0 || byStatus.Contains(status));
    }

    /// <summary>
    /// Does a consultation opening concern this subscription? Only when new consultations are followed, narrowed by the
    /// priorities and sections chosen (statuses do not apply); never one by invitation only, which nobody following
    /// could answer.
    /// </summary>
    public bool MatchesConsultation(ServiceSection section, IReadOnlyCollection<int> priorities, ConsultationAudience audience) =>
        NewConsultations && audience != ConsultationAudience.InvitationOnly && MatchesTopic(section, priorities);

    /// <summary>Does a change to an event in this series and for this audience concern this subscription? Either counts.</summary>
    public bool MatchesEvent(Guid? seriesId, EventAudience audience) =>
        (seriesId is { } series && SeriesList.Contains(series)) || AudienceList.Contains(audience);

    /// <summary>Confirms once; from then on, only changes after <paramref name="latestChangeId"/>, <paramref name="latestEventChangeId"/> and now are sent.</summary>
    public bool Confirm(DateTime now, int latestChangeId, int latestEventChangeId)
    {
        if (ConfirmedAt is not null)
        {
            return false;
        }

        ConfirmedAt = now;
        ConfirmTokenHash = "";
        LastStatusChangeId = latestChangeId;
        LastEventChangeId = latestEventChangeId;
        ConsultationsCheckedUpTo = now;
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

    private bool MatchesTopic(ServiceSection section, IReadOnlyCollection<int> priorities)
    {
        var byPriority = PriorityNumbers;
        var bySection = SectionList;
        return (byPriority.Count == 0 || byPriority.Any(priorities.Contains))
            && (bySection.Count == 0 || bySection.Contains(section));
    }
}
