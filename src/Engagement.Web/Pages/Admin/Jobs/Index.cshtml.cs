using System.Globalization;
using System.Security.Claims;
using Engagement.Domain.Common;
using Engagement.Domain.Events;
using Engagement.Web.Features.Admin;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Engagement.Web.Pages.Admin.Jobs;

/// <summary>Background jobs for operators: counts, recurring jobs (run now), failed jobs (retry, delete).</summary>
public sealed class IndexModel(BackgroundJobs jobs) : PageModel
{
    public JobsOverview Overview { get; private set; } = default!;

    public void OnGet(int page = 1) => Overview = jobs.Overview(page);

    public Task<IActionResult> OnPostRetryAsync(string? jobId, CancellationToken cancellationToken) =>
        AfterAsync(jobs.RetryAsync(jobId ?? "", ActorId, cancellationToken), "The job is back in the queue");

    public Task<IActionResult> OnPostDeleteAsync(string? jobId, CancellationToken cancellationToken) =>
        AfterAsync(jobs.DeleteAsync(jobId ?? "", ActorId, cancellationToken), "The failed job was deleted");

    public Task<IActionResult> OnPostRunAsync(string? recurringJobId, CancellationToken cancellationToken) =>
        AfterAsync(jobs.RunNowAsync(recurringJobId ?? "", ActorId, cancellationToken), $"{recurringJobId} will run in the next few seconds");

    /// <summary>UK local time to the second: jobs run every few seconds, so minutes are not enough.</summary>
    public static string When(DateTime? utc) => utc is { } value
        ? UkTime.FromUtc(DateTime.SpecifyKind(value, DateTimeKind.Utc)).ToString("d MMM yyyy, HH:mm:ss", CultureInfo.GetCultureInfo("en-GB"))
        : "Not yet";

    private string? ActorId => User.FindFirstValue(ClaimTypes.NameIdentifier);

    private async Task<IActionResult> AfterAsync(Task<DomainResult> action, string done)
    {
        var result = await action;
        if (result.Succeeded)
        {
            TempData["Status"] = done;
            return Redirect("/admin/jobs");
        }

        ModelState.Clear();
        ModelState.AddModelError("", result.Error!);
        Overview = jobs.Overview(1);
        return Page();
    }
}
