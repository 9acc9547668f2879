using Engagement.Domain.Common;
using Engagement.Domain.Responses;
using Engagement.Infrastructure.Data;
using Engagement.Web.Features.Publishing;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Features.Responses;

public sealed record ChangeResponseStatus(int EntryId, Guid ExpectedVersion, ResponseStatus? NewStatus, string? Note, DateOnly? TargetDate, string UserId);

/// <summary>
/// Moves an entry to a new status through the domain workflow, appending to its history. A published entry's change
/// queues one progress email per opted-in submitter in the same transaction and refreshes the public pages.
/// </summary>
public sealed class ChangeResponseStatusHandler(EngagementDbContext db, ProgressEmails emails, TimeProvider clock, PublicPagesCache publicPages)
{
    public async Task<DomainResult> HandleAsync(ChangeResponseStatus command, CancellationToken cancellationToken = default)
    {
        if (command.NewStatus is not { } to || !Enum.IsDefined(to))
        {
            return DomainResult.Refused("Select the new status", "NewStatus");
        }

        if (command.Note?.Length > ResponseLimits.NoteMaxLength)
        {
            return DomainResult.Refused("The note must be 2,000 characters or fewer", "Note");
        }

        var entry = await db.ResponseEntries.Include(e => e.History).SingleOrDefaultAsync(e => e.Id == command.EntryId, cancellationToken);
        if (entry is null)
        {
            return EntryConcurrency.NotFound;
        }

        if (EntryConcurrency.IsStale(db, entry, command.ExpectedVersion))
        {
            return EntryConcurrency.Conflict;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var from = entry.Status;
        var result = entry.ChangeStatus(to, command.Note, command.TargetDate, command.UserId, now);
        if (!result.Succeeded)
        {
            return result;
        }

        var queued = entry.IsPublished ? await emails.QueueAsync(entry, published: false, cancellationToken) : 0;
        db.AuditRecords.Add(ResponseAudit.Record(entry.Id, ResponseAudit.StatusChanged, command.UserId, now, $"from={from};to={to};emails={queued}"));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return EntryConcurrency.Conflict;
        }

        if (entry.IsPublished)
        {
            await publicPages.InvalidateAsync(cancellationToken);
        }

        return DomainResult.Ok;
    }
}
