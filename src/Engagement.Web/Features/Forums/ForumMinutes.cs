using System.Globalization;
using Engagement.Domain.Common;
using Engagement.Domain.Events;
using Engagement.Domain.Forums;
using Engagement.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Features.Forums;

/// <summary>
/// After the forum: its minutes (published, or corrected, in one step) and its actions. An action becomes a "You said,
/// we did" entry through the ordinary entry form (<c>SaveResponseEntry</c> with its <c>ForumActionId</c>), which links
/// it to the forum's event; its providers are then told about the entry's progress by <c>ProgressEmails</c>.
/// </summary>
public sealed class ForumMinutesHandler(EngagementDbContext db, TimeProvider clock)
{
    public async Task<DomainResult> PublishMinutesAsync(int eventId, string? markdown, string userId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.InTransactionAsync(async token =>
        {
            var forum = await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == eventId, token);
            if (forum is null)
            {
                return ManageForumAgendaHandler.ForumNotFound;
            }

            var record = await ManageForumAgendaHandler.ForumRecordAsync(db, forum, token);
            var first = !record.AreMinutesPublished;
            var published = record.PublishMinutes(forum, markdown, now);
            if (!published.Succeeded)
            {
                return published;
            }

            db.AuditRecords.Add(ForumAudit.Record(eventId, ForumAudit.MinutesPublished, userId, now, first ? "first" : "corrected", nameof(Event)));
            await db.SaveChangesAsync(token);
            return DomainResult.Ok;
        }, cancellationToken);
    }

    /// <summary>Records an action, naming the agenda items it came from (items on this forum's agenda only).</summary>
    public async Task<DomainResult<int>> RecordActionAsync(int eventId, string? text, IReadOnlyCollection<int> agendaItemIds, string userId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.InTransactionAsync(async token =>
        {
            var forum = await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == eventId, token);
            if (forum is null)
            {
                return ManageForumAgendaHandler.ForumNotFound.As<int>();
            }

            var ids = agendaItemIds.Distinct().ToList();
            var sources = await db.AgendaItems.AsNoTracking().Where(i => ids.Contains(i.Id)).ToListAsync(token);
            if (sources.Count != ids.Count)
            {
                return DomainResult<int>.Refused("Select agenda items from this forum's agenda", "AgendaItemIds");
            }

            var recorded = ForumAction.Record(forum, text, sources, now);
            if (!recorded.Succeeded)
            {
                return recorded.WithoutValue().As<int>();
            }

            db.ForumActions.Add(recorded.Value!);
            await db.SaveChangesAsync(token);
            db.AuditRecords.Add(ForumAudit.Record(recorded.Value!.Id, ForumAudit.ActionRecorded, userId, now,
                $"event={eventId.ToString(CultureInfo.InvariantCulture)};sources={ids.Count.ToString(CultureInfo.InvariantCulture)}", nameof(ForumAction)));
            await db.SaveChangesAsync(token);
            return DomainResult<int>.Ok(recorded.Value.Id);
        }, cancellationToken);
    }
}
