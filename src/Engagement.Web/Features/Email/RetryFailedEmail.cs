using Engagement.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Features.Email;

public sealed record RetryFailedEmail(long OutboxMessageId);

/// <summary>Puts a failed email back in the queue to be sent at once. Only a failed (not sent, not pending) message moves.</summary>
public sealed class RetryFailedEmailHandler(EngagementDbContext db, TimeProvider clock)
{
    /// <returns>True when the message was failed and is now pending again.</returns>
    public async Task<bool> HandleAsync(RetryFailedEmail command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var updated = await db.OutboxMessages
            .Where(m => m.Id == command.OutboxMessageId && m.FailedAt != null && m.SentAt == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.FailedAt, (DateTime?)null)
                .SetProperty(m => m.NextAttemptAt, now)
                .SetProperty(m => m.LockedBy, (string?)null)
                .SetProperty(m => m.LockedUntil, (DateTime?)null), cancellationToken);
        return updated == 1;
    }
}
