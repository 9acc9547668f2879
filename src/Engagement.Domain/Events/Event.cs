using Engagement.Domain.Common;

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

    /// <summary>
    /// The calendar file's SEQUENCE (RFC 5545): it grows with every change, never shrinks, so a calendar app replaces
    /// its copy when the event moves (earlier or later), changes or is cancelled.
    /// </summary>
    public int CalendarSequence { get; private set; }

    public List<EventPriority> Priorities { get; set; } = [];

    public int PlacesLeft => Math.Max(0, Capacity - ConfirmedCount);

    public bool HasEnded(DateTime now) => EndsAt <= now;

    /// <summary>
    /// Confirm or waitlist: a place while confirmed places are below capacity, the waiting list otherwise. The booking
    /// handler applies the same rule as one conditional UPDATE in the database, so concurrent bookings never overbook.
    /// </summary>
    public RegistrationStatus DecidePlace() => ConfirmedCount < Capacity ? RegistrationStatus.Confirmed : RegistrationStatus.Waitlisted;

    /// <summary>Takes a place if there is one, and says whether the registration is confirmed or waitlisted.</summary>
    public RegistrationStatus TakePlace()
    {
        var decision = DecidePlace();
        if (decision == RegistrationStatus.Confirmed)
        {
            ConfirmedCount++;
        }

        return decision;
    }

    /// <summary>Whether registration is open now: not cancelled, inside the window, and before the start.</summary>
    public DomainResult CheckRegistrationWindow(DateTime now)
    {
        if (IsCancelled)
        {
            return DomainResult.Refused("This event has been cancelled.");
        }

        if (now >= StartsAt)
        {
            return DomainResult.Refused("This event has already started, so you cannot book a place.");
        }

        if (now < RegistrationOpensAt)
        {
            return DomainResult.Refused($"Booking opens on {UkTime.FromUtc(RegistrationOpensAt).ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"))} at {UkTime.Clock(UkTime.FromUtc(RegistrationOpensAt))}.");
        }

        if (now >= RegistrationClosesAt)
        {
            return DomainResult.Refused("Booking for this event has closed.");
        }

        return DomainResult.Ok;
    }

    /// <summary>Who may book: anyone, approved providers of the matching kind of care, or nobody (invitation only).</summary>
    public DomainResult CheckAudience(Registrant registrant) => Audience switch
    {
        EventAudience.Anyone => DomainResult.Ok,
        EventAudience.InvitationOnly => DomainResult.Refused("This event is by invitation only. Contact us if you think you should have been invited."),
        EventAudience.CareHomeProviders => CheckProvider(registrant, ProviderType.CareHome, "care home providers"),
        EventAudience.HomeCareProviders => CheckProvider(registrant, ProviderType.HomeCare, "home care providers"),
        _ => DomainResult.Refused("You cannot book a place on this event."),
    };

    /// <summary>The window, then the audience.</summary>
    public DomainResult CanRegister(DateTime now, Registrant registrant)
    {
        var window = CheckRegistrationWindow(now);
        return window.Succeeded ? CheckAudience(registrant) : window;
    }

    public bool IsForProviders => Audience is EventAudience.CareHomeProviders or EventAudience.HomeCareProviders;

    public DomainResult Cancel(DateTime now)
    {
        if (IsCancelled)
        {
            return DomainResult.Refused("This event is already cancelled.");
        }

        if (HasEnded(now))
        {
            return DomainResult.Refused("This event has already taken place.");
        }

        IsCancelled = true;
        CancelledAt = now;
        Revise();
        return DomainResult.Ok;
    }

    /// <summary>Records a change people's calendars should pick up.</summary>
    public void Revise() => CalendarSequence++;

    /// <summary>Moves the event. Reminders follow the new start time (they are recorded per start time).</summary>
    public DomainResult Reschedule(DateTime startsAt, DateTime endsAt, DateTime now)
    {
        if (IsCancelled)
        {
            return DomainResult.Refused("A cancelled event cannot be moved.");
        }

        var times = CheckTimes(startsAt, endsAt, RegistrationOpensAt, RegistrationClosesAt);
        if (!times.Succeeded)
        {
            return times;
        }

        if (startsAt <= now)
        {
            return DomainResult.Refused("The new start must be in the future.", "StartDate");
        }

        StartsAt = startsAt;
        EndsAt = endsAt;
        return DomainResult.Ok;
    }

    public static DomainResult CheckTimes(DateTime startsAt, DateTime endsAt, DateTime opensAt, DateTime closesAt)
    {
        if (endsAt <= startsAt)
        {
            return DomainResult.Refused("The end must be after the start.", "EndTime");
        }

        if (closesAt <= opensAt)
        {
            return DomainResult.Refused("Booking must close after it opens.", "ClosesDate");
        }

        if (closesAt > startsAt)
        {
            return DomainResult.Refused("Booking must close before the event starts.", "ClosesDate");
        }

        return DomainResult.Ok;
    }

    /// <summary>Capacity may grow or shrink, but never below the places already confirmed.</summary>
    public DomainResult ChangeCapacity(int capacity)
    {
        if (capacity < 1 || capacity > EventLimits.MaxCapacity)
        {
            return DomainResult.Refused($"Capacity must be between 1 and {EventLimits.MaxCapacity:N0}.", "Capacity");
        }

        if (capacity < ConfirmedCount)
        {
            return DomainResult.Refused($"Capacity cannot be less than the {ConfirmedCount} places already confirmed.", "Capacity");
        }

        Capacity = capacity;
        return DomainResult.Ok;
    }

    /// <summary>
    /// A quarterly series: the first date and then every three months, <paramref name="count"/> in all, each at the same
    /// UK wall-clock time (so 10am stays 10am across the clocks changing). Returns UTC start and end times.
    /// </summary>
    public static DomainResult<IReadOnlyList<(DateTime StartsAt, DateTime EndsAt)>> QuarterlySeries(DateTime firstLocalStart, DateTime firstLocalEnd, TimeZoneInfo zone, int count = 4)
    {
        if (firstLocalEnd <= firstLocalStart)
        {
            return DomainResult<IReadOnlyList<(DateTime, DateTime)>>.Refused("The end must be after the start.", "EndTime");
        }

        var duration = firstLocalEnd - firstLocalStart;
        var dates = new List<(DateTime, DateTime)>();
        for (var i = 0; i < count; i++)
        {
            var localStart = DateTime.SpecifyKind(SameWeekdayOfMonth(firstLocalStart, 3 * i), DateTimeKind.Unspecified);
            var localEnd = localStart + duration;
            if (zone.IsInvalidTime(localStart) || zone.IsInvalidTime(localEnd))
            {
                return DomainResult<IReadOnlyList<(DateTime, DateTime)>>.Refused(
                    $"The clocks go forward at that time on {localStart:d MMMM yyyy}. Choose another time.", "StartTime");
            }

            dates.Add((TimeZoneInfo.ConvertTimeToUtc(localStart, zone), TimeZoneInfo.ConvertTimeToUtc(localEnd, zone)));
        }

        return DomainResult<IReadOnlyList<(DateTime, DateTime)>>.Ok(dates);
    }

    /// <summary>
    /// The same weekday in the same week of the month, <paramref name="months"/> later: the second Tuesday stays the
    /// second Tuesday (a forum never moves to a weekend), and a fifth weekday becomes the last one of that month.
    /// </summary>
    public static DateTime SameWeekdayOfMonth(DateTime first, int months)
    {
        var week = (first.Day - 1) / 7; // 0 = first, 4 = fifth
        var month = new DateTime(first.Year, first.Month, 1).AddMonths(months);
        var firstWeekday = month.AddDays(((int)first.DayOfWeek - (int)month.DayOfWeek + 7) % 7);
        var day = firstWeekday.AddDays(7 * Math.Min(week, 3));
        if (week == 4)
        {
            while (day.AddDays(7).Month == month.Month)
            {
                day = day.AddDays(7);
            }
        }

        return day.Add(first.TimeOfDay);
    }

    private static DomainResult CheckProvider(Registrant registrant, ProviderType type, string audienceName)
    {
        if (!registrant.HasProviderAccount)
        {
            return DomainResult.Refused($"This forum is for {audienceName}. Sign in with your provider account to book a place, or register your organisation.");
        }

        if (!registrant.Provides(type))
        {
            return DomainResult.Refused($"This forum is for {audienceName}. Your provider account is not registered as a {type.Name().ToLowerInvariant()} provider.");
        }

        if (!registrant.IsApproved)
        {
            return DomainResult.Refused("Your provider account is waiting to be approved by a commissioner. You can book forums once it is approved.");
        }

        return DomainResult.Ok;
    }
}

public sealed class EventPriority
{
    public int EventId { get; set; }
    public int PriorityNumber { get; set; }
}
