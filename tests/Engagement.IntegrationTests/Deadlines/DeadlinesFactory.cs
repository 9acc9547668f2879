using Engagement.Domain.Common;
using Engagement.Domain.Feedback;
using Engagement.Infrastructure.Security;
using Engagement.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Engagement.IntegrationTests.Deadlines;

/// <summary>The app with a clock the test sets (it starts at the real time, so sign-in codes work, and is moved to the fixture's day).</summary>
public class DeadlinesFactory : EngagementFactory
{
    private static int _sequence;

    public TestClock Clock { get; } = new();

    protected override TimeProvider TestTime => Clock;

    /// <summary>Adds a feedback item arriving at <paramref name="submittedAt"/> (UTC) with the marker in its text.</summary>
    public async Task<FeedbackItem> AddItemAsync(string marker, DateTime submittedAt, DateTime? firstRespondedAt = null, bool quarantined = false, int? priority = null, ServiceSection section = ServiceSection.HomeCare)
    {
        await using var db = CreateDbContext();
        var item = FeedbackItem.Receive(
            new NewFeedback(SubmitterRole.CarerOrFamily, null, section, "Waiting for an answer " + marker, FeedbackChannel.OnlineForm, priority is { } p ? [p] : []),
            FeedbackItem.FormatReference(2091, 100000 + Interlocked.Increment(ref _sequence)),
            SecureToken.Hash(SecureToken.Create()),
            DateTime.SpecifyKind(submittedAt, DateTimeKind.Utc),
            possibleSafeguarding: false,
            looksLikeBot: quarantined);
        if (firstRespondedAt is { } at)
        {
            item.RecordFirstResponse(DateTime.SpecifyKind(at, DateTimeKind.Utc));
        }

        db.FeedbackItems.Add(item);
        await db.SaveChangesAsync();
        return item;
    }
}
