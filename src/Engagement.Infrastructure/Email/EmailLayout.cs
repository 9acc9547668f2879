using System.Net;
using System.Text;

namespace Engagement.Infrastructure.Email;

/// <summary>
/// The common layout for every email: a plain-text and an HTML version in the council's voice, with the service name,
/// a sign-off from the council and a link back to the service. Build the content from paragraphs and links; every
/// value is HTML-encoded in the HTML version, so user-supplied text (names, feedback, event titles) is safe to pass.
/// <example>
/// <code>
/// var body = new EmailLayout(service)
///     .Greeting(registration.Name)
///     .Paragraph($"You have a place at {eventTitle} on {date:d MMMM yyyy}.")
///     .Link("View or cancel your place", service.Link($"/events/registrations/{token}"));
/// return body.ToMessage(address, registration.Name, $"Your place at {eventTitle}", "event-registration", registration.Id.ToString());
/// </code>
/// </example>
/// </summary>
public sealed class EmailLayout(ServiceOptions service)
{
    private readonly List<Block> _blocks = [];

    /// <summary>"Dear {name}," or "Hello," when there is no name.</summary>
    public EmailLayout Greeting(string? name) =>
        Paragraph(string.IsNullOrWhiteSpace(name) ? "Hello," : $"Dear {OutboxMimeMessage.SingleLine(name)},");

    /// <summary>A paragraph of plain text (line breaks are kept).</summary>
    public EmailLayout Paragraph(string text)
    {
        _blocks.Add(new Block(text, null));
        return this;
    }

    /// <summary>A link on its own line: the text and the address in plain text, an anchor in HTML.</summary>
    public EmailLayout Link(string text, string url)
    {
        _blocks.Add(new Block(text, url));
        return this;
    }

    public string Text()
    {
        var text = new StringBuilder();
        foreach (var block in _blocks)
        {
            text.Append(block.Url is null ? block.Text : $"{block.Text}:\n{block.Url}").Append("\n\n");
        }

        text.Append(service.CouncilName).Append('\n')
            .Append(service.Name).Append('\n')
            .Append(service.PublicBaseUrl).Append("\n\n")
            .Append("This email was sent automatically. Please do not reply to it.");
        if (!string.IsNullOrWhiteSpace(service.ContactEmail))
        {
            text.Append(" To contact us, email ").Append(service.ContactEmail).Append('.');
        }

        return text.Append('\n').ToString();
    }

    public string Html()
    {
        static string E(string value) => WebUtility.HtmlEncode(value);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>").Append(E(service.Name)).Append("</title></head>\n")
            .Append("<body style=\"font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #0b0c0c;\">\n")
            .Append("<p style=\"font-size: 19px; font-weight: bold;\">").Append(E(service.Name)).Append("</p>\n");
        foreach (var block in _blocks)
        {
            var content = E(block.Text).Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "<br>", StringComparison.Ordinal);
            html.Append(block.Url is null
                ? $"<p>{content}</p>\n"
                : $"<p><a href=\"{E(block.Url)}\">{content}</a></p>\n");
        }

        html.Append("<p>").Append(E(service.CouncilName)).Append("</p>\n")
            .Append("<p style=\"font-size: 14px; color: #505a5f;\">This email was sent automatically by <a href=\"")
            .Append(E(service.PublicBaseUrl)).Append("\">").Append(E(service.Name)).Append("</a>. Please do not reply to it.");
        if (!string.IsNullOrWhiteSpace(service.ContactEmail))
        {
            html.Append(" To contact us, email <a href=\"mailto:").Append(E(service.ContactEmail)).Append("\">")
                .Append(E(service.ContactEmail)).Append("</a>.");
        }

        return html.Append("</p>\n</body>\n</html>\n").ToString();
    }

    /// <summary>The finished message, ready for <see cref="EmailOutbox.Queue"/>.</summary>
    public EmailMessage ToMessage(string toAddress, string? toName, string subject, string kind, string? relatedId, EmailAttachment? attachment = null) =>
        new(toAddress, toName is null ? null : OutboxMimeMessage.SingleLine(toName), OutboxMimeMessage.SingleLine(subject), Text(), Html(), kind, relatedId, attachment, _unsubscribeUrl);

    private string? _unsubscribeUrl;

    /// <summary>
    /// Mail the person can stop: a visible "stop these emails" link (which works without signing in) at the end of the
    /// message, and the same address in the <c>List-Unsubscribe</c> headers so mail clients offer one-click unsubscribe.
    /// </summary>
    public EmailLayout Unsubscribe(string text, string url)
    {
        _unsubscribeUrl = url;
        return Link(text, url);
    }

    private sealed record Block(string Text, string? Url);
}
