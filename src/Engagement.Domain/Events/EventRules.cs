using Engagement.Domain.Common;

namespace Engagement.Domain.Events;

/// <summary>
/// Who is asking for a place or answering: nobody signed in, or a provider account with its main kind of care, the
/// other kinds it also gives (<see cref="ProviderTypeSet"/> bits) and its approval.
/// </summary>
public sealed record Registrant(bool HasProviderAccount, ProviderType? ProviderType, bool IsApproved, int OtherProviderTypes = 0)
{
    public static Registrant Public { get; } = new(false, null, false);

    public static Registrant Provider(ProviderType? type, bool approved, int otherTypes = 0) => new(true, type, approved, otherTypes);

    /// <summary>Whether the organisation gives this kind of care, as its main kind or one of its others.</summary>
    public bool Provides(ProviderType type) => ProviderType == type || (OtherProviderTypes & ProviderTypeSet.Bit(type)) != 0;
}

/// <summary>The limits on what staff and the public may enter about events and registrations.</summary>
public static class EventLimits
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 4000;
    public const int VenueMaxLength = 500;
    public const int AccessibilityMaxLength = 2000;
    public const int JoiningLinkMaxLength = 500;
    public const int NameMaxLength = 200;
    public const int EmailMaxLength = 320;
    public const int OrganisationMaxLength = 200;
    public const int AccessNeedsMaxLength = 2000;
    public const int MaxCapacity = 10000;
}

public static class EventText
{
    public static string Name(this EventKind kind) => kind switch
    {
        EventKind.CoProductionWorkshop => "Co-production workshop",
        EventKind.CareHomeProviderForum => "Care home provider forum",
        EventKind.HomeCareProviderForum => "Home care provider forum",
        EventKind.Other => "Other event",
        _ => kind.ToString(),
    };

    public static string Slug(this EventKind kind) => kind switch
    {
        EventKind.CoProductionWorkshop => "workshop",
        EventKind.CareHomeProviderForum => "care-home-forum",
        EventKind.HomeCareProviderForum => "home-care-forum",
        _ => "other",
    };

    public static EventKind? KindFromSlug(string? slug) =>
        Enum.GetValues<EventKind>().Cast<EventKind?>().FirstOrDefault(k => k!.Value.Slug() == slug);

    /// <summary>The provider forums' audiences, which people can follow by email ("forum audiences").</summary>
    public static bool IsForumAudience(this EventAudience audience) => audience is EventAudience.CareHomeProviders or EventAudience.HomeCareProviders;

    /// <summary>URL-friendly slug used in links to the alerts form (?audience=care-home-providers).</summary>
    public static string Slug(this EventAudience audience) => audience switch
    {
        EventAudience.Anyone => "anyone",
        EventAudience.CareHomeProviders => "care-home-providers",
        EventAudience.HomeCareProviders => "home-care-providers",
        EventAudience.InvitationOnly => "by-invitation",
        _ => audience.ToString().ToLowerInvariant(),
    };

    public static EventAudience? AudienceFromSlug(string? slug) =>
        Enum.GetValues<EventAudience>().Cast<EventAudience?>().FirstOrDefault(a => a!.Value.Slug() == slug);

    public static string Name(this EventAudience audience) => audience switch
    {
        EventAudience.Anyone => "Anyone",
        EventAudience.CareHomeProviders => "Care home providers (approved provider account)",
        EventAudience.HomeCareProviders => "Home care providers (approved provider account)",
        EventAudience.InvitationOnly => "By invitation only",
        _ => audience.ToString(),
    };

    public static string Name(this AttendanceMode mode) => mode switch
    {
        AttendanceMode.InPerson => "In person",
        AttendanceMode.Online => "Online",
        AttendanceMode.Both => "In person and online",
        _ => mode.ToString(),
    };

    public static string Name(this RegistrationStatus status) => status switch
    {
        RegistrationStatus.Confirmed => "Confirmed",
        RegistrationStatus.Waitlisted => "Waiting list",
        RegistrationStatus.Cancelled => "Cancelled",
        RegistrationStatus.Attended => "Attended",
        RegistrationStatus.NoShow => "Did not attend",
        _ => status.ToString(),
    };

    /// <summary>Lower-cased and trimmed: one place per address per event.</summary>
    public static string NormaliseEmail(string email) => email.Trim().ToLowerInvariant();
}

/// <summary>UK local time (Europe/London): what staff enter and everyone reads. The database stores UTC.</summary>
public static class UkTime
{
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static DateTime FromUtc(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>UTC for a UK wall-clock time, or null when the clocks skip that time (going forward in March).</summary>
    public static DateTime? ToUtc(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return Zone.IsInvalidTime(unspecified) ? null : TimeZoneInfo.ConvertTimeToUtc(unspecified, Zone);
    }

    /// <summary>For example "Tuesday 14 April 2026, 10am to 12pm".</summary>
    public static string Describe(DateTime startsAtUtc, DateTime endsAtUtc)
    {
        var start = FromUtc(startsAtUtc);
        var end = FromUtc(endsAtUtc);
        var date = start.ToString("dddd d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
        return start.Date == end.Date
            ? $"{date}, {Clock(start)} to {Clock(end)}"
            : $"{date}, {Clock(start)} to {end.ToString("dddd d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"))}, {Clock(end)}";
    }

    /// <summary>One moment, for example "11:59pm on Friday 27 March 2026" (a closing time).</summary>
    public static string Describe(DateTime utc)
    {
        var local = FromUtc(utc);
        return $"{Clock(local)} on {local.ToString("dddd d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"))}";
    }

    /// <summary>GOV.UK style: 10am, 2:30pm, midday, midnight.</summary>
    public static string Clock(DateTime local) => (local.Hour, local.Minute) switch
    {
        (12, 0) => "midday",
        (0, 0) => "midnight",
        var (h, m) => $"{(h % 12 == 0 ? 12 : h % 12)}{(m == 0 ? "" : ":" + m.ToString("D2", System.Globalization.CultureInfo.InvariantCulture))}{(h < 12 ? "am" : "pm")}",
    };
}
