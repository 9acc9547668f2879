using Engagement.Domain.Common;
using Engagement.Domain.Feedback;
using Engagement.Infrastructure;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Email;
using Microsoft.Extensions.Options;

namespace Engagement.Web.Features.Triage;

public sealed record FlagComplaint(int FeedbackItemId, string? Note, string UserId);

/// <summary>
/// Records that an item is a complaint. If the person gave an email address, they are pointed to the council's
/// complaints procedure and the Ombudsman. The item stays linkable: a complaint can also be feedback worth answering.
/// </summary>
public sealed class FlagComplaintHandler(EngagementDbContext db, EmailOutbox outbox, TimeProvider clock, IOptions<ServiceOptions> service)
{
    public async Task<DomainResult> HandleAsync(FlagComplaint command, CancellationToken cancellationToken = default)
    {
        var item = await db.LoadAsync(command.FeedbackItemId, cancellationToken);
        if (item is null)
        {
            return FeedbackItemStore.NotFound;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var result = item.FlagAsComplaint(command.Note, command.UserId, now);
        if (!result.Succeeded)
        {
            return result;
        }

        var emailed = false;
        if (item.ContactEmail is not null && !item.IsQuarantined)
        {
            outbox.Queue(TriageEmails.ComplaintRoute(service.Value, item));
            emailed = true;
        }

        db.AuditRecords.Add(TriageAudit.Record(item.Id, TriageAudit.ComplaintFlagged, command.UserId, now, emailed ? "complaints-route-emailed" : null));
        await db.SaveChangesAsync(cancellationToken);
        return DomainResult.Ok;
    }
}
