using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Engagement.Web.Security;

/// <summary>
/// Every POST from someone not signed in (feedback, registration, sign-in, password reset) is rate limited per
/// client address; the limit is RateLimiting:AnonymousPostsPerMinute (default 20). A refused request gets 429 and
/// the GOV.UK error page.
/// </summary>
public static class AnonymousPostRateLimit
{
    public static void Configure(RateLimiterOptions options, IConfiguration configuration)
    {
        var permitLimit = configuration.GetValue("RateLimiting:AnonymousPostsPerMinute", 20);
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            if (!HttpMethods.IsPost(context.Request.Method) || context.User.Identity?.IsAuthenticated == true)
            {
                return RateLimitPartition.GetNoLimiter("unlimited");
            }

            var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permitLimit,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });
        });
    }
}
