using Engagement.Domain.Email;
using Engagement.Infrastructure.Email;
using Engagement.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Engagement.IntegrationTests.Email;

public sealed class EmailRetentionJobTests(EngagementFactory factory) : IClassFixture<EngagementFactory>
{
    [Fact]
    public async Task Removes_the_bodies_of_messages_sent_more_than_30_days_ago_and_keeps_the_rows()
    {
        var now = DateTime.UtcNow;
        OutboxMessage Row(DateTime? sentAt) => new()
        {
            ToAddress = "keep@example.org",
            Subject = "Subject",
            TextBody = "Text body",
            HtmlBody = "<p>Html body</p>",
            Kind = "retention-test",
            AttachmentFileName = "a.ics",
            AttachmentContentType = "text/calendar",
            AttachmentContent = "BEGIN:VCALENDAR",
            CreatedAt = now.AddDays(-45),
            NextAttemptAt = now.AddDays(-45),
            SentAt = sentAt,
        };

        var old = Row(now.AddDays(-31));
        var recent = Row(now.AddDays(-29));
        var pending = Row(null);
        await using (var db = factory.CreateDbContext())
        {
            db.OutboxMessages.AddRange(old, recent, pending);
            await db.SaveChangesAsync();
        }

        var cleared = await factory.GetService<EmailRetentionJob>().RunAsync(CancellationToken.None);

        Assert.True(cleared >= 1);
        await using var check = factory.CreateDbContext();
        var oldRow = await check.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == old.Id);
        Assert.Null(oldRow.TextBody);
        Assert.Null(oldRow.HtmlBody);
        Assert.Null(oldRow.AttachmentContent);
        Assert.NotNull(oldRow.BodyDeletedAt);
        Assert.Equal("Subject", oldRow.Subject);
        Assert.NotNull(oldRow.SentAt);
        foreach (var keptId in new[] { recent.Id, pending.Id })
        {
            var kept = await check.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == keptId);
            Assert.Equal("Text body", kept.TextBody);
            Assert.Equal("BEGIN:VCALENDAR", kept.AttachmentContent);
            Assert.Null(kept.BodyDeletedAt);
        }
    }
}
