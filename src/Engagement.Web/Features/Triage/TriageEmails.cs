using System.Globalization;
using Engagement.Domain.Feedback;
using Engagement.Infrastructure;
using Engagement.Infrastructure.Email;

namespace Engagement.Web.Features.Triage;

/// <summary>The emails triage sends: the safeguarding escalation (never the text) and the complaints route.</summary>
public static class TriageEmails
{
    public const string SafeguardingKind = "safeguarding-escalation";
    public const string ComplaintRouteKind = "feedback-complaint-route";

    /// <summary>To the safeguarding contact: the reference and a staff link only. The text is never in an email.</summary>
    public static EmailMessage SafeguardingEscalation(ServiceOptions service, string notifyEmail, FeedbackItem item) =>
        SafeguardingEscalation(service, notifyEmail, "feedback item", item.Reference, $"/staff/feedback/{item.Id}", item.Id.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// The one safeguarding escalation, for anything a person wrote (a feedback item, a consultation response): what it
    /// is, its reference and a staff link, never the text. <paramref name="relatedEntityId"/> keeps the Message-ID stable.
    /// </summary>
    public static EmailMessage SafeguardingEscalation(ServiceOptions service, string notifyEmail, string what, string reference, string staffPath, string relatedEntityId) =>
        new EmailLayout(service)
            .Paragraph($"A commissioner has flagged {what} {reference} as a possible safeguarding concern.")
            .Paragraph("Sign in to read it and decide what to do. The text is not included in this email.")
            .Link($"Open the {what}", service.Link(staffPath))
            .ToMessage(notifyEmail, null, $"Safeguarding concern raised: {reference}", SafeguardingKind, relatedEntityId);

    /// <summary>To the person who gave feedback that reads as a complaint: where to make one.</summary>
    public static EmailMessage ComplaintRoute(ServiceOptions service, FeedbackItem item)
    {
        var layout = new EmailLayout(service)
            .Greeting(item.ContactName)
            .Paragraph($"Thank you for your feedback, reference {item.Reference}.")
            .Paragraph($"It reads as a complaint. Feedback to this service cannot investigate a complaint, so please use {service.CouncilName}'s complaints procedure. If you are not satisfied with the council's answer, you can then ask the Local Government and Social Care Ombudsman to look at it.");
        if (!string.IsNullOrWhiteSpace(service.ComplaintsUrl))
        {
            layout.Link("Make a complaint to the council", service.ComplaintsUrl);
        }

        return layout.Link("The Local Government and Social Care Ombudsman", service.OmbudsmanUrl)
            .Paragraph("Your private tracking link from our first email still shows what happens to your feedback.")
            .ToMessage(item.ContactEmail!, item.ContactName, $"How to make a complaint: {item.Reference}", ComplaintRouteKind, item.Id.ToString(CultureInfo.InvariantCulture));
    }
}
