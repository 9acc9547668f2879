using System.Globalization;
using System.Text.RegularExpressions;
using Engagement.Domain.Auditing;
using Engagement.Domain.Common;
using Engagement.Domain.Consultations;
using Engagement.Domain.Events;
using Engagement.Domain.Feedback;
using Engagement.Domain.Privacy;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Identity;
using Engagement.Web.Features.Events;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Features.Privacy;

public sealed record HeldFeedback(int Id, string Reference, DateTime SubmittedAt, string Section, string State, string Text, string? ContactName,
    string? ContactEmail, bool ProgressEmails, bool SafeguardingConcern, bool OnHold, DateTime? ErasedAt, IReadOnlyList<string> Notes);

public sealed record HeldBooking(int Id, string Event, DateTime EventStartsAt, string Name, string Email, string? Organisation, string? AccessNeeds, string Status, DateTime BookedAt);

public sealed record HeldEmail(long Id, string Kind, string To, string? ToName, string Subject, DateTime CreatedAt, DateTime? SentAt, string? TextBody);

/// <summary>
/// An account with this address. A staff account (<see cref="IsStaff"/>) is shown but never erased by a data request;
/// a provider account's personal data is erased and the account closed for good, its organisation's public record kept.
/// </summary>
public sealed record HeldAccount(string Id, string Email, string DisplayName, string? PhoneNumber, string? Organisation, string? ProviderType, bool IsStaff,
    DateTime CreatedAt, bool EmailConfirmed, DateTime? LastSignInAt, int EngagementRecords);

/// <summary>One answer of a consultation response as the person gave it: the question, the option chosen or the text.</summary>
public sealed record HeldAnswer(string Question, string? Option, string? Text);

/// <summary>
/// A consultation response: its reference, email address and answers. <see cref="SafeguardingConcern"/> is a
/// commissioner's safeguarding flag or the signal words matched on arrival; either needs a recorded decision to erase.
/// </summary>
public sealed record HeldConsultationResponse(int Id, string Reference, string Consultation, DateTime ReceivedAt, string? Email, bool WantsAcknowledgement,
    bool WantsOutcome, bool Late, string Flag, bool SafeguardingConcern, IReadOnlyList<HeldAnswer> Answers)
{
    /// <summary>Something personal is left: the address or any written answer.</summary>
    public bool HasPersonalData => Email is not null || Answers.Any(a => !string.IsNullOrEmpty(a.Text));
}

public sealed record HeldAlert(int Id, string Email, string Frequency, string Follows, DateTime CreatedAt, DateTime? ConfirmedAt);

/// <summary>Everything the service holds for one email address or one feedback reference.</summary>
public sealed record HeldData(string Query, IReadOnlyList<HeldFeedback> Feedback, IReadOnlyList<HeldBooking> Bookings, IReadOnlyList<HeldEmail> Emails, IReadOnlyList<HeldAccount> Accounts, IReadOnlyList<HeldAlert> Alerts,
    IReadOnlyList<HeldConsultationResponse> ConsultationResponses)
{
    public bool HasSafeguarding => Feedback.Any(f => f.SafeguardingConcern || f.OnHold) || ConsultationResponses.Any(r => r.SafeguardingConcern && r.HasPersonalData);

    /// <summary>Anything an erasure would still change (a staff account is never erased here).</summary>
    public bool HasErasable => Feedback.Any(f => f.ErasedAt is null) || Bookings.Count > 0 || Emails.Count > 0 || Alerts.Count > 0 ||
        ConsultationResponses.Any(r => r.HasPersonalData) || Accounts.Any(a => !a.IsStaff);

    /// <summary>Counts only, for the audit: never the values.</summary>
    public string Counts => $"feedback={Feedback.Count};bookings={Bookings.Count};emails={Emails.Count};accounts={Accounts.Count};alerts={Alerts.Count};responses={ConsultationResponses.Count}";
}

public static class DataRequestAudit
{
    public const string Recorded = "data-request.recorded";
    public const string Searched = "data-request.searched";
    public const string Exported = "data-request.exported";
    public const string Erased = "data-request.erased";
    public const string Completed = "data-request.completed";

