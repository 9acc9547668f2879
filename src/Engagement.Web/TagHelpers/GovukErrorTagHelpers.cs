using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Engagement.Web.TagHelpers;

/// <summary>
/// GOV.UK error message beside a field: &lt;govuk-error-message for="Input.Text" /&gt; renders
/// &lt;p id="Input_Text-error" class="govuk-error-message"&gt;&lt;span class="govuk-visually-hidden"&gt;Error:&lt;/span&gt; …&lt;/p&gt;
/// when the field has an error, and nothing otherwise.
/// </summary>
[HtmlTargetElement("govuk-error-message", TagStructure = TagStructure.WithoutEndTag)]
public sealed class GovukErrorMessageTagHelper : TagHelper
{
    [HtmlAttributeName("for")]
    public ModelExpression For { get; set; } = default!;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var errors = FieldErrors.For(ViewContext, For.Name);
        if (errors.Count == 0)
        {
            output.SuppressOutput();
            return;
        }

        output.TagName = "p";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("id", FieldErrors.ErrorId(For.Name));
        output.Attributes.SetAttribute("class", "govuk-error-message");
        output.Content.SetHtmlContent("<span class=\"govuk-visually-hidden\">Error:</span> " + HtmlEncoder.Default.Encode(errors[0]));
    }
}

/// <summary>
/// Adds the GOV.UK error modifier to a form group or control when its field has an error:
/// &lt;div class="govuk-form-group" govuk-error-for="Input.Text"&gt; gets govuk-form-group--error, and
/// &lt;textarea asp-for="Input.Text" class="govuk-textarea" govuk-error-class="govuk-textarea--error"&gt; gets that class
/// and aria-describedby pointing at the message.
/// </summary>
[HtmlTargetElement(Attributes = "govuk-error-for")]
[HtmlTargetElement(Attributes = "asp-for,govuk-error-class")]
public sealed class GovukErrorClassTagHelper : TagHelper
{
    [HtmlAttributeName("govuk-error-for")]
    public ModelExpression? GroupFor { get; set; }

    [HtmlAttributeName("asp-for")]
    public ModelExpression? ControlFor { get; set; }

    [HtmlAttributeName("govuk-error-class")]
    public string? ErrorClass { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    // Run after the built-in input tag helpers so their attributes are already there.
    public override int Order => 100;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = (GroupFor ?? ControlFor)?.Name;
        if (name is null || FieldErrors.For(ViewContext, name).Count == 0)
        {
            return;
        }

        var css = ErrorClass ?? "govuk-form-group--error";
        var existing = output.Attributes.TryGetAttribute("class", out var attr) ? attr.Value?.ToString() : null;
        output.Attributes.SetAttribute("class", string.IsNullOrEmpty(existing) ? css : existing + " " + css);
        if (GroupFor is null)
        {
            var described = output.Attributes.TryGetAttribute("aria-describedby", out var d) ? d.Value + " " : "";
            output.Attributes.SetAttribute("aria-describedby", described + FieldErrors.ErrorId(name));
        }
    }
}

public static class FieldErrors
{
    public static string FieldId(string name) => TagBuilder.CreateSanitizedId(name, "_");

    public static string ErrorId(string name) => FieldId(name) + "-error";

    public static IReadOnlyList<string> For(ViewContext viewContext, string name) =>
        viewContext.ModelState.TryGetValue(name, out var entry)
            ? entry.Errors.Select(e => e.ErrorMessage).ToList()
            : [];
}
