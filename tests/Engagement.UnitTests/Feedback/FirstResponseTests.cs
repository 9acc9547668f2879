using Engagement.Domain.Feedback;

namespace Engagement.UnitTests.Feedback;

public sealed class FirstResponseTests
{
    [Fact]
    public void Only_the_first_response_is_recorded()
    {
        var item = new FeedbackItem();
        var first = new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);
        Assert.Null(item.FirstRespondedAt);
        Assert.True(item.RecordFirstResponse(first));
        Assert.False(item.RecordFirstResponse(first.AddDays(3)));
        Assert.Equal(first, item.FirstRespondedAt);
    }
}
