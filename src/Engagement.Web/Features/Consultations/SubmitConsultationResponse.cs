using System.Globalization;
using Engagement.Domain.Auditing;
using Engagement.Domain.Common;
using Engagement.Domain.Consultations;
using Engagement.Domain.Feedback;
using Engagement.Infrastructure;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Email;
using Engagement.Infrastructure.Privacy;
using Engagement.Infrastructure.Security;
using Engagement.Web.Features.Feedback;
using Engagement.Web.Features.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Engagement.Web.Features.Consultations;

/// <summary>
/// One response to record, from the online journey or entered by staff from paper, a phone call or an event.
/// <see cref="Answers"/> holds, per question field name (q12, q12-other), the values given; they are checked here
/// against the consultation's questions, the same rules for both ways in. <see cref="SubmissionKey"/> makes a
/// repeated send return the first response; <see cref="Token"/> is the private link token (only its hash is stored).
/// <see cref="SentTooQuickly"/>: the online journey was completed faster than its minimum time (a likely bot).
/// </summary>
public sealed record SubmitConsultationResponse(
    int ConsultationId,
    IReadOnlyDictionary<string, string[]> Answers,
    ResponseChannel Channel,
    string? Email,
    bool WantsAcknowledgement,
    bool WantsOutcome,
    string SubmissionKey,
    string Token,
    string? EnteredByUserId = null,
    string? ProviderUserId = null,
    bool SentTooQuickly = false);

/// <summary>What the person is shown: the reference, the private link token, and whether it arrived after closing.</summary>
public sealed record ConsultationReceipt(string Reference, string Token, bool Late);

