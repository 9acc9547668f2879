using Engagement.Domain.Auditing;
using Engagement.Domain.Common;
using Engagement.Domain.Consultations;
using Engagement.Domain.Events;
using Engagement.Domain.Feedback;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Email;
using Engagement.Infrastructure.Events;
using Engagement.Infrastructure.Privacy;
using Engagement.Infrastructure.Security;
using Engagement.Web.Features.Consultations;
using Engagement.Web.Features.Events;
using Engagement.Web.Features.Feedback;
using Engagement.Web.Features.Responses;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Features.Privacy;

/// <summary>What a person can do about their feedback from its private link, without an account.</summary>
public enum FeedbackChoice
{
    StopEmails = 1,
    RemoveDetails = 2,
    Delete = 3,
}

/// <summary>What a person can do about a booking from its private link.</summary>
public enum BookingChoice
{
    StopReminders = 1,
    RemoveDetails = 2,
}

public static class WithdrawalAudit
{
    public const string ProgressEmailsStopped = "privacy.progress-emails-stopped";
    public const string ContactDetailsRemoved = "privacy.contact-details-removed";
    public const string FeedbackErased = "privacy.feedback-erased";
    public const string RemindersStopped = "privacy.reminders-stopped";
    public const string BookingDetailsRemoved = "privacy.booking-details-removed";
    public const string ConsultationResponseErased = "privacy.consultation-response-erased";
    public const string AccountErased = "privacy.account-erased";

    public static AuditRecord Record(string action, string entityType, int id, string? actorUserId, DateTime at, string detail) =>
        new() { At = at, ActorUserId = actorUserId, Action = action, EntityType = entityType, EntityId = id.ToString(System.Globalization.CultureInfo.InvariantCulture), Detail = detail };
}

