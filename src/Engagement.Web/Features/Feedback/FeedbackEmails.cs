using System.Globalization;
using System.Net;
using Engagement.Infrastructure;
using Engagement.Infrastructure.Email;

namespace Engagement.Web.Features.Feedback;

/// <summary>Emails about feedback items. User-supplied values are never put in headers and are HTML-encoded in bodies.</summary>
public static class FeedbackEmails
{
    public const string AcknowledgementKind = "feedback-acknowledgement";

    /// <summary>With <paramref name="unsubscribeUrl"/> (the person asked for progress emails), a visible "stop" link and the one-click headers.</summary>
    public static EmailMessage Acknowledgement(ServiceOptions service, string toAddress, string reference, string trackingLink, int feedbackItemId, int firstResponseWorkingDays, string? unsubscribeUrl) => new(
        toAddress,
        null,
        $"We have received your feedback: {reference}",
        $"""
        Thank you for your feedback to {service.CouncilName}.

        Your reference is {reference}.

        Follow what happens to it with your private link (do not share it):
        {trackingLink}

        A commissioner will read it and we aim to respond within {firstResponseWorkingDays} working days.

        This is not the way to make a complaint or report a safeguarding concern. If someone is in immediate danger, call 999.
        {(unsubscribeUrl is null ? "" : $"\nTo stop progress emails about this feedback:\n{unsubscribeUrl}\n")}
        {service.CouncilName}
        """,
        $"""
        <p>Thank you for your feedback to {WebUtility.HtmlEncode(service.CouncilName)}.</p>
        <p>Your reference is <strong>{WebUtility.HtmlEncode(reference)}</strong>.</p>
        <p><a href="{WebUtility.HtmlEncode(trackingLink)}">Follow what happens to your feedback</a> with your private link. Do not share it.</p>
        <p>A commissioner will read it and we aim to respond within {firstResponseWorkingDays} working days.</p>
        <p>This is not the way to make a complaint or report a safeguarding concern. If someone is in immediate danger, call 999.</p>
        {(unsubscribeUrl is null ? "" : $"<p><a href=\"{WebUtility.HtmlEncode(unsubscribeUrl)}\">Stop progress emails about this feedback</a></p>")}
        <p>{WebUtility.HtmlEncode(service.CouncilName)}</p>
        """,
        AcknowledgementKind,
        feedbackItemId.ToString(CultureInfo.InvariantCulture),
        null,
        unsubscribeUrl);
}
