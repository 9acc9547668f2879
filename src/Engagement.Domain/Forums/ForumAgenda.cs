using Engagement.Domain.Common;
using Engagement.Domain.Events;

namespace Engagement.Domain.Forums;

/// <summary>
/// Who may suggest agenda items for a provider forum, and until when (decision 0024): approved providers of the
/// forum's audience (a home care provider cannot add to the care home forum, unless it also gives care home care),
/// until <see cref="SuggestionsCloseBefore"/> before the forum starts, or until the agenda is published if that is
/// sooner (after that nobody would read a new suggestion).
/// </summary>
public static class ForumAgenda
{
    /// <summary>Suggestions close a week before the forum, so commissioners can build and publish the agenda in time.</summary>
    public static readonly TimeSpan SuggestionsCloseBefore = TimeSpan.FromDays(7);

    /// <summary>When suggestions close for this forum (UTC).</summary>
    public static DateTime ClosesAt(Event forum) => forum.StartsAt - SuggestionsCloseBefore;

    /// <summary>The kind of care a forum's audience gives, or null for an event that is not a provider forum.</summary>
    public static ProviderType? AudienceType(EventAudience audience) => audience switch
    {
        EventAudience.CareHomeProviders => ProviderType.CareHome,
        EventAudience.HomeCareProviders => ProviderType.HomeCare,
        _ => null,
    };

    /// <summary>Whether suggestions are open now: a provider forum, not cancelled, agenda not published, before the cut-off.</summary>
    public static DomainResult CheckOpen(Event forum, bool agendaPublished, DateTime now)
    {
        if (AudienceType(forum.Audience) is null)
        {
            return DomainResult.Refused("This event is not a provider forum, so it has no agenda to add to.");
        }

        if (forum.IsCancelled)
        {
            return DomainResult.Refused("This forum has been cancelled.");
        }

        if (agendaPublished)
        {
            return DomainResult.Refused("The agenda for this forum has been published, so it no longer takes suggestions.");
        }

        if (now >= ClosesAt(forum))
        {
            return DomainResult.Refused($"Suggestions for this forum's agenda closed at {UkTime.Describe(ClosesAt(forum))}.");
        }

        return DomainResult.Ok;
    }

    /// <summary>The audience, then the window: a provider of another audience is told why, whatever the date.</summary>
    public static DomainResult CanPropose(Event forum, Registrant provider, bool agendaPublished, DateTime now)
    {
        if (AudienceType(forum.Audience) is not { } type)
        {
            return DomainResult.Refused("This event is not a provider forum, so it has no agenda to add to.");
        }

        var audience = forum.Audience == EventAudience.CareHomeProviders ? "care home providers" : "home care providers";
        if (!provider.HasProviderAccount)
        {
            return DomainResult.Refused($"This forum is for {audience}. Sign in with your provider account to suggest an agenda item.");
        }

        if (!provider.Provides(type))
        {
            return DomainResult.Refused(
                $"This forum is for {audience}. Your organisation is not registered as a {type.Name().ToLowerInvariant()} provider, so it cannot add items to this forum's agenda.");
        }

        if (!provider.IsApproved)
        {
            return DomainResult.Refused("Your organisation must be approved by a commissioner before it can suggest agenda items.");
        }

        return CheckOpen(forum, agendaPublished, now);
    }
}

/// <summary>The limits on what providers and staff may enter for forum agendas, minutes and actions.</summary>
public static class ForumLimits
{
    public const int TopicMaxLength = 200;
    public const int WhyItMattersMaxLength = 2000;
    public const int MinutesMaxLength = 20000;
    public const int ActionMaxLength = 500;
}

public static class ForumText
{
    public static string Name(this AgendaItemState state) => state switch
    {
        AgendaItemState.Proposed => "Proposed",
        AgendaItemState.OnAgenda => "On the agenda",
        AgendaItemState.NotTaken => "Not taken",
        _ => state.ToString(),
    };

    /// <summary>The GOV.UK tag colour beside the words (never colour alone).</summary>
    public static string TagClass(this AgendaItemState state) => state switch
    {
        AgendaItemState.OnAgenda => "govuk-tag--green",
        AgendaItemState.NotTaken => "govuk-tag--grey",
        _ => "govuk-tag--blue",
    };
}
