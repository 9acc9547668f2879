using Engagement.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Engagement.Infrastructure.Email;

/// <summary>
/// Removes the bodies and attachments of messages sent more than Email:SentBodyRetentionDays ago. The row stays (who,
/// what kind, when) as the record that the email was sent.
/// </summary>
public sealed class EmailRetentionJob(EngagementDbContext db, TimeProvider clock, IOptions<EmailOptions> options, ILogger<EmailRetentionJob> logger)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var cutoff = now.AddDays(-Math.Max(0, options.Value.SentBodyRetentionDays));
        var cleared = await db.OutboxMessages
            .Where(m => m.SentAt != null && m.SentAt < cutoff && m.BodyDeletedAt == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.TextBody, (string?)null)
                .SetProperty(m => m.HtmlBody, (string?)null)
                .SetProperty(m => m.AttachmentContent, (string?)null)
                .SetProperty(m => m.BodyDeletedAt, now), cancellationToken);
        logger.LogInformation("Email retention removed the bodies of {Count} sent message(s)", cleared);
        return cleared;
    }
}
