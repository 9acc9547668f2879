using System.Globalization;
using System.Net;
using Engagement.Infrastructure;
using Engagement.Infrastructure.Email;

namespace Engagement.Web.Features.Consultations;

/// <summary>Emails about consultations. User-supplied values are never put in headers and are HTML-encoded in bodies.</summary>
public static class ConsultationEmails
{
    public const string AcknowledgementKind = "consultation-acknowledgement";
    public const string SaveAndReturnKind = "consultation-draft-link";
    public const string OutcomeKind = "consultation-outcome";

    /// <summary>Thanks for a response, with its reference; the unsubscribe link stops the outcome email too.</summary>
    public static EmailMessage Acknowledgement(ServiceOptions service, string toAddress, string title, string reference, string responseLink, int responseId, string? unsubscribeUrl) => new(
        toAddress,
        null,
        $"We have received your response: {reference}",
        $"""
        Thank you for answering the consultation "{title}".

        Your reference is {reference}.

        You can see your answers with your private link (do not share it):
        {responseLink}
        {(unsubscribeUrl is null ? "" : $"\nWe will email you when the outcome is published. To stop that email:\n{unsubscribeUrl}\n")}
        {service.CouncilName}
        """,
        $"""
        <p>Thank you for answering the consultation &ldquo;{WebUtility.HtmlEncode(title)}&rdquo;.</p>
        <p>Your reference is <strong>{WebUtility.HtmlEncode(reference)}</strong>.</p>
        <p><a href="{WebUtility.HtmlEncode(responseLink)}">See your answers</a> with your private link. Do not share it.</p>
        {(unsubscribeUrl is null ? "" : $"<p>We will email you when the outcome is published. <a href=\"{WebUtility.HtmlEncode(unsubscribeUrl)}\">Stop that email</a></p>")}
        <p>{WebUtility.HtmlEncode(service.CouncilName)}</p>
        """,
        AcknowledgementKind,
        responseId.ToString(CultureInfo.InvariantCulture),
        null,
        unsubscribeUrl);

    /// <summary>"Save and come back later": the private link to a draft, valid until <paramref name="expires"/> (UK time text).</summary>
    public static EmailMessage SaveAndReturn(ServiceOptions service, string toAddress, string title, string resumeLink, string expires) => new(
        toAddress,
        null,
        "Your saved answers",
        $"""
        You saved your answers to the consultation "{title}".

        To carry on where you left off, use this private link (do not share it). It works until {expires}:
        {resumeLink}

        We have not kept your email address: this is the only email we will send about it.

        {service.CouncilName}
        """,
        $"""
        <p>You saved your answers to the consultation &ldquo;{WebUtility.HtmlEncode(title)}&rdquo;.</p>
        <p><a href="{WebUtility.HtmlEncode(resumeLink)}">Carry on where you left off</a>. This private link works until {WebUtility.HtmlEncode(expires)}. Do not share it.</p>
        <p>We have not kept your email address: this is the only email we will send about it.</p>
        <p>{WebUtility.HtmlEncode(service.CouncilName)}</p>
        """,
        SaveAndReturnKind,
        null,
        null,
        null);

    /// <summary>The outcome is published: what we asked, what we decided, and where to read it all.</summary>
    public static EmailMessage Outcome(ServiceOptions service, string toAddress, string title, string consultationLink, int responseId, string unsubscribeUrl) => new(
        toAddress,
        null,
        $"Consultation outcome: {title}",
        $"""
        You asked us to tell you the outcome of the consultation "{title}". It is now published:
        {consultationLink}

        This is the last email we will send about your response. We have now removed your email address from it.

        {service.CouncilName}
        """,
        $"""
        <p>You asked us to tell you the outcome of the consultation &ldquo;{WebUtility.HtmlEncode(title)}&rdquo;.</p>
        <p><a href="{WebUtility.HtmlEncode(consultationLink)}">Read what you said and what we did</a>.</p>
        <p>This is the last email we will send about your response. We have now removed your email address from it.</p>
        <p>{WebUtility.HtmlEncode(service.CouncilName)}</p>
        """,
        OutcomeKind,
        responseId.ToString(CultureInfo.InvariantCulture),
        null,
        unsubscribeUrl);
}
