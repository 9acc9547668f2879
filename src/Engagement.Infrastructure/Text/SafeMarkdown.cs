using Ganss.Xss;
using Markdig;

namespace Engagement.Infrastructure.Text;

/// <summary>
/// The only rich text in the service (the "We did" text): a safe Markdown subset. Markdig with raw HTML disabled,
/// then HtmlSanitizer with a narrow allow-list: paragraphs, emphasis, lists, headings h2–h4, block quotes and links
/// (http, https and mailto only). No style, no forms, no images, no scripts or event handlers.
/// </summary>
public sealed class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .Build();

    private readonly HtmlSanitizer _sanitizer;

    public SafeMarkdown()
    {
        _sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "br", "strong", "em", "ul", "ol", "li", "a", "h2", "h3", "h4", "blockquote", "code", "pre", "hr",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "class" },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
            AllowedCssProperties = new HashSet<string>(),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
            AllowedClasses = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "govuk-link", "govuk-list", "govuk-list--bullet", "govuk-list--number", "govuk-body", "govuk-heading-m", "govuk-heading-s", "govuk-inset-text",
            },
        });
        _sanitizer.PostProcessNode += (_, e) => AddGovukClasses(e.Node);
    }

    public SanitizedHtml Render(string? markdown)
    {
        var html = Markdown.ToHtml(markdown ?? "", Pipeline);
        return new SanitizedHtml(_sanitizer.Sanitize(html));
    }

    private static void AddGovukClasses(AngleSharp.Dom.INode node)
    {
        if (node is not AngleSharp.Dom.IElement element)
        {
            return;
        }

        var css = element.LocalName switch
        {
            "p" => "govuk-body",
            "a" => "govuk-link",
            "ul" => "govuk-list govuk-list--bullet",
            "ol" => "govuk-list govuk-list--number",
            "h2" => "govuk-heading-m",
            "h3" or "h4" => "govuk-heading-s",
            "blockquote" => "govuk-inset-text",
            _ => null,
        };
        if (css is not null)
        {
            element.SetAttribute("class", css);
        }

        if (element.LocalName == "a")
        {
            element.SetAttribute("rel", "nofollow noopener");
        }
    }
}
