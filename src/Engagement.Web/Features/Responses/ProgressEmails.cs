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
/// </summary>
public sealed class ProgressEmails(EngagementDbContext db, EmailOutbox outbox, IOptions<ServiceOptions> service, Engagement.Infrastructure.Privacy.UnsubscribeLinks unsubscribe)
{
    public const string Kind = "response-progress";

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
                    : $"There is an update on the \"You said, we did\" entry that what you told us ({references}) is part of: {entry.Title}.")
                .Paragraph($"Its status is now: {entry.Status.Name()}.");
            var note = entry.History.Where(h => h.ToStatus == entry.Status).MaxBy(h => h.ChangedAt)?.Note;
            if (!published && note is not null)
            {
                layout.Paragraph(note);
            }

            if (entry.TargetDate is { } target && entry.Status is ResponseStatus.ActionPlanned or ResponseStatus.InProgress)
            {
                layout.Paragraph($"Target date: {target.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))}.");
            }

            layout.Link("Read the entry and its history", options.Link($"/you-said-we-did/{entry.Reference}"))
                .Paragraph("The private tracking link in the email we sent when you gave your feedback still shows where it is. We do not keep a copy of that link, so we cannot send it again.")
                .Paragraph("You are getting this email because you asked to be told about progress.")
                .Unsubscribe("Stop progress emails", unsubscribe.ForFeedback(person.Select(p => p.Id)));
            outbox.Queue(layout.ToMessage(first.Email, first.ContactName, $"An update on your feedback {person.First().Reference}", Kind,
                entry.Id.ToString(CultureInfo.InvariantCulture)));
            count++;
        }

        return count;
    }
}
