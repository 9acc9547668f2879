using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Engagement.Web.Pages;

/// <summary>GOV.UK-pattern error pages. A server error shows a reference (logged with the error) and nothing else.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ErrorModel(ILogger<ErrorModel> logger) : PageModel
{
    public int Code { get; private set; }

    public string Reference { get; private set; } = "";

    public string Heading => Code switch
    {
        404 => "Page not found",
        403 => "You do not have access to this page",
        429 => "Too many requests",
        400 => "Sorry, there is a problem with that request",
        413 => "What you sent was too large",
        503 => "Sorry, the service is busy",
        _ => "Sorry, there is a problem with the service",
    };

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        Code = code ?? 500;
        Reference = Activity.Current?.TraceId.ToString() ?? HttpContext.TraceIdentifier;
        if (Code >= 500)
        {
            logger.LogError("Error page shown with reference {ErrorReference}", Reference);
        }

        Response.StatusCode = Code;
    }
}
