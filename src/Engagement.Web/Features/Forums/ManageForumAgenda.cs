using System.Globalization;
using Engagement.Domain.Auditing;
using Engagement.Domain.Common;
using Engagement.Domain.Events;
using Engagement.Domain.Forums;
using Engagement.Domain.Priorities;
using Engagement.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Features.Forums;

/// <summary>Where a staff decision puts a proposed (or placed) item.</summary>
public enum AgendaDecision
{
    PutOnAgenda = 1,
    NotTaken = 2,
    MoveUp = 3,
    MoveDown = 4,
}

/// <summary>
/// The forum's agenda: providers of its audience suggest items (their own only: another organisation's item is "not
/// found"), commissioners put them on the agenda in order or not, add their own and publish it with the event.
/// Errors are keyed by <see cref="AgendaItemDetails"/> property names. Every change is audited with ids only.
/// </summary>
public sealed class ManageForumAgendaHandler(EngagementDbContext db, TimeProvider clock)
{
    public static DomainResult ItemNotFound { get; } = DomainResult.NotFound("The agenda item was not found");

    public static DomainResult ForumNotFound { get; } = DomainResult.NotFound("The forum was not found");

    public static Task<bool> IsAgendaPublishedAsync(EngagementDbContext db, int eventId, CancellationToken cancellationToken) =>
        db.ForumRecords.AsNoTracking().AnyAsync(r => r.EventId == eventId && r.AgendaPublishedAt != null, cancellationToken);

    /// <summary>A provider suggests an item for an upcoming forum of its audience.</summary>
    public async Task<DomainResult<int>> ProposeAsync(int eventId, string providerUserId, AgendaItemDetails details, CancellationToken cancellationToken = default)
    {
        var forum = await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == eventId, cancellationToken);
        if (forum is null)
        {
            return ForumNotFound;
        }

        var priorities = await CheckPrioritiesAsync(details, cancellationToken);
        if (!priorities.Succeeded)
        {
            return priorities.WithoutValue().As<int>();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var provider = await Providers.ProviderRegistrant.ForProviderAsync(db, providerUserId, cancellationToken);
        var published = await IsAgendaPublishedAsync(db, eventId, cancellationToken);
        var proposed = AgendaItem.Propose(forum, provider, providerUserId, published, priorities.Value!, now);
        if (!proposed.Succeeded)
        {
            return proposed.WithoutValue().As<int>();
        }

        return await db.InTransactionAsync(async token =>
        {
            db.AgendaItems.Add(proposed.Value!);
            await db.SaveChangesAsync(token);
            db.AuditRecords.Add(ForumAudit.Record(proposed.Value!.Id, ForumAudit.Proposed, providerUserId, now, "event=" + eventId.ToString(CultureInfo.InvariantCulture)));
            await db.SaveChangesAsync(token);
            return DomainResult<int>.Ok(proposed.Value.Id);
        }, cancellationToken);
    }

    /// <summary>A provider takes back its own undecided suggestion while suggestions are open.</summary>
    public async Task<DomainResult> WithdrawAsync(int itemId, string providerUserId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.InTransactionAsync(async token =>
        {
            var item = await db.AgendaItems.Include(i => i.Priorities).SingleOrDefaultAsync(i => i.Id == itemId && i.ProviderUserId == providerUserId, token);
            if (item is null)
            {
                return ItemNotFound;
            }

            var forum = await db.Events.AsNoTracking().SingleAsync(e => e.Id == item.EventId, token);
            var check = item.CheckWithdraw(forum, await IsAgendaPublishedAsync(db, forum.Id, token), now);
            if (!check.Succeeded)
            {
                return check;
            }

            db.AgendaItems.Remove(item);
            db.AuditRecords.Add(ForumAudit.Record(item.Id, ForumAudit.Withdrawn, providerUserId, now, "event=" + forum.Id.ToString(CultureInfo.InvariantCulture)));
            await db.SaveChangesAsync(token);
            return DomainResult.Ok;
        }, cancellationToken);
    }

    /// <summary>A commissioner puts an item on the agenda (at the end), marks it not taken, or moves it up or down.</summary>
    public async Task<DomainResult> DecideAsync(int eventId, int itemId, AgendaDecision decision, string userId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.InTransactionAsync(async token =>
        {
            var items = await db.AgendaItems.Where(i => i.EventId == eventId).ToListAsync(token);
            if (items.SingleOrDefault(i => i.Id == itemId) is not { } item)
            {
                return ItemNotFound;
            }

            var agenda = items.Where(i => i.State == AgendaItemState.OnAgenda).OrderBy(i => i.Position).ThenBy(i => i.Id).ToList();
            DomainResult result;
            if (decision == AgendaDecision.PutOnAgenda)
            {
                result = item.PlaceOnAgenda(agenda.Count + 1, now);
                agenda.Add(item);
            }
            else if (decision == AgendaDecision.NotTaken)
            {
                result = item.NotTake(now);
                agenda.Remove(item);
            }
            else if (decision is AgendaDecision.MoveUp or AgendaDecision.MoveDown && agenda.IndexOf(item) is var from and >= 0)
            {
                var to = Math.Clamp(from + (decision == AgendaDecision.MoveUp ? -1 : 1), 0, agenda.Count - 1);
                (agenda[from], agenda[to]) = (agenda[to], agenda[from]);
                result = DomainResult.Ok;
            }
            else
            {
                result = DomainResult.Refused("Only an item on the agenda can be moved.");
            }

            if (!result.Succeeded)
            {
                return result;
            }

            // Positions stay 1..n in agenda order.
            for (var i = 0; i < agenda.Count; i++)
            {
                agenda[i].MoveTo(i + 1);
            }

            db.AuditRecords.Add(ForumAudit.Record(item.Id, ForumAudit.Decided, userId, now, $"event={eventId};decision={decision}"));
            await db.SaveChangesAsync(token);
            return DomainResult.Ok;
        }, cancellationToken);
    }

