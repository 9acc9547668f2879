using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Engagement.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Engagement.Web.Security;

/// <summary>
/// The front door's two limits, per client (the address, or the account when signed in). Signed-in staff are never
/// limited. Every form post counts towards <see cref="FormPostsPerMinute"/>, generous enough for the question pages of
/// several journeys from one shared wifi; only a finished submission (feedback sent, a booking, a sign-in, a password
/// reset, a provider registration) counts towards the much smaller <see cref="SubmissionsPerMinute"/>. A refusal is the
/// GOV.UK "too many requests" page with <c>Retry-After</c> and the other ways to reach the council.
/// </summary>
public sealed class FormRateLimits : IDisposable
{
    public const string Section = "RateLimiting";
    public const int DefaultFormPostsPerMinute = 120;
    public const int DefaultSubmissionsPerMinute = 10;

    private readonly PartitionedRateLimiter<string> _submissions;

    public FormRateLimits(IConfiguration configuration)
    {
        FormPostsPerMinute = configuration.GetValue($"{Section}:FormPostsPerMinute", DefaultFormPostsPerMinute);
        SubmissionsPerMinute = configuration.GetValue($"{Section}:SubmissionsPerMinute", DefaultSubmissionsPerMinute);
        _submissions = PartitionedRateLimiter.Create<string, string>(client => PerMinute(client, SubmissionsPerMinute));
    }

    public int FormPostsPerMinute { get; }

    public int SubmissionsPerMinute { get; }

    /// <summary>Staff are not limited; anyone else is counted by account when signed in, otherwise by address.</summary>
    public static string? Client(HttpContext context)
    {
        var user = context.User;
        if (user.IsInRole(Roles.Commissioner) || user.IsInRole(Roles.Admin))
        {
            return null;
        }

        return user.Identity?.IsAuthenticated == true
            ? "user:" + user.FindFirstValue(ClaimTypes.NameIdentifier)
            : "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }

    /// <summary>The middleware's limiter: every POST, by client.</summary>
    public void Configure(RateLimiterOptions options)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = (context, _) =>
        {
            SetRetryAfter(context.HttpContext, context.Lease);
            return ValueTask.CompletedTask;
        };
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            HttpMethods.IsPost(context.Request.Method) && Client(context) is { } client
                ? PerMinute(client, FormPostsPerMinute)
                : RateLimitPartition.GetNoLimiter("unlimited"));
    }

    /// <summary>
    /// Counts one finished submission. Null when it may go ahead; otherwise the 429 answer, which the error page shows
    /// with a button that sends the same answers again once the minute is up.
    /// </summary>
    public IActionResult? Refuse(PageModel page)
    {
        if (Client(page.HttpContext) is not { } client)
        {
            return null;
        }

        using var lease = _submissions.AttemptAcquire(client);
        if (lease.IsAcquired)
        {
            return null;
        }

        SetRetryAfter(page.HttpContext, lease);
        return new StatusCodeResult(StatusCodes.Status429TooManyRequests);
    }

    private static RateLimitPartition<string> PerMinute(string client, int limit) =>
        RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    private static void SetRetryAfter(HttpContext context, RateLimitLease lease)
    {
        var seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 60;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
    }

    public void Dispose() => _submissions.Dispose();
}

public static class SubmissionLimitExtensions
{
    /// <summary>Counts a finished submission against <see cref="FormRateLimits"/>; the 429 answer when over, else null.</summary>
    public static IActionResult? OverSubmissionLimit(this PageModel page) =>
        page.HttpContext.RequestServices.GetRequiredService<FormRateLimits>().Refuse(page);
}
