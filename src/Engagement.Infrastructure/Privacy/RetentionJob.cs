using Engagement.Domain.Auditing;
using Engagement.Domain.Events;
using Engagement.Domain.Feedback;
using Engagement.Domain.Responses;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Email;
using Engagement.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Engagement.Infrastructure.Privacy;

/// <summary>
/// Applies the retention policy, daily. Each rule is one set-based update or delete whose condition excludes what is
/// already removed, run in its own unit of work with its audit record (the rule and a count, never a value). So a second
/// run, or a second instance running at the same moment, finds nothing left to do and records nothing.
/// Items under an active safeguarding hold are never touched.
/// </summary>
public sealed class RetentionJob(EngagementDbContext db, TimeProvider clock, RetentionPolicy policy, SentMailCopies copies, ILogger<RetentionJob> logger)
{
    public const string AuditAction = "retention.applied";

    public static class Rules
    {
        public const string ContactDetails = "feedback-contact-details";
        public const string FeedbackText = "feedback-text";
        public const string Safeguarding = "safeguarding-feedback";
        public const string Bookings = "booking-details";
        public const string ConsultationEmails = "consultation-response-emails";
        public const string UnconfirmedAccounts = "unconfirmed-provider-accounts";
        public const string EmailRecords = "email-records";
        public const string Audit = "audit-records";
    }

