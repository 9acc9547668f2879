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
    public const string EmailKind = "feedback-complaint-route";

    public async Task<DomainResult> HandleAsync(FlagComplaint command, CancellationToken cancellationToken = default)
    {
        if (command.Note?.Length > 2000)
        {
            return DomainResult.Refused("The note must be 2,000 characters or fewer", "Note");
        }

        var item = await TriageRules.LoadAsync(db, command.FeedbackItemId, cancellationToken);
        if (item is null)
        {
            return TriageRules.NotFound;
        }

        if (item.Flag == FeedbackFlag.SafeguardingConcern)
        {
            return DomainResult.Refused("This item is a safeguarding concern: that flag cannot be changed", "Flag");
        }

        if (item.Flag == FeedbackFlag.Complaint)
        {
            return DomainResult.Refused("This item is already recorded as a complaint", "Flag");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        item.Flag = FeedbackFlag.Complaint;
        item.NotForPublicationReason = null;
        item.FlagNote = string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim();
        item.FlaggedAt = now;
        item.FlaggedByUserId = command.UserId;
        TriageRules.MarkLookedAt(item);
        item.RecordFirstResponse(now);

        var emailed = false;
        if (item.ContactEmail is not null && !item.IsQuarantined)
        {
            var options = service.Value;
            var layout = new EmailLayout(options)
                .Greeting(item.ContactName)
                .Paragraph($"Thank you for your feedback, reference {item.Reference}.")
                .Paragraph($"It reads as a complaint. Feedback to this service cannot investigate a complaint, so please use {options.CouncilName}'s complaints procedure. If you are not satisfied with the council's answer, you can then ask the Local Government and Social Care Ombudsman to look at it.");
            if (!string.IsNullOrWhiteSpace(options.ComplaintsUrl))
            {
                layout.Link("Make a complaint to the council", options.ComplaintsUrl);
            }

            layout.Link("The Local Government and Social Care Ombudsman", options.OmbudsmanUrl)
                .Paragraph("Your private tracking link from our first email still shows what happens to your feedback.");
            outbox.Queue(layout.ToMessage(item.ContactEmail, item.ContactName, $"How to make a complaint: {item.Reference}", EmailKind, item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            emailed = true;
        }

        db.AuditRecords.Add(TriageAudit.Record(item.Id, TriageAudit.ComplaintFlagged, command.UserId, now, emailed ? "complaints-route-emailed" : null));
        await db.SaveChangesAsync(cancellationToken);
        return DomainResult.Ok;
    }
}
