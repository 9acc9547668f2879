using Engagement.Domain.Common;

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

    /// <summary>Holds (or held) a place: confirmed, attended or marked as not attending.</summary>
    public bool HasPlace => Status is RegistrationStatus.Confirmed or RegistrationStatus.Attended or RegistrationStatus.NoShow;

    /// <summary>Cancels a confirmed or waitlisted registration; says whether a confirmed place was freed.</summary>
    public DomainResult<bool> Cancel(DateTime now)
    {
        if (Status is not (RegistrationStatus.Confirmed or RegistrationStatus.Waitlisted))
        {
            return DomainResult<bool>.Refused(Status == RegistrationStatus.Cancelled
                ? "This booking is already cancelled."
                : "This booking can no longer be cancelled.");
        }

        var freed = Status == RegistrationStatus.Confirmed;
        Status = RegistrationStatus.Cancelled;
        CancelledAt = now;
        Version = Guid.NewGuid();
        return DomainResult<bool>.Ok(freed);
    }

    /// <summary>Moves someone from the waiting list to a confirmed place.</summary>
    public DomainResult Promote(DateTime now)
    {
        if (Status != RegistrationStatus.Waitlisted)
        {
            return DomainResult.Refused("Only someone on the waiting list can be given a place.");
        }

        Status = RegistrationStatus.Confirmed;
        ConfirmedAt = now;
        Version = Guid.NewGuid();
        return DomainResult.Ok;
    }

    // Data protection (issue 11).

    /// <summary>When the name, email, organisation and access needs were removed (on request or after the event).</summary>
    public DateTime? PersonalDetailsDeletedAt { get; set; }

    /// <summary>The person asked for no more reminder emails for this booking.</summary>
    public bool RemindersStopped { get; set; }

    /// <summary>What the normalised email becomes once removed: unique per registration, so the one-place-per-address index holds.</summary>
    public const string RemovedEmailPrefix = "removed:";

    public static string RemovedEmailKey(int id) => RemovedEmailPrefix + id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public DomainResult StopReminders()
    {
        RemindersStopped = true;
        return DomainResult.Ok;
    }

    /// <summary>Removes the person's details; a booking that still holds or awaits a place must be cancelled first.</summary>
    public DomainResult RemovePersonalDetails(DateTime at)
    {
        if (Status is RegistrationStatus.Confirmed or RegistrationStatus.Waitlisted)
        {
            return DomainResult.Refused("Cancel the booking before removing your details.");
        }

        Name = "";
        Email = "";
        NormalisedEmail = RemovedEmailKey(Id);
        Organisation = null;
        AccessNeeds = null;
        RemindersStopped = true;
        PersonalDetailsDeletedAt ??= at;
        Version = Guid.NewGuid();
        return DomainResult.Ok;
    }

    /// <summary>Staff record attendance for someone with a place (and may correct it).</summary>
    public DomainResult MarkAttendance(bool attended)
    {
        if (!HasPlace)
        {
            return DomainResult.Refused("Only people with a confirmed place can be marked as attended or not.");
        }

        Status = attended ? RegistrationStatus.Attended : RegistrationStatus.NoShow;
        Version = Guid.NewGuid();
        return DomainResult.Ok;
    }
}

/// <summary>The waiting list order: the earliest registration first (by when it was made, then by id).</summary>
public static class WaitingList
{
    public static IQueryable<Registration> InPromotionOrder(this IQueryable<Registration> registrations) =>
        registrations.Where(r => r.Status == RegistrationStatus.Waitlisted).OrderBy(r => r.CreatedAt).ThenBy(r => r.Id);

    public static Registration? NextToPromote(IEnumerable<Registration> registrations) =>
        registrations.AsQueryable().InPromotionOrder().FirstOrDefault();
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
