using Engagement.Domain.Common;
using Engagement.Domain.Feedback;
using Engagement.Domain.Responses;

namespace Engagement.UnitTests.Feedback;

public sealed class FirstResponseTests
{
    private static readonly DateTime At = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    private static FeedbackItem Item() => FeedbackItem.Receive(
        new NewFeedback(SubmitterRole.CarerOrFamily, null, ServiceSection.HomeCare, "Late visits", FeedbackChannel.OnlineForm, []),
        "YS-2026-000002", "hash", At, possibleSafeguarding: false);

    [Fact]
    public void Only_the_first_response_is_recorded()
    {
        var item = Item();
        Assert.Null(item.FirstRespondedAt);
        Assert.True(item.RecordFirstResponse(At));
        Assert.False(item.RecordFirstResponse(At.AddDays(3)));
        Assert.Equal(At, item.FirstRespondedAt);
    }

    [Fact]
    public void A_decision_with_a_reason_or_a_link_to_a_published_entry_is_a_first_response_but_looking_or_a_draft_is_not()
    {
        var looked = Item();
        looked.AddNote("Read it", "a", At);
        looked.AssignTo("b", At);
        Assert.Null(looked.FirstRespondedAt);

        var draft = ResponseEntry.Create("WD-2026-0100", "Late visits", "a", At);
        var linkedToDraft = Item();
        Assert.True(linkedToDraft.LinkTo(draft, At).Succeeded);
        Assert.Null(linkedToDraft.FirstRespondedAt);

        var published = ResponseEntry.Create("WD-2026-0101", "Late visits", "a", At);
        published.YouSaidSummary = "Visits were late";
        Assert.True(published.Publish(At).Succeeded);
        var linkedToPublished = Item();
        Assert.True(linkedToPublished.LinkTo(published, At.AddDays(1)).Succeeded);
        Assert.Equal(At.AddDays(1), linkedToPublished.FirstRespondedAt);

        var closed = Item();
        Assert.True(closed.MarkNotForPublication(NotForPublicationReason.Spam, "Advert", "a", At.AddDays(2)).Succeeded);
        Assert.Equal(At.AddDays(2), closed.FirstRespondedAt);

        var complaint = Item();
        Assert.True(complaint.FlagAsComplaint(null, "a", At.AddDays(3)).Succeeded);
        Assert.Equal(At.AddDays(3), complaint.FirstRespondedAt);

        var safeguarding = Item();
        Assert.True(safeguarding.FlagAsSafeguardingConcern(null, "a", At.AddDays(4)).Succeeded);
        Assert.Equal(At.AddDays(4), safeguarding.FirstRespondedAt);
    }
}
