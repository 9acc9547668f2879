using Engagement.Domain.Common;
using Engagement.Domain.Feedback;
using Engagement.Domain.Priorities;
using Engagement.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Features.Triage;

public sealed record LinkFeedbackPriorities(int FeedbackItemId, IReadOnlyList<int> Priorities, string UserId);

/// <summary>Sets the commissioning priorities an item relates to, checked against the live priorities.</summary>
public sealed class LinkFeedbackPrioritiesHandler(EngagementDbContext db, TimeProvider clock)
{
    public async Task<DomainResult> HandleAsync(LinkFeedbackPriorities command, CancellationToken cancellationToken = default)
    {
        var live = (await db.Priorities.AsNoTracking().Where(p => p.IsLive).Select(p => p.Number).ToListAsync(cancellationToken)).ToHashSet();
        var selection = PrioritySelection.Create(command.Priorities, live);
        if (!selection.Succeeded)
        {
            return DomainResult.Refused(selection.Error!, "Priorities");
        }

        var item = await db.LoadAsync(command.FeedbackItemId, cancellationToken);
        if (item is null)
        {
            return FeedbackItemStore.NotFound;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        item.RelateToPriorities(selection.Value!, now);
        db.AuditRecords.Add(TriageAudit.Record(item.Id, TriageAudit.PrioritiesLinked, command.UserId, now, "priorities=" + string.Join(',', selection.Value!)));
        await db.SaveChangesAsync(cancellationToken);
        return DomainResult.Ok;
    }
}
