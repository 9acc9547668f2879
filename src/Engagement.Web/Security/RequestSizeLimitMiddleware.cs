using Microsoft.AspNetCore.Diagnostics;

namespace Engagement.Web.Security;

/// <summary>
/// Refuses a request body larger than <see cref="RequestLimits.MaxBodyBytes"/> with 413 (and the GOV.UK error page),
/// before anything reads it: at once when its declared length is too large, and for a body sent without a length
/// (chunked) by reading it into a buffer of at most that size first. Kestrel enforces the same limit as well, so every
/// server the app runs on answers the same.
/// </summary>
public sealed class RequestSizeLimitMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // The error page re-executes with the same request: let it render.
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null)
        {
            await next(context);
            return;
        }

        if (context.Request.ContentLength > RequestLimits.MaxBodyBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        if (context.Request.ContentLength is null && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            var buffered = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                if (buffered.Length + read > RequestLimits.MaxBodyBytes)
                {
                    context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                    return;
                }

                buffered.Write(chunk, 0, read);
            }

            buffered.Position = 0;
            context.Request.Body = buffered;
            context.Request.ContentLength = buffered.Length;
            context.Response.RegisterForDispose(buffered);
        }

        await next(context);
    }
}
