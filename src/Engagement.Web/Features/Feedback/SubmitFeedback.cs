using Engagement.Domain.Auditing;
using Engagement.Domain.Common;
using Engagement.Domain.Feedback;
using Engagement.Infrastructure;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Email;
using Engagement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Engagement.Web.Features.Feedback;

/// <summary>
/// One feedback item to record, from the online form or entered by staff on someone's behalf. The caller has validated
/// the answers; <see cref="TrackingToken"/> is the private link token (only its hash is stored) and
/// <see cref="SubmissionKey"/> makes a repeated submission return the first result.
/// </summary>
public sealed record SubmitFeedback(
    SubmitterRole Role,
    ProviderType? ProviderType,
    ServiceSection Section,
    string Text,
    IReadOnlyList<int> Priorities,
    int? EventId,
    FeedbackChannel Channel,
    string? ContactName,
    string? ContactEmail,
    bool ConsentToContact,
    bool ConsentToProgressUpdates,
    string SubmissionKey,
    string TrackingToken,
    bool LooksLikeBot = false,
    string? EnteredByUserId = null,
    string? ProviderAccountId = null);

/// <summary>What the person is shown: the reference and their private tracking link token.</summary>
public sealed record FeedbackReceipt(string Reference, string TrackingToken, bool Created);

public sealed class SubmitFeedbackHandler(
    EngagementDbContext db,
    ReferenceNumbers references,
    EmailOutbox outbox,
    SafeguardingSignals signals,
    TimeProvider clock,
    IOptions<ServiceOptions> service,
    FirstResponsePromise promise,
    Engagement.Infrastructure.Privacy.UnsubscribeLinks unsubscribe)
{
    public async Task<FeedbackReceipt> HandleAsync(SubmitFeedback command, CancellationToken cancellationToken = default)
    {
        if (await FindExistingAsync(command, cancellationToken) is { } existing)
        {
            return existing;
        }

        try
        {
            return await db.InTransactionAsync(token => CreateAsync(command, token), cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent submission of the same form won the unique index on SubmissionKey: show its result.
            db.ChangeTracker.Clear();
            if (await FindExistingAsync(command, cancellationToken) is { } winner)
            {
                return winner;
            }

            throw;
        }
    }

    private async Task<FeedbackReceipt> CreateAsync(SubmitFeedback command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var number = await references.NextAsync(ReferenceNumbers.Feedback, now.Year, cancellationToken);
        var item = FeedbackItem.Receive(
            new NewFeedback(command.Role, command.ProviderType, command.Section, command.Text, command.Channel, command.Priorities, command.EventId,
                command.ContactName, command.ContactEmail, command.ConsentToContact, command.ConsentToProgressUpdates, command.SubmissionKey, command.EnteredByUserId, command.ProviderAccountId),
            FeedbackItem.FormatReference(now.Year, number),
            SecureToken.Hash(command.TrackingToken),
            now,
            possibleSafeguarding: signals.Matches(command.Text),
            looksLikeBot: command.LooksLikeBot);
        db.FeedbackItems.Add(item);
        await db.SaveChangesAsync(cancellationToken);

        db.AuditRecords.Add(new AuditRecord
        {
            At = now,
            ActorUserId = command.EnteredByUserId,
            Action = "feedback.created",
            EntityType = nameof(FeedbackItem),
            EntityId = item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Detail = $"channel={command.Channel}" + (item.IsQuarantined ? ";quarantined" : ""),
        });

        if (item.ContactEmail is not null && (item.ConsentToContact || item.ConsentToProgressUpdates) && !item.IsQuarantined)
        {
            var trackingLink = service.Value.Link("/feedback/track/" + command.TrackingToken);
            outbox.Queue(FeedbackEmails.Acknowledgement(service.Value, item.ContactEmail, item.Reference, trackingLink, item.Id, promise.WorkingDays,
                item.ConsentToProgressUpdates ? unsubscribe.ForFeedback([item.Id]) : null));
        }

        await Providers.DedicatedCommissionerNotice.QueueFeedbackAsync(db, outbox, service.Value, item, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new FeedbackReceipt(item.Reference, command.TrackingToken, Created: true);
    }

    private async Task<FeedbackReceipt?> FindExistingAsync(SubmitFeedback command, CancellationToken cancellationToken)
    {
        var found = await db.FeedbackItems.AsNoTracking()
            .Where(f => f.SubmissionKey == command.SubmissionKey)
            .Select(f => new { f.Reference, f.TrackingTokenHash })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        // The token travels with the submission key in the same protected draft; a key replayed with another token
        // gets no link to somebody else's item.
        return found.TrackingTokenHash == SecureToken.Hash(command.TrackingToken)
            ? new FeedbackReceipt(found.Reference, command.TrackingToken, Created: false)
            : throw new InvalidOperationException("The submission key was already used with a different tracking token.");
    }
}
