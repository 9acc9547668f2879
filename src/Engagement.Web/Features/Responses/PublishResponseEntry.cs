using Engagement.Domain.Common;
using Engagement.Infrastructure.Data;
using Engagement.Web.Features.Publishing;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Features.Responses;

/// <summary>Publish (or with <see cref="Publish"/> false, unpublish) an entry.</summary>
public sealed record PublishResponseEntry(int EntryId, Guid ExpectedVersion, bool Publish, string UserId);

/// <summary>
/// Publishing makes the entry public at once and queues one progress email per opted-in submitter, in one
/// transaction. The linked items' tracking pages follow by themselves: their state is derived from the entry.
/// </summary>
public sealed class PublishResponseEntryHandler(EngagementDbContext db, ProgressEmails emails, TimeProvider clock, PublicPagesCache publicPages)
{
    public async Task<DomainResult> HandleAsync(PublishResponseEntry command, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var result = await db.InTransactionAsync(async token =>
        {
            var entry = await db.ResponseEntries.Include(e => e.History).SingleOrDefaultAsync(e => e.Id == command.EntryId, token);
            if (entry is null)
            {
                return EntryConcurrency.NotFound;
            }

            if (EntryConcurrency.IsStale(db, entry, command.ExpectedVersion))
            {
                return EntryConcurrency.Conflict;
            }

            var changed = command.Publish ? entry.Publish(now) : entry.Unpublish(now);
            if (!changed.Succeeded)
            {
                return changed;
            }

            try
            {
                await db.SaveChangesAsync(token);
                if (command.Publish)
                {
                    await FeedbackLinks.RecordFirstResponsesAsync(db, entry, now, token);
                }
                var queued = command.Publish ? await emails.QueueAsync(entry, published: true, token) : 0;
                db.AuditRecords.Add(ResponseAudit.Record(entry.Id, command.Publish ? ResponseAudit.Published : ResponseAudit.Unpublished, command.UserId, now, $"emails={queued}"));
                await db.SaveChangesAsync(token);
            }
            catch (DbUpdateConcurrencyException)
            {
                return EntryConcurrency.Conflict;
            }

            return DomainResult.Ok;
        }, cancellationToken);
        if (result.Succeeded)
        {
            await publicPages.InvalidateAsync(cancellationToken);
        }

        return result;
    }
}
