using Engagement.Domain.Common;
using Engagement.Domain.Events;

namespace Engagement.Domain.Forums;

/// <summary>
/// A provider forum's papers: when its agenda was published, and its minutes (a safe Markdown subset, sanitised when
/// rendered) once published. One per forum, made the first time either is published.
/// </summary>
public sealed class ForumRecord
{
    private ForumRecord()
    {
    }

    public int EventId { get; private set; }
    public DateTime? AgendaPublishedAt { get; private set; }
    public string MinutesMarkdown { get; private set; } = "";
    public DateTime? MinutesPublishedAt { get; private set; }
    public DateTime? MinutesUpdatedAt { get; private set; }
    public Guid Version { get; private set; } = Guid.NewGuid();

    public bool IsAgendaPublished => AgendaPublishedAt is not null;

    public bool AreMinutesPublished => MinutesPublishedAt is not null;

    public static ForumRecord For(Event forum) => new() { EventId = forum.Id };

    /// <summary>Publishes the agenda with the event: it needs at least one item on it. Later changes show at once.</summary>
    public DomainResult PublishAgenda(Event forum, int itemsOnAgenda, DateTime now)
    {
        if (ForumAgenda.AudienceType(forum.Audience) is null)
        {
            return DomainResult.Refused("Only provider forums have an agenda here.");
        }

        if (IsAgendaPublished)
        {
            return DomainResult.Refused("The agenda is already published. Changes to it show on the event page straight away.");
        }

        if (itemsOnAgenda == 0)
        {
            return DomainResult.Refused("Put at least one item on the agenda before publishing it.");
        }

        AgendaPublishedAt = now;
        Version = Guid.NewGuid();
        return DomainResult.Ok;
    }

    /// <summary>Publishes (or corrects) the minutes: only once the forum has taken place, and never empty.</summary>
    public DomainResult PublishMinutes(Event forum, string? markdown, DateTime now)
    {
        if (ForumAgenda.AudienceType(forum.Audience) is null)
        {
            return DomainResult.Refused("Only provider forums have minutes here.");
        }

        if (forum.IsCancelled)
        {
            return DomainResult.Refused("This forum was cancelled, so it has no minutes.");
        }

        if (!forum.HasEnded(now))
        {
            return DomainResult.Refused("You can publish the minutes once the forum has taken place.", "Minutes");
        }

        if (string.IsNullOrWhiteSpace(markdown))
        {
            return DomainResult.Refused("Enter the minutes", "Minutes");
        }

        if (markdown.Trim().Length > ForumLimits.MinutesMaxLength)
        {
            return DomainResult.Refused($"The minutes must be {ForumLimits.MinutesMaxLength:N0} characters or fewer", "Minutes");
        }

        MinutesMarkdown = markdown.Trim().Replace("\r\n", "\n", StringComparison.Ordinal);
        MinutesPublishedAt ??= now;
        MinutesUpdatedAt = now;
        Version = Guid.NewGuid();
        return DomainResult.Ok;
    }
}
