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
/// Ties a field's error to the page when it has one: &lt;div class="govuk-form-group" govuk-error-for="Input.Text"&gt;
/// gets govuk-form-group--error; &lt;fieldset govuk-error-for="Input.Role"&gt; (radios and checkboxes) gets
/// aria-describedby pointing at the message; a control with govuk-error-class (named by asp-for or by its name
/// attribute) gets that class and aria-describedby.
/// </summary>
[HtmlTargetElement(Attributes = "govuk-error-for")]
[HtmlTargetElement(Attributes = "govuk-error-class")]
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
        var name = (GroupFor ?? ControlFor)?.Name
            ?? (output.Attributes.TryGetAttribute("name", out var named) ? named.Value?.ToString() : null);
        if (name is null || FieldErrors.For(ViewContext, name).Count == 0)
        {
            return;
        }

        var fieldset = GroupFor is not null && output.TagName == "fieldset";
        if (!fieldset)
        {
            var css = GroupFor is not null ? "govuk-form-group--error" : ErrorClass;
            var existing = output.Attributes.TryGetAttribute("class", out var attr) ? attr.Value?.ToString() : null;
            if (!string.IsNullOrEmpty(css))
            {
                output.Attributes.SetAttribute("class", string.IsNullOrEmpty(existing) ? css : existing + " " + css);
            }
        }

        if (GroupFor is null || fieldset)
        {
            var described = output.Attributes.TryGetAttribute("aria-describedby", out var d) && !string.IsNullOrEmpty(d.Value?.ToString()) ? d.Value + " " : "";
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
