using System.Globalization;
using Engagement.Domain.Feedback;
using Engagement.Domain.Responses;
using Engagement.Infrastructure;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Engagement.Web.Features.Responses;

/// <summary>
/// Progress emails to people who asked to be told: one per opted-in submitter (ConsentToProgressUpdates and an email
/// address, not a safeguarding concern, not quarantined) for each publication and each status change of the entry their
/// item is linked to, queued in the same unit of work as the change. A person with several linked items gets one email
/// listing their references. Only the token's hash is stored, so the email cannot carry the private tracking link: it
/// gives the reference and the public entry page, and says that the link from the acknowledgement still works.
/// Providers whose forum agenda items led to the entry (through a forum action) get the same news, one email per
/// organisation, until they stop it with its own one-click link.
/// </summary>
public sealed class ProgressEmails(EngagementDbContext db, EmailOutbox outbox, IOptions<ServiceOptions> service, Engagement.Infrastructure.Privacy.UnsubscribeLinks unsubscribe)
{
    public const string Kind = "response-progress";

    /// <summary>The same progress, told to a provider whose forum agenda item the entry's forum action came from.</summary>
    public const string ForumKind = "forum-action-progress";

    public async Task<int> QueueAsync(ResponseEntry entry, bool published, CancellationToken cancellationToken)
    {
        var recipients = await db.FeedbackItems.AsNoTracking()
            .Where(f => f.ResponseEntryId == entry.Id && f.ConsentToProgressUpdates && f.ContactEmail != null &&
                f.Flag != FeedbackFlag.SafeguardingConcern && !f.IsQuarantined)
            .OrderBy(f => f.Id)
            .Select(f => new { f.Id, f.Reference, Email = f.ContactEmail!, f.ContactName })
            .ToListAsync(cancellationToken);

        var options = service.Value;
        var count = 0;
        foreach (var person in recipients.GroupBy(r => r.Email.Trim().ToLowerInvariant()))
        {
            var first = person.First();
            var references = string.Join(", ", person.Select(p => p.Reference));
            var layout = new EmailLayout(options)
                .Greeting(first.ContactName)
                .Paragraph(published
                    ? $"What you told us ({references}) is part of a \"You said, we did\" entry that we have now published: {entry.Title}."
                    : $"There is an update on the \"You said, we did\" entry that what you told us ({references}) is part of: {entry.Title}.");
            Progress(layout, entry, published)
                .Paragraph("The private tracking link in the email we sent when you gave your feedback still shows where it is. We do not keep a copy of that link, so we cannot send it again.")
                .Paragraph("You are getting this email because you asked to be told about progress.")
                .Unsubscribe("Stop progress emails", unsubscribe.ForFeedback(person.Select(p => p.Id)));
            outbox.Queue(layout.ToMessage(first.Email, first.ContactName, $"An update on your feedback {person.First().Reference}", Kind,
                entry.Id.ToString(CultureInfo.InvariantCulture)));
            count++;
        }

        // Providers whose forum agenda items the entry's forum action came from are told the same way.
        var providers = await (
                from action in db.ForumActions.AsNoTracking()
                where action.ResponseEntryId == entry.Id
                join source in db.ForumActionSources.AsNoTracking() on action.Id equals source.ForumActionId
                join item in db.AgendaItems.AsNoTracking() on source.AgendaItemId equals item.Id
                join user in db.Users.AsNoTracking() on item.ProviderUserId equals user.Id
                join forum in db.Events.AsNoTracking() on action.EventId equals forum.Id
                where !item.ProgressEmailsStopped && user.Email != null && user.SuspendedAt == null
                orderby item.Id
                select new { item.Id, item.Topic, Email = user.Email!, user.DisplayName, forum.Title, forum.StartsAt })
            .ToListAsync(cancellationToken);
        foreach (var organisation in providers.GroupBy(r => r.Email.Trim().ToLowerInvariant()))
        {
            var first = organisation.First();
            var topics = string.Join("; ", organisation.Select(p => p.Topic));
            var forum = $"{first.Title} on {Engagement.Domain.Events.UkTime.FromUtc(first.StartsAt).ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))}";
            var layout = new EmailLayout(options)
                .Greeting(first.DisplayName)
                .Paragraph(published
                    ? $"An action agreed at the {forum}, from the agenda item your organisation suggested ({topics}), is now a published \"You said, we did\" entry: {entry.Title}."
                    : $"There is an update on the \"You said, we did\" entry for an action agreed at the {forum}, from the agenda item your organisation suggested ({topics}): {entry.Title}.");
            Progress(layout, entry, published)
                .Paragraph("You are getting this email because your organisation suggested this item for the forum's agenda.")
                .Unsubscribe("Stop progress emails about this agenda item", unsubscribe.ForAgendaItems(organisation.Select(p => p.Id)));
            outbox.Queue(layout.ToMessage(first.Email, first.DisplayName, $"An update on your forum agenda item: {entry.Title}", ForumKind,
                entry.Id.ToString(CultureInfo.InvariantCulture)));
            count++;
        }

        return count;
    }

    /// <summary>The new status, its note (for a change) and the target date, then the link to the public entry.</summary>
    private EmailLayout Progress(EmailLayout layout, ResponseEntry entry, bool published)
    {
        layout.Paragraph($"Its status is now: {entry.Status.Name()}.");
        var note = entry.History.Where(h => h.ToStatus == entry.Status).MaxBy(h => h.ChangedAt)?.Note;
        if (!published && note is not null)
        {
            layout.Paragraph(note);
        }

        if (entry.TargetDate is { } target && entry.Status is ResponseStatus.ActionPlanned or ResponseStatus.InProgress)
        {
            layout.Paragraph($"Target date: {target.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))}.");
        }

        return layout.Link("Read the entry and its history", service.Value.Link($"/you-said-we-did/{entry.Reference}"));
    }
}
