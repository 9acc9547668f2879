using Engagement.Domain.Email;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Email;
using Engagement.Web.Features.Email;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Staff.Email;

/// <summary>Email delivery: pending, sent and failed outbox messages, with a retry for failed ones.</summary>
public sealed class IndexModel(EngagementDbContext db) : PageModel
{
    public const int PageSize = 50;

    [TempData]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "status")]
    public string? Show { get; set; }

    /// <summary>Keyset paging: show messages with an id below this one.</summary>
    [BindProperty(SupportsGet = true, Name = "before")]
    public long? Before { get; set; }

    public OutboxStatus Selected { get; private set; } = OutboxStatus.Pending;

    public IReadOnlyList<Row> Messages { get; private set; } = [];

    public long? OlderThan { get; private set; }

    public IReadOnlyDictionary<OutboxStatus, int> Counts { get; private set; } = new Dictionary<OutboxStatus, int>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Selected = Show?.ToLowerInvariant() switch
        {
            "sent" => OutboxStatus.Sent,
            "failed" => OutboxStatus.Failed,
            _ => OutboxStatus.Pending,
        };

        var all = db.OutboxMessages.AsNoTracking();
        Counts = new Dictionary<OutboxStatus, int>
        {
            [OutboxStatus.Pending] = await Filter(all, OutboxStatus.Pending).CountAsync(cancellationToken),
            [OutboxStatus.Sent] = await Filter(all, OutboxStatus.Sent).CountAsync(cancellationToken),
            [OutboxStatus.Failed] = await Filter(all, OutboxStatus.Failed).CountAsync(cancellationToken),
        };

        var query = Filter(all, Selected);
        if (Before is { } before)
        {
            query = query.Where(m => m.Id < before);
        }

        var page = await query
            .OrderByDescending(m => m.Id)
            .Take(PageSize + 1)
            .Select(m => new { m.Id, m.Kind, m.ToAddress, m.CreatedAt, m.SentAt, m.FailedAt, m.NextAttemptAt, m.Attempts, m.LastError })
            .ToListAsync(cancellationToken);

        Messages = page.Take(PageSize)
            .Select(m => new Row(m.Id, m.Kind, EmailAddressMask.Mask(m.ToAddress), m.CreatedAt, m.SentAt, m.FailedAt, m.NextAttemptAt, m.Attempts, m.LastError))
            .ToList();
        OlderThan = page.Count > PageSize ? Messages[^1].Id : null;
    }

    public async Task<IActionResult> OnPostRetryAsync(long id, [FromServices] RetryFailedEmailHandler handler, CancellationToken cancellationToken)
    {
        Status = await handler.HandleAsync(new RetryFailedEmail(id), cancellationToken)
            ? $"Email {id} will be sent again shortly."
            : $"Email {id} is not failed, so it was not retried.";
        return RedirectToPage(new { status = "failed" });
    }

    public static string Label(OutboxStatus status) => status switch
    {
        OutboxStatus.Sent => "Sent",
        OutboxStatus.Failed => "Failed",
        _ => "Pending",
    };

    private static IQueryable<OutboxMessage> Filter(IQueryable<OutboxMessage> query, OutboxStatus status) => status switch
    {
        OutboxStatus.Sent => query.Where(m => m.SentAt != null),
        OutboxStatus.Failed => query.Where(m => m.SentAt == null && m.FailedAt != null),
        _ => query.Where(m => m.SentAt == null && m.FailedAt == null),
    };

    public sealed record Row(
        long Id,
        string Kind,
        string MaskedRecipient,
        DateTime CreatedAt,
        DateTime? SentAt,
        DateTime? FailedAt,
        DateTime NextAttemptAt,
        int Attempts,
        string? LastError);
}
