using System.Diagnostics;
using System.Globalization;
using Engagement.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Engagement.Web.Pages;

/// <summary>
/// GOV.UK-pattern error pages, for any method. A server error shows a reference (logged with the exception) and
/// nothing else. The page binds nothing and never reads the request body itself: a body that could not be read is
/// often why it is shown. When the request was a form that had already been read (too many requests, service busy),
/// the page offers to send the same answers again.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ErrorModel(ILogger<ErrorModel> logger, IOptions<ServiceOptions> service) : PageModel
{
    public int Code { get; private set; }

    public string Reference { get; private set; } = "";

    public ServiceOptions Service => service.Value;

    /// <summary>Where the answers go again, and what they were (only for 429 and 503, only a form already read).</summary>
    public string? RetryAction { get; private set; }

    public IReadOnlyList<KeyValuePair<string, string>> RetryFields { get; private set; } = [];

    public string Heading => Code switch
    {
        404 => "Page not found",
        403 => "You do not have access to this page",
        429 => "Sorry, there is a problem: too many requests",
        400 or 405 => "Sorry, there is a problem with that request",
        413 => "What you sent was too large",
        503 => "Sorry, the service is busy",
        _ => "Sorry, there is a problem with the service",
    };

    public void OnGet() => Describe();

    public void OnPost() => Describe();

    private void Describe()
    {
        Code = int.TryParse(RouteData.Values["code"]?.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : 500;
        Reference = Activity.Current?.TraceId.ToString() ?? HttpContext.TraceIdentifier;
        if (Code >= 500 && HttpContext.Features.Get<IExceptionHandlerFeature>() is { } failure)
        {
            // Type, message and stack with the reference the person saw; request values and form fields are never logged.
            logger.LogError(failure.Error, "Error page shown with reference {ErrorReference} for {Method} {Path}", Reference, Request.Method, failure.Path);
        }
        else if (Code >= 500)
        {
            logger.LogError("Error page {StatusCode} shown with reference {ErrorReference}", Code, Reference);
        }

        if (Code is 429 or 503 && HttpContext.Features.Get<IFormFeature>() is { Form: { } form } && Request.Method == HttpMethods.Post)
        {
            var original = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
            RetryAction = original is null ? null : original.OriginalPathBase + original.OriginalPath + original.OriginalQueryString;
            RetryFields = form.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? ""))).ToList();
        }

        Response.StatusCode = Code;
    }
}
