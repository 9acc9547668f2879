using Engagement.Infrastructure.Data;
using Microsoft.EntityFrameworkCore.Storage;

namespace Engagement.Web.Security;

/// <summary>
/// Turns what a person's request or a busy database causes into the right GOV.UK error page rather than a 500: a body
/// the server cannot read (too large, too many or too deep form keys, malformed multipart) is a 4xx; a database that
/// stays locked or unavailable past the execution strategy's retries is 503 "service busy" with <c>Retry-After</c>,
/// and the error page offers to send the same answers again. It sits inside the status-code pages middleware, so the
/// status it sets is re-executed as the matching error page. A full disk is answered the same way as a busy database. Anything else is a real fault and goes on to the
/// exception handler (a 500 with a reference, logged).
/// </summary>
public sealed class RequestErrorsMiddleware(RequestDelegate next, ILogger<RequestErrorsMiddleware> logger)
{
    public const int BusyRetryAfterSeconds = 5;

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (!context.Response.HasStarted && StatusFor(exception) is { } status)
        {
            logger.LogWarning("Request answered {StatusCode}: {ExceptionType}", status, exception.GetType().Name);
            context.Response.Clear();
            context.Response.StatusCode = status;
            if (status == StatusCodes.Status503ServiceUnavailable)
            {
                context.Response.Headers.RetryAfter = BusyRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }
    }

    public static int? StatusFor(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        InvalidDataException or Microsoft.AspNetCore.Mvc.ModelBinding.ValueProviderException => StatusCodes.Status400BadRequest,
        RetryLimitExceededException => StatusCodes.Status503ServiceUnavailable,
        _ when SqliteTiming.IsUnavailable(exception) => StatusCodes.Status503ServiceUnavailable,
        IOException when exception.InnerException is BadHttpRequestException inner => inner.StatusCode,
        _ => null,
    };
}
