using System.Globalization;
using Engagement.Domain.Auditing;
using Engagement.Domain.Common;
using Engagement.Domain.Consultations;
using Engagement.Domain.Responses;
using Engagement.Infrastructure;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Email;
using Engagement.Infrastructure.Privacy;
using Engagement.Web.Features.Publishing;
using Engagement.Web.Features.Responses;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Engagement.Web.Features.Consultations;

/// <summary>
/// Publish (or correct) a closed consultation's outcome: "We asked", the staff summary of what people said, "We did" in
/// safe Markdown, and existing log entries it links to (by reference, optional).
/// </summary>
public sealed record PublishConsultationOutcome(
    int ConsultationId,
    Guid? ExpectedVersion,
    string? WeAsked,
    string? YouSaid,
    string? WeDidMarkdown,
    IReadOnlyList<string> LinkedEntryReferences,
    string UserId);

/// <summary>The outcome's own log entry and how many people were emailed this time.</summary>
public sealed record OutcomePublished(string EntryReference, int Emailed, bool Corrected);

/// <summary>
/// One unit of work: the outcome's own entry in the "You said, we did" log is created (first time: through the status
/// workflow to Completed, and published) or updated (a correction); the consultation records the outcome; the links to
/// other entries are replaced; and everyone who asked to hear the outcome gets one email queued in the outbox, after
/// which their address is removed from the response (as the email says). The public pages are evicted after commit.
/// </summary>
public sealed class PublishConsultationOutcomeHandler(
    EngagementDbContext db,
    ReferenceNumbers references,
    EmailOutbox outbox,
    TimeProvider clock,
    IOptions<ServiceOptions> service,
    UnsubscribeLinks unsubscribe,
    PublicPagesCache publicPages)
{
    public const string Action = "consultation.outcome-published";
    public const string CorrectedAction = "consultation.outcome-corrected";
    public const int MaxLinkedEntries = 20;

    public async Task<DomainResult<OutcomePublished>> HandleAsync(PublishConsultationOutcome command, CancellationToken cancellationToken = default)
    {
        var wanted = command.LinkedEntryReferences.Select(r => r.Trim().ToUpperInvariant()).Where(r => r.Length > 0).Distinct().ToList();
        if (wanted.Count > MaxLinkedEntries)
        {
            return DomainResult<OutcomePublished>.Refused($"Link at most {MaxLinkedEntries} entries", "LinkedEntries");
        }

        // The outcome is also a log entry, whose columns are narrower than the consultation's own.
        var errors = new List<ResultError>();
        if ((command.YouSaid?.Trim().Length ?? 0) > ResponseLimits.SummaryMaxLength)
        {
            errors.Add(new ResultError("YouSaid", $"The summary must be {ResponseLimits.SummaryMaxLength:N0} characters or fewer"));
        }

        if ((command.WeDidMarkdown?.Trim().Length ?? 0) > ResponseLimits.WeDidMaxLength)
        {
            errors.Add(new ResultError("WeDid", $"What we did must be {ResponseLimits.WeDidMaxLength:N0} characters or fewer"));
        }

        if (errors.Count > 0)
        {
            return new DomainResult<OutcomePublished>(ResultKind.Invalid, null, errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var result = await db.InTransactionAsync(async token =>
        {
            var consultation = await db.Consultations.Include(c => c.Priorities).SingleOrDefaultAsync(c => c.Id == command.ConsultationId && c.IsPublished, token);
            if (consultation is null)
            {
                return DomainResult<OutcomePublished>.NotFound("The consultation was not found");
            }

            if (command.ExpectedVersion is { } expected && expected != consultation.Version)
            {
                return DomainResult<OutcomePublished>.Conflict("Someone else changed this consultation since you opened the form. Check the outcome below and publish again.");
            }

            if (consultation.PhaseAt(now) != ConsultationPhase.Closed)
            {
                return DomainResult<OutcomePublished>.Refused("The outcome can be published once the consultation has closed");
            }

            var linked = await db.ResponseEntries.Where(e => wanted.Contains(e.Reference) && e.IsPublished && e.Id != consultation.OutcomeEntryId)
                .Select(e => new { e.Id, e.Reference }).ToListAsync(token);
            var unknown = wanted.Except(linked.Select(l => l.Reference)).ToList();
            if (unknown.Count > 0)
            {
                return DomainResult<OutcomePublished>.Refused($"There is no other published entry {string.Join(", ", unknown)}", "LinkedEntries");
            }

            var corrected = consultation.OutcomeEntryId is not null;
            var entry = corrected
                ? await db.ResponseEntries.Include(e => e.Priorities).SingleAsync(e => e.Id == consultation.OutcomeEntryId, token)
                : await CreateEntryAsync(consultation.Title, command.UserId, now, token);
            entry.Title = OutcomeText.EntryTitle(consultation.Title);
            entry.YouSaidSummary = command.YouSaid?.Trim() ?? "";
            entry.WeDidMarkdown = command.WeDidMarkdown?.Trim() ?? "";
            entry.Section = consultation.Section;
            entry.OwnerTeam = OutcomeText.OwnerTeam;
            var numbers = consultation.Priorities.Select(p => p.PriorityNumber).ToHashSet();
            entry.Priorities.RemoveAll(p => !numbers.Contains(p.PriorityNumber));
            entry.Priorities.AddRange(numbers.Where(n => entry.Priorities.All(p => p.PriorityNumber != n)).Select(n => new ResponseEntryPriority { PriorityNumber = n }));
            entry.Touch(now);
            await db.SaveChangesAsync(token);

            var outcome = consultation.PublishOutcome(command.WeAsked, command.YouSaid, command.WeDidMarkdown, entry.Id, now);
            if (!outcome.Succeeded)
            {
                return outcome.As<OutcomePublished>();
            }

            if (!entry.IsPublished)
            {
                await WalkToCompletedAsync(entry, consultation, command.UserId, now);
                var published = entry.Publish(now);
                if (!published.Succeeded)
                {
                    return published.As<OutcomePublished>();
                }
            }

            var keep = linked.Select(l => l.Id).ToHashSet();
            var existing = await db.OutcomeLinkedEntries.Where(l => l.ConsultationId == consultation.Id).ToListAsync(token);
            db.OutcomeLinkedEntries.RemoveRange(existing.Where(l => !keep.Contains(l.ResponseEntryId)));
            db.OutcomeLinkedEntries.AddRange(keep.Where(id => existing.All(l => l.ResponseEntryId != id))
                .Select(id => new OutcomeLinkedEntry { ConsultationId = consultation.Id, ResponseEntryId = id }));

            var emailed = await QueueEmailsAsync(consultation, now, token);
            db.AuditRecords.Add(new AuditRecord
            {
                At = now,
                ActorUserId = command.UserId,
                Action = corrected ? CorrectedAction : Action,
                EntityType = nameof(Consultation),
                EntityId = consultation.Id.ToString(CultureInfo.InvariantCulture),
                Detail = $"entry={entry.Reference};emails={emailed};links={keep.Count}",
            });
            db.AuditRecords.Add(ResponseAudit.Record(entry.Id, corrected ? ResponseAudit.Edited : ResponseAudit.Published, command.UserId, now, "consultation=" + consultation.Id.ToString(CultureInfo.InvariantCulture)));
            try
            {
                await db.SaveChangesAsync(token);
            }
            catch (DbUpdateConcurrencyException)
            {
                return DomainResult<OutcomePublished>.Conflict("Someone else changed this consultation since you opened the form. Check the outcome below and publish again.");
            }

            return DomainResult<OutcomePublished>.Ok(new OutcomePublished(entry.Reference, emailed, corrected));
        }, cancellationToken);
        if (result.Succeeded)
        {
            await publicPages.InvalidateAsync(cancellationToken);
        }

        return result;
    }

    private async Task<ResponseEntry> CreateEntryAsync(string title, string userId, DateTime now, CancellationToken cancellationToken)
    {
        var number = await references.NextAsync(ReferenceNumbers.Response, now.Year, cancellationToken);
        var entry = ResponseEntry.Create(ResponseEntry.FormatReference(now.Year, number), OutcomeText.EntryTitle(title), userId, now);
        db.ResponseEntries.Add(entry);
        return entry;
    }

    /// <summary>
    /// The outcome entry's history, through the same workflow as any entry: the responses were reviewed, the decision
    /// is the action (its target date the day it was published), and publishing the outcome completes it.
    /// </summary>
    private static Task WalkToCompletedAsync(ResponseEntry entry, Consultation consultation, string userId, DateTime now)
    {
        var steps = new (ResponseStatus To, string Note)[]
        {
            (ResponseStatus.UnderReview, $"The consultation closed on {Domain.Events.UkTime.Describe(consultation.ClosesAt)} and the responses were analysed."),
            (ResponseStatus.ActionPlanned, "The council made its decision on what people said (see \"We did\")."),
            (ResponseStatus.Completed, "The outcome of the consultation was published."),
        };
        var today = DateOnly.FromDateTime(Domain.Events.UkTime.FromUtc(now));
        foreach (var (to, note) in steps.Where(s => s.To != entry.Status))
        {
            var moved = entry.ChangeStatus(to, note, to == ResponseStatus.ActionPlanned ? today : null, userId, now);
            if (!moved.Succeeded)
            {
                throw new InvalidOperationException($"The outcome entry could not move to {to}: {moved.Error}");
            }
        }

        return Task.CompletedTask;
    }

    private async Task<int> QueueEmailsAsync(Consultation consultation, DateTime now, CancellationToken cancellationToken)
    {
        var recipients = await db.ConsultationResponses
            .Where(r => r.ConsultationId == consultation.Id && r.WantsOutcome && r.Email != null && r.OutcomeEmailedAt == null && (!r.SentTooQuickly || r.IncludeInAnalysis))
            .OrderBy(r => r.Id)
            .ToListAsync(cancellationToken);
        var link = service.Value.Link(OutcomeText.ConsultationPath(consultation.Id));
        foreach (var response in recipients)
        {
            outbox.Queue(ConsultationEmails.Outcome(service.Value, response.Email!, consultation.Title, link, response.Id, unsubscribe.ForConsultationResponse(response.Id)));
            response.OutcomeEmailed(now);
            response.RemoveContactDetails();
        }

        return recipients.Count;
    }
}

/// <summary>The fixed words of a consultation outcome's log entry, and the consultation's public address.</summary>
public static class OutcomeText
{
    public const string OwnerTeam = "Adult social care commissioning";
    public const string KindName = "Consultation outcome";
    public const string KindSlug = "consultation";

    public static string EntryTitle(string consultationTitle)
    {
        var title = "We asked: " + consultationTitle;
        return title.Length <= ResponseLimits.TitleMaxLength ? title : title[..(ResponseLimits.TitleMaxLength - 1)] + "…";
    }

    public static string ConsultationPath(int consultationId) => "/consultations/" + consultationId.ToString(CultureInfo.InvariantCulture);
}
