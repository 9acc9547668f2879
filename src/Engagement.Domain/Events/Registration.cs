namespace Engagement.Domain.Events;

/// <summary>A place (or a place on the waiting list) at an event.</summary>
public sealed class Registration
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";

    /// <summary>Lower-cased, trimmed email: one place per address per event.</summary>
    public string NormalisedEmail { get; set; } = "";

    public string? Organisation { get; set; }
    public string? AccessNeeds { get; set; }
    public RegistrationStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ConfirmedAt { get; set; }
    public DateTime? CancelledAt { get; set; }

    /// <summary>SHA-256 of the private link token.</summary>
    public string TokenHash { get; set; } = "";

    /// <summary>The provider account that booked, for provider forums.</summary>
    public string? UserId { get; set; }

    public Guid Version { get; set; } = Guid.NewGuid();
}

/// <summary>Records that a reminder for one registration and one event start time has been queued, so it is sent once.</summary>
public sealed class ReminderSent
{
    public int Id { get; set; }
    public int RegistrationId { get; set; }
    public DateTime EventStartsAt { get; set; }
    public int HoursBefore { get; set; }
    public DateTime QueuedAt { get; set; }
}