public sealed class SubmitConsultationResponseHandler(
    EngagementDbContext db,
    ReferenceNumbers references,
    EmailOutbox outbox,
    SafeguardingSignals signals,
    TimeProvider clock,
    IOptions<ServiceOptions> service,
    UnsubscribeLinks unsubscribe)
{
    public async Task<DomainResult<ConsultationReceipt>> HandleAsync(SubmitConsultationResponse command, CancellationToken cancellationToken = default)
    {
        if (await FindExistingAsync(command, cancellationToken) is { } existing)
        {
            return DomainResult<ConsultationReceipt>.Ok(existing);
        }

        var consultation = await db.Consultations.AsNoTracking().AsSplitQuery()
            .Include(c => c.Questions).ThenInclude(q => q.Options)
            .SingleOrDefaultAsync(c => c.Id == command.ConsultationId && c.IsPublished, cancellationToken);
        if (consultation is null)
        {
            return DomainResult<ConsultationReceipt>.NotFound("The consultation was not found");
        }

        var checkedAnswers = ConsultationAnswers.Check(consultation, command.Answers);
        if (!checkedAnswers.Succeeded)
        {
            return checkedAnswers.WithoutValue().As<ConsultationReceipt>();
        }

        if (command.Email is { Length: > 0 } email && (email.Trim().Length > Domain.Events.EventLimits.EmailMaxLength || !PersonDetails.IsEmail(email.Trim())))
        {
            return DomainResult<ConsultationReceipt>.Refused("Enter an email address in the correct format, like name@example.com", nameof(command.Email));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (consultation.PhaseAt(now) == ConsultationPhase.Upcoming && command.EnteredByUserId is null)
        {
            return DomainResult<ConsultationReceipt>.Refused($"This consultation opens on {Domain.Events.UkTime.Describe(consultation.OpensAt)}.");
        }

        try
        {
            return DomainResult<ConsultationReceipt>.Ok(await db.InTransactionAsync(token => CreateAsync(consultation, command, checkedAnswers.Value!, now, token), cancellationToken));
        }
        catch (DbUpdateException)
        {
            // A concurrent send of the same draft won the unique index on SubmissionKey: show its result.
            db.ChangeTracker.Clear();
            if (await FindExistingAsync(command, cancellationToken) is { } winner)
            {
                return DomainResult<ConsultationReceipt>.Ok(winner);
            }

            throw;
        }
    }

    private async Task<ConsultationReceipt> CreateAsync(Consultation consultation, SubmitConsultationResponse command, IReadOnlyList<GivenAnswer> answers, DateTime now, CancellationToken cancellationToken)
    {
        var number = await references.NextAsync(ReferenceNumbers.ConsultationResponse, now.Year, cancellationToken);
        var late = consultation.PhaseAt(now) == ConsultationPhase.Closed;
        var response = ConsultationResponse.Receive(
            consultation.Id,
            ConsultationResponse.FormatReference(now.Year, number),
            SecureToken.Hash(command.Token),
            command.SubmissionKey,
            command.Channel,
            answers,
            command.Email,
            command.WantsAcknowledgement,
            command.WantsOutcome,
            late,
            command.SentTooQuickly && command.EnteredByUserId is null,
            possibleSafeguarding: answers.Any(a => signals.Matches(a.Text)),
            command.EnteredByUserId,
            command.ProviderUserId,
            now);
        db.ConsultationResponses.Add(response);
        await db.SaveChangesAsync(cancellationToken);

        db.AuditRecords.Add(new AuditRecord
        {
            At = now,
            ActorUserId = command.EnteredByUserId,
            Action = "consultation.response-received",
            EntityType = nameof(ConsultationResponse),
            EntityId = response.Id.ToString(CultureInfo.InvariantCulture),
            Detail = $"consultation={consultation.Id};channel={command.Channel}" + (late ? ";late" : "") + (response.SentTooQuickly ? ";too-quick" : ""),
        });

        // A likely bot is sent nothing (as with quarantined feedback): the address may not be the person's.
        if (response.Email is not null && response.WantsAcknowledgement && !response.SentTooQuickly)
        {
            outbox.Queue(ConsultationEmails.Acknowledgement(service.Value, response.Email, consultation.Title, response.Reference,
                service.Value.Link("/consultations/response/" + command.Token), response.Id,
                response.WantsOutcome ? unsubscribe.ForConsultationResponse(response.Id) : null));
        }

        await db.SaveChangesAsync(cancellationToken);
        return new ConsultationReceipt(response.Reference, command.Token, late);
    }

    private async Task<ConsultationReceipt?> FindExistingAsync(SubmitConsultationResponse command, CancellationToken cancellationToken)
    {
        var found = await db.ConsultationResponses.AsNoTracking()
            .Where(r => r.SubmissionKey == command.SubmissionKey)
            .Select(r => new { r.Reference, r.TokenHash, r.IsLate })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        return found.TokenHash == SecureToken.Hash(command.Token)
            ? new ConsultationReceipt(found.Reference, command.Token, found.IsLate)
            : throw new InvalidOperationException("The submission key was already used with a different token.");
    }
}

/// <summary>
/// Turns the values posted for a consultation's questions (by field name) into answers, with every question's own
/// check: one place for the rules the online journey (page by page) and staff entry (all at once) share.
/// </summary>
public static class ConsultationAnswers
{
    /// <summary>The posted values of one question (choice ids, "other", or text) and its "other" text.</summary>
    public static (string[] Values, string? Other) Of(ConsultationQuestion question, IReadOnlyDictionary<string, string[]> posted) =>
        (posted.TryGetValue(question.FieldName, out var values) ? values : [],
         posted.TryGetValue(question.OtherFieldName, out var other) ? other.FirstOrDefault() : null);

    /// <summary>Checks the questions given (all of them when null); errors are keyed by field name.</summary>
    public static DomainResult<IReadOnlyList<GivenAnswer>> Check(Consultation consultation, IReadOnlyDictionary<string, string[]> posted, IEnumerable<ConsultationQuestion>? only = null)
    {
        var errors = new List<ResultError>();
        var answers = new List<GivenAnswer>();
        foreach (var question in only ?? consultation.Ordered)
        {
            var (values, other) = Of(question, posted);
            var values2 = values.Select(v => FeedbackValidation.NormaliseText(v)).ToArray();
            if (values2.Any(TextInput.HasControlCharacters) || TextInput.HasControlCharacters(other))
            {
                errors.Add(new ResultError(TextInput.HasControlCharacters(other) ? question.OtherFieldName : question.FieldName, TextInput.ControlCharactersMessage("Your answer")));
                continue;
            }

            var check = question.CheckAnswer(values2, other is null ? null : FeedbackValidation.NormaliseText(other));
            if (!check.Succeeded)
            {
                errors.AddRange(check.Errors);
                continue;
            }

            answers.AddRange(ToAnswers(question, values2, other));
        }

        return errors.Count > 0
            ? new DomainResult<IReadOnlyList<GivenAnswer>>(ResultKind.Invalid, null, errors)
            : DomainResult<IReadOnlyList<GivenAnswer>>.Ok(answers);
    }

    private static IEnumerable<GivenAnswer> ToAnswers(ConsultationQuestion question, string[] values, string? other)
    {
        if (question.Kind.IsText())
        {
            var text = values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
            if (text is not null)
            {
                yield return new GivenAnswer(question.Id, null, text);
            }

            yield break;
        }

        foreach (var value in values.Where(v => !string.IsNullOrWhiteSpace(v)).Distinct())
        {
            yield return value == "other"
                ? new GivenAnswer(question.Id, null, FeedbackValidation.NormaliseText(other).Trim())
                : new GivenAnswer(question.Id, int.Parse(value, CultureInfo.InvariantCulture), null);
        }
    }
}