    public static AuditRecord Record(string action, int requestId, string userId, DateTime at, string? detail = null) =>
        new() { At = at, ActorUserId = userId, Action = action, EntityType = "DataRequest", EntityId = requestId.ToString(CultureInfo.InvariantCulture), Detail = detail };
}

/// <summary>
/// Finds what is held about a person for a data request: by email address (feedback contact details, bookings, emails
/// sent, email alerts, consultation responses, accounts) or by a feedback (YS-) or consultation response (CR-)
/// reference (that one record). The query is never stored or logged.
/// </summary>
public sealed partial class PersonalDataSearch(EngagementDbContext db)
{
    [GeneratedRegex("^YS-[0-9]{4}-[0-9]{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex ReferencePattern();

    [GeneratedRegex("^CR-[0-9]{4}-[0-9]{4,6}$", RegexOptions.CultureInvariant)]
    private static partial Regex ResponseReferencePattern();

    /// <summary>The normalised query, or an error message for the search box.</summary>
    public static (string? Query, string? Error) Normalise(string? query)
    {
        var value = query?.Trim() ?? "";
        if (value.Length == 0)
        {
            return (null, "Enter an email address, a feedback reference or a consultation response reference");
        }

        if (ReferencePattern().IsMatch(value.ToUpperInvariant()) || ResponseReferencePattern().IsMatch(value.ToUpperInvariant()))
        {
            return (value.ToUpperInvariant(), null);
        }

        return value.Length <= 320 && new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(value)
            ? (value.ToLowerInvariant(), null)
            : (null, "Enter an email address like name@example.org, a feedback reference like YS-2026-000123 or a consultation response reference like CR-2026-0042");
    }

    /// <summary>A reference (one record) rather than an email address (everything for that address).</summary>
    public static bool IsReference(string query) => IsFeedbackReference(query) || IsResponseReference(query);

    public static bool IsFeedbackReference(string query) => query.StartsWith("YS-", StringComparison.Ordinal);

    public static bool IsResponseReference(string query) => query.StartsWith("CR-", StringComparison.Ordinal);

    public async Task<HeldData> FindAsync(string query, CancellationToken cancellationToken)
    {
        var byReference = IsReference(query);
        var items = await FeedbackQuery(query).AsNoTracking().Include(f => f.Notes).Include(f => f.ResponseEntry).OrderBy(f => f.Id).ToListAsync(cancellationToken);
        var ids = items.Select(f => f.Id).ToList();
        var held = await db.RetentionHolds.Where(h => ids.Contains(h.FeedbackItemId) && h.ReleasedAt == null).Select(h => h.FeedbackItemId).ToListAsync(cancellationToken);
        var feedback = items.Select(f => new HeldFeedback(f.Id, f.Reference, f.SubmittedAt, f.Section.ToString(), f.State.Name(), f.Text, f.ContactName, f.ContactEmail,
            f.ConsentToProgressUpdates, f.Flag == FeedbackFlag.SafeguardingConcern, held.Contains(f.Id), f.ContentErasedAt,
            f.Notes.OrderBy(n => n.CreatedAt).Select(n => n.Text).ToList())).ToList();
        var responses = await ResponsesAsync(query, cancellationToken);
        if (byReference)
        {
            return new HeldData(query, feedback, [], [], [], [], responses);
        }

        var bookings = await BookingQuery(query).AsNoTracking()
            .Join(db.Events, r => r.EventId, e => e.Id, (r, e) => new { r, e.Title, e.StartsAt })
            .OrderBy(x => x.r.Id)
            .Select(x => new HeldBooking(x.r.Id, x.Title, x.StartsAt, x.r.Name, x.r.Email, x.r.Organisation, x.r.AccessNeeds, x.r.Status.ToString(), x.r.CreatedAt))
            .ToListAsync(cancellationToken);
        var emails = await EmailQuery(query).AsNoTracking().OrderBy(m => m.Id)
            .Select(m => new HeldEmail(m.Id, m.Kind, m.ToAddress, m.ToName, m.Subject, m.CreatedAt, m.SentAt, m.TextBody))
            .ToListAsync(cancellationToken);
        var staffRoles = StaffRoleIds();
        var accounts = await AccountQuery(query).AsNoTracking()
            .Select(u => new HeldAccount(u.Id, u.Email!, u.DisplayName, u.PhoneNumber, u.OrganisationName, u.ProviderType == null ? null : u.ProviderType.ToString(),
                db.UserRoles.Any(ur => ur.UserId == u.Id && staffRoles.Contains(ur.RoleId)), u.CreatedAt, u.EmailConfirmed, u.LastSignInAt,
                db.EngagementRecords.Count(e => e.ProviderUserId == u.Id)))
            .ToListAsync(cancellationToken);
        var alerts = (await AlertQuery(query).AsNoTracking().OrderBy(a => a.Id).ToListAsync(cancellationToken))
            .Select(a => new HeldAlert(a.Id, a.Email, a.Frequency.ToString(), string.Join("; ",
                new[] { a.Priorities.Length > 0 ? "priorities " + a.Priorities : null, a.Sections.Length > 0 ? "sections " + a.Sections : null, a.Statuses.Length > 0 ? "statuses " + a.Statuses : null }
                    .Where(x => x is not null)), a.CreatedAt, a.ConfirmedAt))
            .ToList();
        return new HeldData(query, feedback, bookings, emails, accounts, alerts, responses);
    }

    private async Task<List<HeldConsultationResponse>> ResponsesAsync(string query, CancellationToken cancellationToken)
    {
        var responses = await ResponseQuery(query).AsNoTracking().OrderBy(r => r.Id)
            .Select(r => new
            {
                r.Id,
                r.Reference,
                r.ReceivedAt,
                r.Email,
                r.WantsAcknowledgement,
                r.WantsOutcome,
                r.IsLate,
                r.Flag,
                r.PossibleSafeguarding,
                Consultation = db.Consultations.Where(c => c.Id == r.ConsultationId).Select(c => c.Title).FirstOrDefault() ?? "",
                Answers = db.ConsultationAnswers.Where(a => a.ResponseId == r.Id).OrderBy(a => a.Id).Select(a => new HeldAnswer(
                    db.ConsultationQuestions.Where(q => q.Id == a.QuestionId).Select(q => q.Text).FirstOrDefault() ?? "",
                    db.QuestionOptions.Where(o => o.Id == a.OptionId).Select(o => o.Label).FirstOrDefault(),
                    a.Text)).ToList(),
            })
            .ToListAsync(cancellationToken);
        return responses.Select(r => new HeldConsultationResponse(r.Id, r.Reference, r.Consultation, r.ReceivedAt, r.Email, r.WantsAcknowledgement, r.WantsOutcome, r.IsLate,
            r.Flag.ToString(), r.Flag == ResponseFlag.SafeguardingConcern || r.PossibleSafeguarding, r.Answers)).ToList();
    }

    private IQueryable<string> StaffRoleIds() => db.Roles.Where(r => r.Name == Roles.Admin || r.Name == Roles.Commissioner).Select(r => r.Id);

    /// <summary>Accounts with this address (none for a reference).</summary>
    public IQueryable<ApplicationUser> AccountQuery(string query) => IsReference(query)
        ? db.Users.Where(u => false)
        : db.Users.Where(u => u.NormalizedEmail == query.ToUpperInvariant());

    /// <summary>Accounts with this address that are not staff accounts: the ones an erasure closes.</summary>
    public IQueryable<ApplicationUser> ErasableAccountQuery(string query)
    {
        var staffRoles = StaffRoleIds();
        return AccountQuery(query).Where(u => !db.UserRoles.Any(ur => ur.UserId == u.Id && staffRoles.Contains(ur.RoleId)));
    }

    public IQueryable<ConsultationResponse> ResponseQuery(string query) => IsResponseReference(query)
        ? db.ConsultationResponses.Where(r => r.Reference == query)
        : IsFeedbackReference(query)
            ? db.ConsultationResponses.Where(r => false)
            : db.ConsultationResponses.Where(r => r.Email != null && r.Email.ToLower() == query);

    public IQueryable<Domain.Alerts.AlertSubscription> AlertQuery(string query) => db.AlertSubscriptions.Where(a => a.Email.ToLower() == query);

    public IQueryable<FeedbackItem> FeedbackQuery(string query) => IsFeedbackReference(query)
        ? db.FeedbackItems.Where(f => f.Reference == query)
        : IsResponseReference(query)
            ? db.FeedbackItems.Where(f => false)
            : db.FeedbackItems.Where(f => f.ContactEmail != null && f.ContactEmail.ToLower() == query);

    public IQueryable<Registration> BookingQuery(string query) => db.Registrations.Where(r => r.NormalisedEmail == query);

    public IQueryable<Domain.Email.OutboxMessage> EmailQuery(string query) => db.OutboxMessages.Where(m => m.ToAddress.ToLower() == query);
}

public sealed record RecordDataRequest(DataRequestKind Kind, DateOnly ReceivedOn, string? CaseReference, string UserId);

public sealed record EraseHeldData(int RequestId, string Query, string? Reason, SafeguardingDecision? Decision, string UserId);

public sealed record ErasureCounts(int Feedback, int Bookings, int Emails, int KeptForSafeguarding, int Alerts = 0, int ConsultationResponses = 0, int Accounts = 0, int StaffAccountsRefused = 0);

/// <summary>Recording, erasing and completing data requests; each step audited with ids and counts only.</summary>
public sealed class DataRequestHandler(
    EngagementDbContext db,
    TimeProvider clock,
    PersonalDataSearch search,
    PersonalDataRemoval removal,
    ProviderAccountErasure accounts,
    CancelRegistrationHandler cancellations)
{
    public Task<DomainResult<int>> RecordAsync(RecordDataRequest command, CancellationToken cancellationToken = default) =>
        db.InTransactionAsync(async token =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var recorded = DataRequest.Record(command.Kind, command.ReceivedOn, command.CaseReference, command.UserId, now);
            if (!recorded.Succeeded)
            {
                return DomainResult<int>.Refused(recorded.Error!, recorded.Field);
            }

            db.DataRequests.Add(recorded.Value!);
            await db.SaveChangesAsync(token);
            db.AuditRecords.Add(DataRequestAudit.Record(DataRequestAudit.Recorded, recorded.Value!.Id, command.UserId, now, "kind=" + command.Kind));
            await db.SaveChangesAsync(token);
            return DomainResult<int>.Ok(recorded.Value.Id);
        }, cancellationToken);

    /// <summary>Audits a search or an export (who, when, which request, how much was found).</summary>
    public async Task AuditAsync(int requestId, string action, HeldData found, string userId, CancellationToken cancellationToken)
    {
        db.AuditRecords.Add(DataRequestAudit.Record(action, requestId, userId, clock.GetUtcNow().UtcDateTime, found.Counts));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Erases what the query finds: feedback to a stub (unless kept for safeguarding), bookings' details (a live booking
    /// is cancelled first and its place offered to the waiting list), consultation responses' address and written
    /// answers (the options chosen stay, uncounted by anyone, so the published figures stay true), provider accounts'
    /// personal data (the account is closed for good; the organisation's public record stays), email alerts, and every
    /// email to the address. Staff accounts are refused. Safeguarding feedback and responses need a decision; under
    /// "keep" they and their holds stay.
    /// </summary>
    public Task<DomainResult<ErasureCounts>> EraseAsync(EraseHeldData command, CancellationToken cancellationToken = default) =>
        db.InTransactionAsync(async token =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var request = await db.DataRequests.SingleOrDefaultAsync(r => r.Id == command.RequestId, token);
            if (request is null)
            {
                return DomainResult<ErasureCounts>.Refused("There is no such request", "Query");
            }

            var items = await search.FeedbackQuery(command.Query).ToListAsync(token);
            var ids = items.Select(f => f.Id).ToList();
            var holds = await db.RetentionHolds.Where(h => ids.Contains(h.FeedbackItemId) && h.ReleasedAt == null).ToListAsync(token);
            var safeguarding = items.Where(f => f.Flag == FeedbackFlag.SafeguardingConcern || holds.Any(h => h.FeedbackItemId == f.Id)).ToList();
            var responses = await search.ResponseQuery(command.Query).Include(r => r.Answers).ToListAsync(token);
            var safeguardingResponses = responses
                .Where(r => (r.Flag == ResponseFlag.SafeguardingConcern || r.PossibleSafeguarding) && (r.Email is not null || r.Answers.Any(a => !string.IsNullOrEmpty(a.Text))))
                .ToList();
            var anySafeguarding = safeguarding.Count > 0 || safeguardingResponses.Count > 0;
            if (anySafeguarding && command.Decision is null)
            {
                return DomainResult<ErasureCounts>.Refused("Select what to do with the safeguarding feedback", "Decision");
            }

            var recorded = request.RecordErasure(command.Reason, anySafeguarding ? command.Decision : null, now);
            if (!recorded.Succeeded)
            {
                return DomainResult<ErasureCounts>.Refused(recorded.Error!, recorded.Field);
            }

            if (command.Decision == SafeguardingDecision.ReleaseAndErase)
            {
                foreach (var hold in holds)
                {
                    hold.Release(command.UserId, now);
                }

                await db.SaveChangesAsync(token);
            }

            var release = command.Decision == SafeguardingDecision.ReleaseAndErase;
            var kept = release ? 0 : safeguarding.Count + safeguardingResponses.Count;
            var feedback = 0;
            foreach (var item in items.Where(f => release || !safeguarding.Contains(f)).Where(f => !f.IsErased))
            {
                var erased = await removal.ApplyAsync(item, FeedbackChoice.Delete, command.UserId, token);
                feedback += erased.Succeeded ? 1 : 0;
            }

            var erasedResponses = 0;
            foreach (var response in responses.Where(r => release || !safeguardingResponses.Contains(r)))
            {
                erasedResponses += await removal.ApplyAsync(response, command.UserId, token) ? 1 : 0;
            }

            var bookings = 0;
            var emails = 0;
            var alerts = 0;
            var closedAccounts = 0;
            var staffAccounts = 0;
            if (!PersonalDataSearch.IsReference(command.Query))
            {
                foreach (var registration in await search.BookingQuery(command.Query).ToListAsync(token))
                {
                    var cancelled = registration.Cancel(now);
                    if (cancelled is { Succeeded: true, Value: true })
                    {
                        await db.SaveChangesAsync(token);
                        await db.Events.Where(e => e.Id == registration.EventId && e.ConfirmedCount > 0)
                            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ConfirmedCount, e => e.ConfirmedCount - 1), token);
                        await cancellations.PromoteAsync(registration.EventId, now, token);
                    }

                    bookings += (await removal.ApplyAsync(registration, BookingChoice.RemoveDetails, command.UserId, token)).Succeeded ? 1 : 0;
                }

                staffAccounts = await search.AccountQuery(command.Query).CountAsync(token) - await search.ErasableAccountQuery(command.Query).CountAsync(token);
                foreach (var account in await search.ErasableAccountQuery(command.Query).ToListAsync(token))
                {
                    closedAccounts += await accounts.EraseAsync(account, command.UserId, token) ? 1 : 0;
                }

                emails = await removal.DeleteEmailsAsync(search.EmailQuery(command.Query), token);
                alerts = await search.AlertQuery(command.Query).ExecuteDeleteAsync(token);
            }

            var counts = new ErasureCounts(feedback, bookings, emails, kept, alerts, erasedResponses, closedAccounts, staffAccounts);
            db.AuditRecords.Add(DataRequestAudit.Record(DataRequestAudit.Erased, request.Id, command.UserId, now,
                $"feedback={feedback};bookings={bookings};emails={emails};alerts={alerts};responses={erasedResponses};accounts={closedAccounts};kept-for-safeguarding={kept}" +
                (staffAccounts > 0 ? ";staff-accounts-refused=" + staffAccounts : "") +
                (command.Decision is { } decision && anySafeguarding ? ";decision=" + decision : "")));
            await db.SaveChangesAsync(token);
            return DomainResult<ErasureCounts>.Ok(counts);
        }, cancellationToken);

    public Task<DomainResult> CompleteAsync(int requestId, string userId, CancellationToken cancellationToken = default) =>
        db.InTransactionAsync(async token =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var request = await db.DataRequests.SingleOrDefaultAsync(r => r.Id == requestId, token);
            if (request is null)
            {
                return DomainResult.Refused("There is no such request");
            }

            var completed = request.Complete(userId, now);
            if (completed.Succeeded)
            {
                db.AuditRecords.Add(DataRequestAudit.Record(DataRequestAudit.Completed, request.Id, userId, now));
                await db.SaveChangesAsync(token);
            }

            return completed;
        }, cancellationToken);
}