    /// <summary>A commissioner adds their own item, at the end of the agenda.</summary>
    public async Task<DomainResult<int>> AddOwnAsync(int eventId, AgendaItemDetails details, string userId, CancellationToken cancellationToken = default)
    {
        var forum = await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == eventId, cancellationToken);
        if (forum is null)
        {
            return ForumNotFound;
        }

        var priorities = await CheckPrioritiesAsync(details, cancellationToken);
        if (!priorities.Succeeded)
        {
            return priorities.WithoutValue().As<int>();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        return await db.InTransactionAsync(async token =>
        {
            var position = await db.AgendaItems.CountAsync(i => i.EventId == eventId && i.State == AgendaItemState.OnAgenda, token) + 1;
            var added = AgendaItem.AddByCommissioner(forum, priorities.Value!, position, now);
            if (!added.Succeeded)
            {
                return added.WithoutValue().As<int>();
            }

            db.AgendaItems.Add(added.Value!);
            await db.SaveChangesAsync(token);
            db.AuditRecords.Add(ForumAudit.Record(added.Value!.Id, ForumAudit.AddedByCommissioner, userId, now, "event=" + eventId.ToString(CultureInfo.InvariantCulture)));
            await db.SaveChangesAsync(token);
            return DomainResult<int>.Ok(added.Value.Id);
        }, cancellationToken);
    }

    /// <summary>Publishes the agenda: the event page shows its topics in order from now on.</summary>
    public async Task<DomainResult> PublishAsync(int eventId, string userId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.InTransactionAsync(async token =>
        {
            var forum = await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == eventId, token);
            if (forum is null)
            {
                return ForumNotFound;
            }

            var record = await ForumRecordAsync(db, forum, token);
            var onAgenda = await db.AgendaItems.CountAsync(i => i.EventId == eventId && i.State == AgendaItemState.OnAgenda, token);
            var published = record.PublishAgenda(forum, onAgenda, now);
            if (!published.Succeeded)
            {
                return published;
            }

            db.AuditRecords.Add(ForumAudit.Record(eventId, ForumAudit.AgendaPublished, userId, now, "items=" + onAgenda.ToString(CultureInfo.InvariantCulture), nameof(Event)));
            await db.SaveChangesAsync(token);
            return DomainResult.Ok;
        }, cancellationToken);
    }

    /// <summary>The forum's record, tracked; a new one is added (the caller saves).</summary>
    public static async Task<ForumRecord> ForumRecordAsync(EngagementDbContext db, Event forum, CancellationToken cancellationToken)
    {
        if (await db.ForumRecords.SingleOrDefaultAsync(r => r.EventId == forum.Id, cancellationToken) is { } existing)
        {
            return existing;
        }

        var record = ForumRecord.For(forum);
        db.ForumRecords.Add(record);
        return record;
    }

    private async Task<DomainResult<AgendaItemDetails>> CheckPrioritiesAsync(AgendaItemDetails details, CancellationToken cancellationToken)
    {
        var live = (await db.Priorities.AsNoTracking().Where(p => p.IsLive).Select(p => p.Number).ToListAsync(cancellationToken)).ToHashSet();
        var priorities = PrioritySelection.Create(details.Priorities, live);
        return priorities.Succeeded
            ? DomainResult<AgendaItemDetails>.Ok(details with { Priorities = priorities.Value! })
            : DomainResult<AgendaItemDetails>.Refused(priorities.Error!, nameof(AgendaItemDetails.Priorities));
    }
}

/// <summary>Audit records for forum agendas, minutes and actions: ids and decisions only, never the text.</summary>
public static class ForumAudit
{
    public const string Proposed = "forum.agenda-item-proposed";
    public const string Withdrawn = "forum.agenda-item-withdrawn";
    public const string Decided = "forum.agenda-item-decided";
    public const string AddedByCommissioner = "forum.agenda-item-added";
    public const string AgendaPublished = "forum.agenda-published";
    public const string MinutesPublished = "forum.minutes-published";
    public const string ActionRecorded = "forum.action-recorded";
    public const string ActionBecameEntry = "forum.action-became-entry";

    public static AuditRecord Record(int id, string action, string userId, DateTime at, string? detail = null, string entityType = nameof(AgendaItem)) => new()
    {
        At = at,
        ActorUserId = userId,
        Action = action,
        EntityType = entityType,
        EntityId = id.ToString(CultureInfo.InvariantCulture),
        Detail = detail,
    };
}
