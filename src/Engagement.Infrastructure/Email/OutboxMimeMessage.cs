using System.Text;
using Engagement.Domain.Email;
using MimeKit;

namespace Engagement.Infrastructure.Email;

/// <summary>
/// Turns an outbox row into a MIME message. Addresses are MailboxAddress objects and the subject is set through
/// MimeKit, never concatenated into header text; CR and LF are stripped from names and subjects as well, so a value
/// such as "Eve\r\nBcc: someone" can never add a header or a recipient.
/// </summary>
public static class OutboxMimeMessage
{
    /// <summary>The stable Message-ID of a row: the same on every attempt, so a rare duplicate is recognisable.</summary>
    public static string MessageId(long id, string publicBaseUrl)
    {
        var host = Uri.TryCreate(publicBaseUrl, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host) ? uri.Host : "localhost";
        return $"outbox-{id}@{host}";
    }

    public static MimeMessage Build(OutboxMessage row, string from, string publicBaseUrl)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        var address = SingleLine(row.ToAddress).Replace(" ", "", StringComparison.Ordinal);
        if (!MailboxAddress.TryParse(address, out var recipient) || recipient.Address != address)
        {
            throw new InvalidRecipientException(row.Id);
        }

        message.To.Add(new MailboxAddress(row.ToName is null ? null : SingleLine(row.ToName), address));
        message.Subject = SingleLine(row.Subject);
        message.MessageId = MessageId(row.Id, publicBaseUrl);
        message.Date = new DateTimeOffset(DateTime.SpecifyKind(row.CreatedAt, DateTimeKind.Utc));

        if (!string.IsNullOrEmpty(row.UnsubscribeUrl) && Uri.TryCreate(row.UnsubscribeUrl, UriKind.Absolute, out var unsubscribe)
            && (unsubscribe.Scheme == Uri.UriSchemeHttps || unsubscribe.Scheme == Uri.UriSchemeHttp))
        {
            // RFC 8058: a mail client may offer one-click unsubscribe by POSTing "List-Unsubscribe=One-Click" here.
            message.Headers.Add("List-Unsubscribe", $"<{unsubscribe.AbsoluteUri}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        var body = new BodyBuilder { TextBody = row.TextBody ?? "", HtmlBody = row.HtmlBody };
        if (!string.IsNullOrEmpty(row.AttachmentFileName) && row.AttachmentContent is not null)
        {
            var contentType = ContentType.TryParse(row.AttachmentContentType ?? "application/octet-stream", out var parsed)
                ? parsed
                : new ContentType("application", "octet-stream");
            body.Attachments.Add(SingleLine(row.AttachmentFileName), Encoding.UTF8.GetBytes(row.AttachmentContent), contentType);
        }

        message.Body = body.ToMessageBody();
        return message;
    }

    public static string SingleLine(string value) =>
        value.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\r', ' ').Replace('\n', ' ').Trim();
}

/// <summary>The row's recipient is not a single valid address: sending can never succeed.</summary>
public sealed class InvalidRecipientException(long id) : Exception($"Outbox message {id} has an invalid recipient address.");
