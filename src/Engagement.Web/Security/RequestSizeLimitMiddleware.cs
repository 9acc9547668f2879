using Microsoft.AspNetCore.Diagnostics;

namespace Engagement.Web.Security;

/// <summary>
/// Refuses a request body larger than <see cref="RequestLimits.MaxBodyBytes"/> with 413 (and the GOV.UK error page),
/// before anything reads it. Kestrel enforces the same limit while streaming a body without a declared length.
/// </summary>
public sealed class RequestSizeLimitMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        // The error page re-executes with the same request: let it render.
        if (context.Request.ContentLength > RequestLimits.MaxBodyBytes && context.Features.Get<IStatusCodeReExecuteFeature>() is null)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return Task.CompletedTask;
        }

        return next(context);
    }
}
