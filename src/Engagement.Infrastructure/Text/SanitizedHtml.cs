using Microsoft.AspNetCore.Html;

namespace Engagement.Infrastructure.Text;

/// <summary>
/// HTML that has been through <see cref="SafeMarkdown"/>. The only type allowed to reach the page unencoded: its
/// constructor is internal, so nothing outside the sanitiser can make one from a raw string.
/// </summary>
public sealed class SanitizedHtml : IHtmlContent
{
    internal SanitizedHtml(string value) => Value = value;

    public string Value { get; }

    public void WriteTo(TextWriter writer, System.Text.Encodings.Web.HtmlEncoder encoder) => writer.Write(Value);

    public override string ToString() => Value;
}
