using System.Globalization;
using Engagement.Domain.Auditing;
using Engagement.Domain.Common;
using Engagement.Domain.Feedback;
using Engagement.Domain.Priorities;
using Engagement.Domain.Responses;
using Engagement.Infrastructure.Data;
using Engagement.Web.Features.Publishing;
using Engagement.Web.Features.Triage;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Features.Responses;

/// <summary>
/// Create (no <see cref="Id"/>) or edit an entry. The page has checked lengths and required fields; this checks what
/// needs the database: live priorities, feedback references that exist and may be published, events that exist, and
/// that nobody else saved the entry since the form was loaded. A new entry made from a forum action
/// (<see cref="ForumActionId"/>) is linked to that action (once only) and to its forum's event in the same transaction.
/// </summary>
public sealed record SaveResponseEntry(
    int? Id,
    Guid? ExpectedVersion,
    string Title,
    string YouSaidSummary,
    string WeDidMarkdown,
    IReadOnlyList<int> Priorities,
    ServiceSection Section,
    string OwnerTeam,
    DateOnly? TargetDate,
    IReadOnlyList<string> FeedbackReferences,
    IReadOnlyList<int> EventIds,
    string UserId,
    int? ForumActionId = null);

public sealed class SaveResponseEntryHandler(
    EngagementDbContext db,
    ReferenceNumbers references,
    TimeProvider clock,
    PublicPagesCache publicPages)
{
    public async Task<DomainResult<int>> HandleAsync(SaveResponseEntry command, CancellationToken cancellationToken = default)
    {
        var live = (await db.Priorities.AsNoTracking().Where(p => p.IsLive).Select(p => p.Number).ToListAsync(cancellationToken)).ToHashSet();
        var priorities = PrioritySelection.Create(command.Priorities, live);
        if (!priorities.Succeeded)
        {
            return DomainResult<int>.Refused(priorities.Error!, "Priorities");
        }

        var eventIds = command.EventIds.Distinct().ToList();
        Domain.Forums.ForumAction? action = null;
        if (command.ForumActionId is { } actionId)
        {
            action = await db.ForumActions.SingleOrDefaultAsync(a => a.Id == actionId, cancellationToken);
            if (command.Id is not null || action is null)
            {
                return DomainResult<int>.NotFound("The forum action was not found");
            }

            if (action.CheckCanBecomeEntry() is { Succeeded: false } taken)
            {
                return taken.As<int>();
            }

            if (!eventIds.Contains(action.EventId))
            {
                eventIds.Add(action.EventId);
            }
        }

        var knownEvents = await db.Events.AsNoTracking().Where(e => eventIds.Contains(e.Id)).Select(e => e.Id).ToListAsync(cancellationToken);
        if (knownEvents.Count != eventIds.Count)
        {
            return DomainResult<int>.Refused("Select events from the list", "EventIds");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var published = false;
        var result = await db.InTransactionAsync(async token =>
        {
            var wanted = command.FeedbackReferences.Select(r => r.Trim().ToUpperInvariant()).Where(r => r.Length > 0).Distinct().ToList();
            var items = await db.FeedbackItems.Include(f => f.ResponseEntry).Where(f => wanted.Contains(f.Reference)).ToListAsync(token);
            var unknown = wanted.Except(items.Select(i => i.Reference)).ToList();
            if (unknown.Count > 0)
            {
                return DomainResult<int>.Refused($"There is no feedback item {string.Join(", ", unknown)}", "FeedbackReferences");
            }

            if (items.Select(i => i.CannotLinkReason).FirstOrDefault(r => r is not null) is { } refusal)
            {
                return DomainResult<int>.Refused(refusal, "FeedbackReferences");
            }

            ResponseEntry entry;
            if (command.Id is { } id)
            {
                var found = await db.ResponseEntries.Include(e => e.Priorities).Include(e => e.Events).SingleOrDefaultAsync(e => e.Id == id, token);
                if (found is null)
                {
                    return EntryConcurrency.NotFound;
                }

                if (command.ExpectedVersion is not { } expected || EntryConcurrency.IsStale(db, found, expected))
                {
                    return EntryConcurrency.Conflict;
                }

                entry = found;
            }
            else
            {
                var number = await references.NextAsync(ReferenceNumbers.Response, now.Year, token);
                entry = ResponseEntry.Create(ResponseEntry.FormatReference(now.Year, number), command.Title, command.UserId, now);
                db.ResponseEntries.Add(entry);
            }

            entry.Title = command.Title.Trim();
            entry.YouSaidSummary = command.YouSaidSummary.Trim();
            entry.WeDidMarkdown = command.WeDidMarkdown.Trim();
            entry.Section = command.Section;
            entry.OwnerTeam = command.OwnerTeam.Trim();
            entry.TargetDate = command.TargetDate;
            entry.Priorities.RemoveAll(p => !priorities.Value!.Contains(p.PriorityNumber));
            entry.Priorities.AddRange(priorities.Value!.Where(n => entry.Priorities.All(p => p.PriorityNumber != n))
                .Select(n => new ResponseEntryPriority { PriorityNumber = n }));
            entry.Events.RemoveAll(e => !eventIds.Contains(e.EventId));
            entry.Events.AddRange(eventIds.Where(n => entry.Events.All(e => e.EventId != n)).Select(n => new ResponseEntryEvent { EventId = n }));
            entry.Touch(now);

            try
            {
                await db.SaveChangesAsync(token);
                await FeedbackLinks.SyncAsync(db, entry, items, command.UserId, now, token);
                if (action is not null)
                {
                    action.BecameEntry(entry.Id);
                    db.AuditRecords.Add(Forums.ForumAudit.Record(action.Id, Forums.ForumAudit.ActionBecameEntry, command.UserId, now, "entry=" + entry.Reference, nameof(Domain.Forums.ForumAction)));
                }

                db.AuditRecords.Add(ResponseAudit.Record(entry.Id, command.Id is null ? ResponseAudit.Created : ResponseAudit.Edited, command.UserId, now));
                await db.SaveChangesAsync(token);
            }
            catch (DbUpdateConcurrencyException)
            {
                return EntryConcurrency.Conflict;
            }

            published = entry.IsPublished;
            return DomainResult<int>.Ok(entry.Id);
        }, cancellationToken);
        if (result.Succeeded && published)
        {
            await publicPages.InvalidateAsync(cancellationToken);
        }

        return result;
    }
}

/// <summary>Saving an entry with its list of feedback references: the links change through the items themselves.</summary>
public static class FeedbackLinks
{
    /// <summary>Links exactly <paramref name="items"/> (loaded with their entries) to the entry, unlinking any others.</summary>
    public static async Task SyncAsync(EngagementDbContext db, ResponseEntry entry, IReadOnlyCollection<FeedbackItem> items, string userId, DateTime now, CancellationToken cancellationToken)
    {
        var keep = items.Select(i => i.Id).ToHashSet();
        var removed = await db.FeedbackItems.Include(f => f.ResponseEntry)
            .Where(f => f.ResponseEntryId == entry.Id && !keep.Contains(f.Id)).ToListAsync(cancellationToken);
        foreach (var item in removed)
        {
            item.UnlinkFromEntry();
            db.AuditRecords.Add(TriageAudit.Record(item.Id, TriageAudit.LinkedToEntry, userId, now, "unlinked-from=" + entry.Reference));
        }

        foreach (var item in items.Where(i => i.ResponseEntryId != entry.Id))
        {
            var linked = item.LinkTo(entry, now);
            if (!linked.Succeeded)
            {
                throw new InvalidOperationException(linked.Error);
            }

            db.AuditRecords.Add(TriageAudit.Record(item.Id, TriageAudit.LinkedToEntry, userId, now, "entry=" + entry.Reference));
        }
    }

    /// <summary>
    /// Publishing is the first response for every linked item that has not had one, recorded by the item itself
    /// (<see cref="FeedbackItem.RecordFirstResponse"/>: set once, so unpublishing and publishing again change nothing),
    /// the one writer of that fact. The caller saves.
    /// </summary>
    public static async Task<int> RecordFirstResponsesAsync(EngagementDbContext db, ResponseEntry entry, DateTime now, CancellationToken cancellationToken)
    {
        var waiting = await db.FeedbackItems.Where(f => f.ResponseEntryId == entry.Id && f.FirstRespondedAt == null).ToListAsync(cancellationToken);
        foreach (var item in waiting)
        {
            item.RecordFirstResponse(now);
        }

        return waiting.Count;
    }
}

/// <summary>Audit records for response entries.</summary>
public static class ResponseAudit
{
    public const string Created = "response.created";
    public const string Edited = "response.edited";
    public const string StatusChanged = "response.status-changed";
    public const string Published = "response.published";
    public const string Unpublished = "response.unpublished";

    public static AuditRecord Record(int entryId, string action, string userId, DateTime at, string? detail = null) => new()
    {
        At = at,
        ActorUserId = userId,
        Action = action,
        EntityType = nameof(ResponseEntry),
        EntityId = entryId.ToString(CultureInfo.InvariantCulture),
        Detail = detail,
    };
}