/// <summary>
/// Withdrawal and erasure of one feedback item or one booking, in the caller's unit of work: the domain method, the
/// outbox rows that carry the person's address about this record, and an audit record without personal data. Used by
/// the private pages (the person, "by=person") and by staff answering a request ("by=staff").
/// </summary>
public sealed class PersonalDataRemoval(EngagementDbContext db, TimeProvider clock, SentMailCopies copies)
{
    public async Task<DomainResult> ApplyAsync(FeedbackItem item, FeedbackChoice choice, string? staffUserId, CancellationToken cancellationToken)
    {
        if (choice == FeedbackChoice.StopEmails && !item.ConsentToProgressUpdates)
        {
            return DomainResult.Ok; // already stopped: nothing to change or record
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var by = staffUserId is null ? "by=person" : "by=staff";
        var underHold = await db.RetentionHolds.AnyAsync(h => h.FeedbackItemId == item.Id && h.ReleasedAt == null, cancellationToken);
        if (underHold && choice != FeedbackChoice.StopEmails)
        {
            return DomainResult.Refused("This feedback is on a safeguarding hold, so we must keep it for now. Contact us if you want to talk about it.", "Choice");
        }

        if (choice != FeedbackChoice.StopEmails && item.ContactEmail is { } email)
        {
            await RemoveOutboxAsync(email, [FeedbackEmails.AcknowledgementKind], [item.Id], cancellationToken);
            if (item.ResponseEntryId is { } entryId)
            {
                await RemoveOutboxAsync(email, [ProgressEmails.Kind], [entryId], cancellationToken);
            }
        }

        DomainResult result;
        string action;
        switch (choice)
        {
            case FeedbackChoice.StopEmails:
                result = item.StopProgressEmails();
                action = WithdrawalAudit.ProgressEmailsStopped;
                break;
            case FeedbackChoice.RemoveDetails:
                result = item.RemoveContactDetails(now);
                action = WithdrawalAudit.ContactDetailsRemoved;
                break;
            default:
                await db.Entry(item).Collection(f => f.Notes).LoadAsync(cancellationToken);
                result = item.EraseContent(now, underHold);
                action = WithdrawalAudit.FeedbackErased;
                break;
        }

        if (result.Succeeded)
        {
            db.AuditRecords.Add(WithdrawalAudit.Record(action, "FeedbackItem", item.Id, staffUserId, now, by));
            await db.SaveChangesAsync(cancellationToken);
        }

        return result;
    }

    public async Task<DomainResult> ApplyAsync(Registration registration, BookingChoice choice, string? staffUserId, CancellationToken cancellationToken)
    {
        if (choice == BookingChoice.StopReminders && registration.RemindersStopped)
        {
            return DomainResult.Ok;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        DomainResult result;
        string action;
        if (choice == BookingChoice.StopReminders)
        {
            result = registration.StopReminders();
            action = WithdrawalAudit.RemindersStopped;
        }
        else
        {
            var email = registration.Email;
            result = registration.RemovePersonalDetails(now);
            action = WithdrawalAudit.BookingDetailsRemoved;
            if (result.Succeeded && email.Length > 0)
            {
                await RemoveOutboxAsync(email, null, [registration.Id], cancellationToken);
            }
        }

        if (result.Succeeded)
        {
            db.AuditRecords.Add(WithdrawalAudit.Record(action, "Registration", registration.Id, staffUserId, now, staffUserId is null ? "by=person" : "by=staff"));
            await db.SaveChangesAsync(cancellationToken);
        }

        return result;
    }

    /// <summary>
    /// A consultation response, for a data request: the address goes (no more emails) and every written answer is
    /// erased; the options chosen stay, so the counted figures and a published outcome stay true. The emails to the
    /// address about this response go too.
    /// </summary>
    /// <returns>False when nothing personal was left to erase.</returns>
    public async Task<bool> ApplyAsync(ConsultationResponse response, string? staffUserId, CancellationToken cancellationToken)
    {
        if (response.Email is null && response.Answers.All(a => string.IsNullOrEmpty(a.Text)))
        {
            return false;
        }

        if (response.Email is { } email)
        {
            await RemoveOutboxAsync(email, [ConsultationEmails.AcknowledgementKind, ConsultationEmails.OutcomeKind], [response.Id], cancellationToken);
        }

        response.RemoveContactDetails();
        response.EraseText();
        db.AuditRecords.Add(WithdrawalAudit.Record(WithdrawalAudit.ConsultationResponseErased, "ConsultationResponse", response.Id, staffUserId,
            clock.GetUtcNow().UtcDateTime, staffUserId is null ? "by=person" : "by=staff"));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Deletes these outbox rows, sent or not, and the app's own copies of them (the pickup folder's files).</summary>
    public async Task<int> DeleteEmailsAsync(IQueryable<Domain.Email.OutboxMessage> rows, CancellationToken cancellationToken)
    {
        var ids = await rows.Select(m => m.Id).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return 0;
        }

        var deleted = await db.OutboxMessages.Where(m => ids.Contains(m.Id)).ExecuteDeleteAsync(cancellationToken);
        copies.Delete(ids);
        return deleted;
    }

    /// <summary>Outbox rows to this address about these records (of these kinds, or any), sent or not.</summary>
    private Task<int> RemoveOutboxAsync(string email, string[]? kinds, int[] relatedIds, CancellationToken cancellationToken)
    {
        var normalised = email.Trim().ToLowerInvariant();
        var related = relatedIds.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var rows = db.OutboxMessages.Where(m => m.ToAddress.ToLower() == normalised && m.RelatedId != null && related.Contains(m.RelatedId));
        if (kinds is not null)
        {
            rows = rows.Where(m => kinds.Contains(m.Kind));
        }

        return DeleteEmailsAsync(rows, cancellationToken);
    }
}

internal static class Removal
{
    /// <summary>After a removal that succeeded, clears the SQLite write-ahead log of the old values.</summary>
    public static async Task<DomainResult?> ThenCheckpointAsync(EngagementDbContext db, Task<DomainResult?> removal, CancellationToken cancellationToken)
    {
        var result = await removal;
        if (result is { Succeeded: true })
        {
            await SqliteMaintenance.CheckpointAsync(db, cancellationToken);
        }

        return result;
    }
}

/// <summary>The private tracking page's choices: finds the item by its link's token, applies the choice at once.</summary>
public sealed class WithdrawFeedbackHandler(EngagementDbContext db, PersonalDataRemoval removal)
{
    /// <returns>Null when no item has that token.</returns>
    public Task<DomainResult?> HandleAsync(string trackingToken, FeedbackChoice choice, CancellationToken cancellationToken = default)
    {
        var hash = SecureToken.Hash(trackingToken);
        return Removal.ThenCheckpointAsync(db, db.InTransactionAsync<DomainResult?>(async token =>
        {
            var item = await db.FeedbackItems.SingleOrDefaultAsync(f => f.TrackingTokenHash == hash, token);
            return item is null ? null : await removal.ApplyAsync(item, choice, null, token);
        }, cancellationToken), cancellationToken);
    }
}

/// <summary>The booking page's choices. Removing details from a live booking cancels it first (freeing the place).</summary>
public sealed class WithdrawBookingHandler(EngagementDbContext db, PersonalDataRemoval removal, CancelRegistrationHandler cancel)
{
    /// <returns>Null when no booking has that token.</returns>
    public async Task<DomainResult?> HandleAsync(string bookingToken, BookingChoice choice, CancellationToken cancellationToken = default)
    {
        var hash = SecureToken.Hash(bookingToken);
        if (choice == BookingChoice.RemoveDetails &&
            await db.Registrations.AnyAsync(r => r.TokenHash == hash && (r.Status == RegistrationStatus.Confirmed || r.Status == RegistrationStatus.Waitlisted), cancellationToken))
        {
            var cancelled = await cancel.HandleAsync(new CancelRegistration(bookingToken), cancellationToken);
            if (cancelled is not { Succeeded: true })
            {
                return cancelled;
            }
        }

        return await Removal.ThenCheckpointAsync(db, db.InTransactionAsync<DomainResult?>(async token =>
        {
            var registration = await db.Registrations.SingleOrDefaultAsync(r => r.TokenHash == hash, token);
            return registration is null ? null : await removal.ApplyAsync(registration, choice, null, token);
        }, cancellationToken), cancellationToken);
    }
}

/// <summary>The one-click unsubscribe: stops progress emails for the items, or reminders for the booking, in the link.</summary>
public sealed class UnsubscribeHandler(EngagementDbContext db, PersonalDataRemoval removal)
{
    public Task<int> HandleAsync(Unsubscription what, CancellationToken cancellationToken = default) =>
        db.InTransactionAsync(async token =>
        {
            var ids = what.Ids.ToList();
            var count = 0;
            if (what.Kind == UnsubscribeKind.ProgressEmails)
            {
                foreach (var item in await db.FeedbackItems.Where(f => ids.Contains(f.Id)).ToListAsync(token))
                {
                    count += (await removal.ApplyAsync(item, FeedbackChoice.StopEmails, null, token)).Succeeded ? 1 : 0;
                }
            }
            else if (what.Kind == UnsubscribeKind.EmailAlerts)
            {
                // Deleting the subscription stops every alert and ends its manage link; the address is not kept.
                count = await db.AlertSubscriptions.Where(s => ids.Contains(s.Id)).ExecuteDeleteAsync(token);
            }
            else if (what.Kind == UnsubscribeKind.ForumAgendaItemProgress)
            {
                foreach (var item in await db.AgendaItems.Where(i => ids.Contains(i.Id) && !i.ProgressEmailsStopped).ToListAsync(token))
                {
                    item.StopProgressEmails();
                    count++;
                }

                await db.SaveChangesAsync(token);
            }
            else if (what.Kind == UnsubscribeKind.ConsultationOutcome)
            {
                // The consultation's outcome email is the only one left to send: the address goes with it.
                foreach (var response in await db.ConsultationResponses.Where(r => ids.Contains(r.Id) && r.Email != null).ToListAsync(token))
                {
                    response.RemoveContactDetails();
                    count++;
                }

                await db.SaveChangesAsync(token);
            }
            else
            {
                foreach (var registration in await db.Registrations.Where(r => ids.Contains(r.Id)).ToListAsync(token))
                {
                    count += (await removal.ApplyAsync(registration, BookingChoice.StopReminders, null, token)).Succeeded ? 1 : 0;
                }
            }

            return count;
        }, cancellationToken);
}
