using Engagement.Domain.Events;
using Engagement.Web.Features.Feedback;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Engagement.Web.Features.Events;

/// <summary>What staff may enter about an event. Dates and times are UK local time.</summary>
public sealed class EventFormInput
{
    public EventKind? Kind { get; set; }
    public string? Title { get; set; }
    public string? Description { get; set; }
    public DateOnly? StartDate { get; set; }
    public TimeOnly? StartTime { get; set; }
    public TimeOnly? EndTime { get; set; }
    public AttendanceMode? Mode { get; set; }
    public string? Venue { get; set; }
    public string? AccessibilityInformation { get; set; }
    public string? JoiningLink { get; set; }
    public int? Capacity { get; set; }
    public DateOnly? OpensDate { get; set; }
    public DateOnly? ClosesDate { get; set; }
    public EventAudience? Audience { get; set; }
    public List<int> Priorities { get; set; } = [];
    public Guid Version { get; set; }

    public static EventFormInput From(Event ev) => new()
    {
        Kind = ev.Kind,
        Title = ev.Title,
        Description = ev.Description,
        StartDate = DateOnly.FromDateTime(UkTime.FromUtc(ev.StartsAt)),
        StartTime = TimeOnly.FromDateTime(UkTime.FromUtc(ev.StartsAt)),
        EndTime = TimeOnly.FromDateTime(UkTime.FromUtc(ev.EndsAt)),
        Mode = ev.Mode,
        Venue = ev.Venue,
        AccessibilityInformation = ev.AccessibilityInformation,
        JoiningLink = ev.JoiningLink,
        Capacity = ev.Capacity,
        OpensDate = DateOnly.FromDateTime(UkTime.FromUtc(ev.RegistrationOpensAt)),
        ClosesDate = DateOnly.FromDateTime(UkTime.FromUtc(ev.RegistrationClosesAt).AddTicks(-1)),
        Audience = ev.Audience,
        Priorities = ev.Priorities.Select(p => p.PriorityNumber).Order().ToList(),
        Version = ev.Version,
    };
}

/// <summary>Server-side checks for the staff event forms, turning UK local times into UTC.</summary>
public static class EventForm
{
    public static bool IsForum(EventKind kind) => kind is EventKind.CareHomeProviderForum or EventKind.HomeCareProviderForum;

    public static EventAudience ForumAudience(EventKind kind) =>
        kind == EventKind.CareHomeProviderForum ? EventAudience.CareHomeProviders : EventAudience.HomeCareProviders;