    public async Task<IReadOnlyDictionary<string, int>> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var counts = new Dictionary<string, int>
        {
            [Rules.ContactDetails] = await ApplyAsync(Rules.ContactDetails, now, token =>
                Unheld(ClosedBefore(now.AddMonths(-policy.ContactDetailsMonths)))
                    .Where(f => f.ContactDetailsDeletedAt == null && (f.ContactEmail != null || f.ContactName != null))
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(f => f.ContactName, (string?)null)
                        .SetProperty(f => f.ContactEmail, (string?)null)
                        .SetProperty(f => f.ConsentToContact, false)
                        .SetProperty(f => f.ConsentToProgressUpdates, false)
                        .SetProperty(f => f.ContactDetailsDeletedAt, now), token), cancellationToken),
            [Rules.FeedbackText] = await ApplyAsync(Rules.FeedbackText, now, token =>
                EraseAsync(Unheld(ClosedBefore(now.AddMonths(-policy.FeedbackTextMonths))), now, token), cancellationToken),
            [Rules.Safeguarding] = await ApplyAsync(Rules.Safeguarding, now, token =>
            {
                var cutoff = now.AddMonths(-policy.SafeguardingMonths);
                return EraseAsync(Unheld(db.FeedbackItems.Where(f => f.Flag == FeedbackFlag.SafeguardingConcern && f.FlaggedAt < cutoff)), now, token);
            }, cancellationToken),
            [Rules.Bookings] = await ApplyAsync(Rules.Bookings, now, token =>
            {
                var cutoff = now.AddMonths(-policy.BookingMonths);
                return db.Registrations
                    .Where(r => r.PersonalDetailsDeletedAt == null && db.Events.Any(e => e.Id == r.EventId && e.EndsAt < cutoff))
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(r => r.Name, "")
                        .SetProperty(r => r.Email, "")
                        .SetProperty(r => r.NormalisedEmail, r => Registration.RemovedEmailPrefix + r.Id.ToString())
                        .SetProperty(r => r.Organisation, (string?)null)
                        .SetProperty(r => r.AccessNeeds, (string?)null)
                        .SetProperty(r => r.RemindersStopped, true)
                        .SetProperty(r => r.PersonalDetailsDeletedAt, now), token);
            }, cancellationToken),
            [Rules.ConsultationEmails] = await ApplyAsync(Rules.ConsultationEmails, now, token =>
            {
                // The set-based twin of ConsultationResponse.RemoveContactDetails, for consultations that closed long ago.
                var cutoff = now.AddMonths(-policy.ContactDetailsMonths);
                return db.ConsultationResponses
                    .Where(r => r.Email != null && db.Consultations.Any(c => c.Id == r.ConsultationId && c.ClosesAt < cutoff))
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(r => r.Email, (string?)null)
                        .SetProperty(r => r.WantsAcknowledgement, false)
                        .SetProperty(r => r.WantsOutcome, false), token);
            }, cancellationToken),
            [Rules.UnconfirmedAccounts] = await ApplyAsync(Rules.UnconfirmedAccounts, now, async token =>
            {
                var cutoff = now.AddDays(-policy.UnconfirmedAccountDays);
                var staffRoles = db.Roles.Where(r => r.Name == Roles.Admin || r.Name == Roles.Commissioner).Select(r => r.Id);
                return await db.Users
                    .Where(u => !u.EmailConfirmed && u.LastSignInAt == null && u.CreatedAt < cutoff &&
                        !db.UserRoles.Any(ur => ur.UserId == u.Id && staffRoles.Contains(ur.RoleId)) &&
                        db.UserRoles.Any(ur => ur.UserId == u.Id))
                    .ExecuteDeleteAsync(token);
            }, cancellationToken),
            [Rules.EmailRecords] = await ApplyAsync(Rules.EmailRecords, now, async token =>
            {
                var cutoff = now.AddMonths(-policy.EmailRecordMonths);
                var due = db.OutboxMessages.Where(m => (m.SentAt != null || m.FailedAt != null) && m.CreatedAt < cutoff);
                if (!copies.Kept)
                {
                    return await due.ExecuteDeleteAsync(token);
                }

                // The pickup folder keeps a file per message: those go with their rows.
                var ids = await due.Select(m => m.Id).ToListAsync(token);
                var deleted = await db.OutboxMessages.Where(m => ids.Contains(m.Id)).ExecuteDeleteAsync(token);
                copies.Delete(ids);
                return deleted;
            }, cancellationToken),
            [Rules.Audit] = await ApplyAsync(Rules.Audit, now, token =>
            {
                var cutoff = now.AddMonths(-policy.AuditMonths);
                return db.AuditRecords.Where(a => a.At < cutoff).ExecuteDeleteAsync(token);
            }, cancellationToken),
        };

        if (counts.Values.Any(c => c > 0))
        {
            await SqliteMaintenance.CheckpointAsync(db, cancellationToken);
        }

        foreach (var (rule, count) in counts)
        {
            logger.LogInformation("Retention rule {Rule} removed {Count} record(s)", rule, count);
        }

        return counts;
    }

    /// <summary>
    /// Closed: marked not for publication, quarantined as a likely bot, or part of an entry that is completed or not
    /// taken forward, measured from the flag, the submission or the entry's last public change. Never safeguarding
    /// concerns, which have their own rule.
    /// </summary>
    private IQueryable<FeedbackItem> ClosedBefore(DateTime cutoff) =>
        db.FeedbackItems.Where(f => f.Flag != FeedbackFlag.SafeguardingConcern && (
            (f.Flag == FeedbackFlag.NotForPublication && f.FlaggedAt < cutoff) ||
            (f.IsQuarantined && f.SubmittedAt < cutoff) ||
            db.ResponseEntries.Any(e => e.Id == f.ResponseEntryId &&
                (e.Status == ResponseStatus.Completed || e.Status == ResponseStatus.NotTakenForward) && e.LastUpdatedAt < cutoff)));

    private IQueryable<FeedbackItem> Unheld(IQueryable<FeedbackItem> items) =>
        items.Where(f => !db.RetentionHolds.Any(h => h.FeedbackItemId == f.Id && h.ReleasedAt == null));

    /// <summary>The set-based twin of <see cref="FeedbackItem.EraseContent"/>: the same values, and the notes go too.</summary>
    private async Task<int> EraseAsync(IQueryable<FeedbackItem> items, DateTime now, CancellationToken token)
    {
        var due = items.Where(f => f.ContentErasedAt == null);
        await db.FeedbackNotes.Where(n => due.Any(f => f.Id == n.FeedbackItemId)).ExecuteDeleteAsync(token);
        // Where search uses the trigram tables (SQL Server), the erased text's trigrams go too, and the replacement's
        // are written once the text is replaced (on SQLite the FTS5 table's triggers follow the update).
        await SearchGrams.ForgetAsync(db, TextSearch.FeedbackItems, due.Select(f => f.Id), token);
        var erased = await due.ExecuteUpdateAsync(s => s
            .SetProperty(f => f.Text, FeedbackItem.ErasedText)
            .SetProperty(f => f.FlagNote, (string?)null)
            .SetProperty(f => f.SubmissionKey, (string?)null)
            .SetProperty(f => f.ContactName, (string?)null)
            .SetProperty(f => f.ContactEmail, (string?)null)
            .SetProperty(f => f.ConsentToContact, false)
            .SetProperty(f => f.ConsentToProgressUpdates, false)
            .SetProperty(f => f.ContactDetailsDeletedAt, f => f.ContactDetailsDeletedAt ?? now)
            .SetProperty(f => f.ContentErasedAt, now), token);
        await SearchGrams.IndexMissingAsync(db, TextSearch.FeedbackItems, token);
        return erased;
    }

    private Task<int> ApplyAsync(string rule, DateTime now, Func<CancellationToken, Task<int>> remove, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async token =>
        {
            var count = await remove(token);
            if (count > 0)
            {
                db.AuditRecords.Add(new AuditRecord { At = now, Action = AuditAction, EntityType = "RetentionRule", EntityId = rule, Detail = "count=" + count });
                await db.SaveChangesAsync(token);
            }

            return count;
        }, cancellationToken);
}
