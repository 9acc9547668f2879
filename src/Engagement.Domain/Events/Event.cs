namespace Engagement.Domain.Events;

/// <summary>A co-production workshop, a provider forum or another engagement event. Times are stored as UTC.</summary>
public sealed class Event
{
    public int Id { get; set; }
    public EventKind Kind { get; set; }
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }
    public AttendanceMode Mode { get; set; }
    public string? Venue { get; set; }
    public string? AccessibilityInformation { get; set; }

    /// <summary>Sent only to confirmed attendees; never shown on public pages.</summary>
    public string? JoiningLink { get; set; }

    public int Capacity { get; set; }

    /// <summary>How many places are confirmed; changed only by a conditional update so it never exceeds capacity.</summary>
    public int ConfirmedCount { get; set; }

    public DateTime RegistrationOpensAt { get; set; }
    public DateTime RegistrationClosesAt { get; set; }
    public EventAudience Audience { get; set; }

    /// <summary>Events created together as a quarterly series share this id.</summary>
    public Guid? SeriesId { get; set; }

    public bool IsCancelled { get; set; }
    public DateTime? CancelledAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();

    public List<EventPriority> Priorities { get; set; } = [];
}

public sealed class EventPriority
{
    public int EventId { get; set; }
    public int PriorityNumber { get; set; }
}