    /// <summary>Adds errors to <paramref name="modelState"/>; returns the details when everything is valid.</summary>
    /// <param name="series">A quarterly forum series: forum kinds only, audience from the kind, booking opens now.</param>
    public static EventDetails? Validate(ModelStateDictionary modelState, EventFormInput input, IEnumerable<PriorityChoice> live, DateTime now, bool series = false)
    {
        if (input.Kind is null || !Enum.IsDefined(input.Kind.Value) || (series && !IsForum(input.Kind.Value)))
        {
            modelState.AddModelError("Input.Kind", series ? "Select which provider forum" : "Select the type of event");
        }

        Text(modelState, "Input.Title", input.Title, EventLimits.TitleMaxLength, "Enter a title", "Title");
        Text(modelState, "Input.Description", input.Description, EventLimits.DescriptionMaxLength, "Enter a description", "Description");
        if (input.StartDate is null)
        {
            modelState.AddModelError("Input.StartDate", "Enter the date of the event");
        }

        if (input.StartTime is null)
        {
            modelState.AddModelError("Input.StartTime", "Enter the start time, like 10:00");
        }

        if (input.EndTime is null)
        {
            modelState.AddModelError("Input.EndTime", "Enter the end time, like 12:00");
        }
        else if (input.StartTime is not null && input.EndTime <= input.StartTime)
        {
            modelState.AddModelError("Input.EndTime", "The end time must be after the start time");
        }

        if (input.Mode is null || !Enum.IsDefined(input.Mode.Value))
        {
            modelState.AddModelError("Input.Mode", "Select how people take part");
        }
        else if (input.Mode != AttendanceMode.Online && string.IsNullOrWhiteSpace(input.Venue))
        {
            modelState.AddModelError("Input.Venue", "Enter the venue for an in-person event");
        }

        Optional(modelState, "Input.Venue", input.Venue, EventLimits.VenueMaxLength, "Venue");
        Optional(modelState, "Input.AccessibilityInformation", input.AccessibilityInformation, EventLimits.AccessibilityMaxLength, "Accessibility information");
        if (!string.IsNullOrWhiteSpace(input.JoiningLink)
            && (input.JoiningLink.Trim().Length > EventLimits.JoiningLinkMaxLength
                || !Uri.TryCreate(input.JoiningLink.Trim(), UriKind.Absolute, out var link) || link.Scheme != Uri.UriSchemeHttps))
        {
            modelState.AddModelError("Input.JoiningLink", "Enter the joining link as a full web address starting with https://");
        }

        if (input.Capacity is null or < 1 or > EventLimits.MaxCapacity)
        {
            modelState.AddModelError("Input.Capacity", $"Enter the number of places, from 1 to {EventLimits.MaxCapacity:N0}");
        }

        if (!series)
        {
            if (input.Audience is null || !Enum.IsDefined(input.Audience.Value))
            {
                modelState.AddModelError("Input.Audience", "Select who can book");
            }

            if (input.OpensDate is null)
            {
                modelState.AddModelError("Input.OpensDate", "Enter the date booking opens");
            }

            if (input.ClosesDate is null)
            {
                modelState.AddModelError("Input.ClosesDate", "Enter the last day of booking");
            }
        }

        if (!FeedbackChoices.AreLive(input.Priorities, live))
        {
            modelState.AddModelError("Input.Priorities", "Select priorities from the list");
        }

        if (modelState.ErrorCount > 0)
        {
            return null;
        }

        var startsAt = UkTime.ToUtc(input.StartDate!.Value.ToDateTime(input.StartTime!.Value));
        var endsAt = UkTime.ToUtc(input.StartDate.Value.ToDateTime(input.EndTime!.Value));
        if (startsAt is null || endsAt is null)
        {
            modelState.AddModelError(startsAt is null ? "Input.StartTime" : "Input.EndTime", Forms.UkDateTimeInput.SkippedTimeMessage);
            return null;
        }

        DateTime opensAt;
        DateTime closesAt;
        if (series)
        {
            opensAt = now;
            closesAt = UkTime.ToUtc(input.StartDate.Value.ToDateTime(TimeOnly.MinValue)) ?? startsAt.Value.AddDays(-1);
        }
        else
        {
            opensAt = UkTime.ToUtc(input.OpensDate!.Value.ToDateTime(TimeOnly.MinValue)) ?? now;
            var endOfClosingDay = UkTime.ToUtc(input.ClosesDate!.Value.AddDays(1).ToDateTime(TimeOnly.MinValue)) ?? startsAt.Value;
            closesAt = endOfClosingDay < startsAt.Value ? endOfClosingDay : startsAt.Value;
            if (input.ClosesDate < input.OpensDate)
            {
                modelState.AddModelError("Input.ClosesDate", "The last day of booking must be on or after the day booking opens");
                return null;
            }

            if (input.ClosesDate > input.StartDate)
            {
                modelState.AddModelError("Input.ClosesDate", "The last day of booking must be on or before the day of the event");
                return null;
            }
        }

        var kind = input.Kind!.Value;
        return new EventDetails(
            kind,
            input.Title!.Trim(),
            FeedbackValidation.NormaliseText(input.Description).Trim(),
            startsAt.Value,
            endsAt.Value,
            input.Mode!.Value,
            input.Venue,
            input.AccessibilityInformation,
            input.JoiningLink,
            input.Capacity!.Value,
            opensAt,
            closesAt,
            series ? ForumAudience(kind) : input.Audience!.Value,
            input.Priorities.Distinct().Order().ToList());
    }

    private static void Text(ModelStateDictionary modelState, string key, string? value, int max, string missing, string label)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            modelState.AddModelError(key, missing);
        }
        else
        {
            Optional(modelState, key, value, max, label);
        }
    }

    private static void Optional(ModelStateDictionary modelState, string key, string? value, int max, string label)
    {
        if (FeedbackValidation.NormaliseText(value).Trim().Length > max)
        {
            modelState.AddModelError(key, $"{label} must be {max:N0} characters or fewer");
        }
    }
}
