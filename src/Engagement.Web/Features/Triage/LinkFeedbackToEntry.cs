using Engagement.Domain.Common;
using Engagement.Domain.Responses;
using Engagement.Infrastructure.Data;
using Engagement.Web.Features.Publishing;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Features.Triage;

/// <summary>
/// Link an item to an existing entry by its reference, or (with no reference and <see cref="StartNewEntry"/>) start a new
/// draft entry from it. Safeguarding concerns and items not for publication are refused. Linking changes the entry's
/// version, so a colleague's entry form opened before the link cannot silently undo it.
/// </summary>
public sealed record LinkFeedbackToEntry(int FeedbackItemId, string? EntryReference, bool StartNewEntry, string UserId);

public sealed class LinkFeedbackToEntryHandler(EngagementDbContext db, ReferenceNumbers references, TimeProvider clock, PublicPagesCache publicPages)
{
    public async Task<DomainResult<int>> HandleAsync(LinkFeedbackToEntry command, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var published = false;
        var result = await db.InTransactionAsync(async token =>
        {
            var item = await db.LoadAsync(command.FeedbackItemId, token);
            if (item is null)
            {
                return FeedbackItemStore.NotFound;
            }

            // Refuse before a new entry is created for an item that can never be linked.
            var field = command.StartNewEntry ? null : nameof(command.EntryReference);
            if (item.CannotLinkReason is { } refusal)
            {
                return DomainResult<int>.Refused(refusal, field);
            }

            ResponseEntry? entry;
            if (command.StartNewEntry)
            {
                var number = await references.NextAsync(ReferenceNumbers.Response, now.Year, token);
                entry = ResponseEntry.Create(ResponseEntry.FormatReference(now.Year, number), $"New entry from {item.Reference}", command.UserId, now);
                entry.Section = item.Section;
                entry.Priorities = item.Priorities.Select(p => new ResponseEntryPriority { PriorityNumber = p.PriorityNumber }).ToList();
                db.ResponseEntries.Add(entry);
                await db.SaveChangesAsync(token);
                db.AuditRecords.Add(Responses.ResponseAudit.Record(entry.Id, Responses.ResponseAudit.Created, command.UserId, now, "from=" + item.Reference));
            }
            else
            {
                var reference = command.EntryReference?.Trim().ToUpperInvariant();
                if (string.IsNullOrEmpty(reference))
                {
                    return DomainResult<int>.Refused("Enter the reference of the entry, like WD-2026-0001", nameof(command.EntryReference));
                }

                entry = await db.ResponseEntries.SingleOrDefaultAsync(e => e.Reference == reference, token);
                if (entry is null)
                {
                    return DomainResult<int>.Refused($"There is no response entry {reference}", nameof(command.EntryReference));
                }
            }

            var linked = item.LinkTo(entry, now);
            if (!linked.Succeeded)
            {
                return linked.ForProperty(field);
            }

            db.AuditRecords.Add(TriageAudit.Record(item.Id, TriageAudit.LinkedToEntry, command.UserId, now, "entry=" + entry.Reference));
            await db.SaveChangesAsync(token);
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
