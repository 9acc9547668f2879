using Engagement.Domain.Common;
using Engagement.Domain.Responses;
using Engagement.Infrastructure.Data;
using Engagement.Web.Features.Publishing;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Features.Triage;

/// <summary>
/// Link an item to an existing entry by its reference, or (with no reference and <see cref="StartNewEntry"/>) start a new
/// draft entry from it. Safeguarding concerns and items not for publication are refused.
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
            var item = await TriageRules.LoadAsync(db, command.FeedbackItemId, token);
            if (item is null)
            {
                return DomainResult<int>.Refused(TriageRules.NotFound.Error!, "Item");
            }

            var field = command.StartNewEntry ? "Item" : "EntryReference";
            if (TriageRules.CannotLinkReason(item) is { } refusal)
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
                    return DomainResult<int>.Refused("Enter the reference of the entry, like WD-2026-0001", "EntryReference");
                }

                entry = await db.ResponseEntries.SingleOrDefaultAsync(e => e.Reference == reference, token);
                if (entry is null)
                {
                    return DomainResult<int>.Refused($"There is no response entry {reference}", "EntryReference");
                }

                if (item.ResponseEntryId == entry.Id)
                {
                    return DomainResult<int>.Refused($"This item is already linked to {reference}", "EntryReference");
                }
            }

            item.ResponseEntryId = entry.Id;
            item.State = TriageRules.LinkedState(entry.IsPublished);
            if (entry.IsPublished)
            {
                item.RecordFirstResponse(now);
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
