using System.Reflection;
using Engagement.Domain.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Engagement.Web.Features.Forms;

/// <summary>
/// The one way a page shows a refused command. Errors are keyed by the command's property names: an error whose
/// property is also a property of the page's input model goes beside that field (as "{prefix}.{Property}"), any other
/// at the top of the error summary. "Not found" becomes the 404 page.
/// <example>
/// <code>
/// var result = await handler.HandleAsync(new AddFeedbackNote(id, Note.Text, UserId), cancellationToken);
/// if (this.NotFoundFor(result) is { } notFound) return notFound;
/// ModelState.AddResult&lt;NoteInput&gt;(result, nameof(Note));
/// </code>
/// </example>
/// </summary>
public static class DomainResultExtensions
{
    public static void AddResult<TInput>(this ModelStateDictionary modelState, IDomainResult result, string prefix, IReadOnlyDictionary<string, string>? rename = null) =>
        modelState.AddResult(result, property => Key(typeof(TInput), prefix, property, rename));

    /// <summary>For a page whose input properties are bound at the top level (no prefix).</summary>
    public static void AddResult(this ModelStateDictionary modelState, IDomainResult result, Type input, IReadOnlyDictionary<string, string>? rename = null) =>
        modelState.AddResult(result, property => Key(input, null, property, rename));

    private static void AddResult(this ModelStateDictionary modelState, IDomainResult result, Func<string?, string> key)
    {
        foreach (var error in result.Errors)
        {
            modelState.AddModelError(key(error.Property), error.Message);
        }
    }

    /// <summary>The 404 page for a "not found" result, otherwise null.</summary>
    public static IActionResult? NotFoundFor(this PageModel page, IDomainResult result) =>
        result.Kind == ResultKind.NotFound ? page.NotFound() : null;

    private static string Key(Type input, string? prefix, string? property, IReadOnlyDictionary<string, string>? rename)
    {
        if (property is null)
        {
            return "";
        }

        if (rename is not null && rename.TryGetValue(property, out var renamed))
        {
            property = renamed;
        }

        if (input.GetProperty(property, BindingFlags.Public | BindingFlags.Instance) is null)
        {
            return "";
        }

        return prefix is null ? property : $"{prefix}.{property}";
    }
}
