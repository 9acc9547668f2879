using AngleSharp;
using AngleSharp.Dom;
using Engagement.Infrastructure.Text;
using Engagement.IntegrationTests.Infrastructure;

namespace Engagement.IntegrationTests.Responses;

public sealed class SafeMarkdownTests
{
    private static readonly string[] Dangerous = ["script", "iframe", "object", "embed", "svg", "math", "img", "style", "form", "input", "button", "base", "link", "meta", "frame", "frameset", "video", "audio", "source", "textarea", "select"];

    [Fact]
    public void Every_xss_payload_as_we_did_markdown_renders_without_script_handlers_or_javascript_links()
    {
        var markdown = new SafeMarkdown();
        var payloads = TestData.All("xss");
        Assert.True(payloads.Count > 100);

        foreach (var payload in payloads)
        {
            AssertSafe(markdown.Render(payload).Value, payload);
            AssertSafe(markdown.Render($"[link]({payload})").Value, payload);
        }
    }

    [Fact]
    public void Ordinary_markdown_still_renders()
    {
        var html = new SafeMarkdown().Render("We did **this**.\n\n- one\n- two\n\n[Read more](https://example.org/plan)").Value;

        Assert.Contains("<strong>this</strong>", html);
        Assert.Contains("<ul class=\"govuk-list govuk-list--bullet\">", html);
        Assert.Contains("href=\"https://example.org/plan\"", html);
    }

    [Fact]
    public void The_check_catches_what_it_is_meant_to_catch()
    {
        Assert.ThrowsAny<Exception>(() => AssertSafe("<p onclick=\"x()\">a</p>"));
        Assert.ThrowsAny<Exception>(() => AssertSafe("<a href=\" JaVa&#x09;script:alert(1)\">a</a>"));
        Assert.ThrowsAny<Exception>(() => AssertSafe("<script>alert(1)</script>"));
    }

    internal static void AssertSafe(string html, string? payload = null)
    {
        var document = BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content($"<body>{html}</body>")).GetAwaiter().GetResult();
        var body = document.Body!;
        foreach (var element in body.QuerySelectorAll("*"))
        {
            Assert.True(!Dangerous.Contains(element.LocalName), $"<{element.LocalName}> survived from: {payload}");
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{attribute.Name} survived from: {payload}");
                Assert.True(attribute.Name is "href" or "class" or "rel", $"attribute {attribute.Name} survived from: {payload}");
                if (attribute.Name == "href")
                {
                    var href = new string(attribute.Value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray()).ToLowerInvariant();
                    // A scheme is what comes before the first colon, if that colon is before any / ? or #.
                    var end = href.IndexOfAny(['/', '?', '#']);
                    var head = end < 0 ? href : href[..end];
                    var scheme = head.Contains(':', StringComparison.Ordinal) ? head[..head.IndexOf(':', StringComparison.Ordinal)] : null;
                    Assert.True(scheme is null or "http" or "https" or "mailto", $"link {attribute.Value} survived from: {payload}");
                }
            }
        }

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }
}
