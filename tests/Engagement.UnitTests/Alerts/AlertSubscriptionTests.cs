using Engagement.Domain.Alerts;
using Engagement.Domain.Common;
using Engagement.Domain.Consultations;
using Engagement.Domain.Events;
using Engagement.Domain.Responses;

namespace Engagement.UnitTests.Alerts;

public sealed class AlertSubscriptionTests
{
    private static readonly DateTime Now = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    private static AlertSubscription Subscription(AlertChoices choices) =>
        AlertSubscription.Create("Someone@Example.org ", AlertFrequency.Immediately, choices, "hash", "stamp", Now);

    [Fact]
    public void Only_new_consultations_follows_no_entries_and_every_answerable_consultation()
    {
        var subscription = Subscription(new AlertChoices([], [], [], NewConsultations: true));
        Assert.False(subscription.FollowsEntries);
        Assert.False(subscription.Matches(ServiceSection.HomeCare, [5], ResponseStatus.Completed));
        Assert.True(subscription.MatchesConsultation(ServiceSection.HomeCare, [5], ConsultationAudience.Everyone));
        Assert.True(subscription.MatchesConsultation(ServiceSection.Workforce, [], ConsultationAudience.CareHomeProviders));
        Assert.False(subscription.MatchesConsultation(ServiceSection.HomeCare, [5], ConsultationAudience.InvitationOnly));
        Assert.False(subscription.MatchesEvent(Guid.NewGuid(), EventAudience.CareHomeProviders));
    }

    [Fact]
    public void Priorities_and_sections_narrow_new_consultations_but_statuses_do_not()
    {
        var subscription = Subscription(new AlertChoices([5, 7], [ServiceSection.HomeCare], [ResponseStatus.Completed], NewConsultations: true));
        Assert.True(subscription.MatchesConsultation(ServiceSection.HomeCare, [7, 9], ConsultationAudience.Everyone));
        Assert.False(subscription.MatchesConsultation(ServiceSection.HomeCare, [9], ConsultationAudience.Everyone));
        Assert.False(subscription.MatchesConsultation(ServiceSection.Workforce, [5], ConsultationAudience.Everyone));
        Assert.True(subscription.Matches(ServiceSection.HomeCare, [5], ResponseStatus.Completed));
        Assert.False(subscription.Matches(ServiceSection.HomeCare, [5], ResponseStatus.InProgress));
    }

    [Fact]
    public void Without_new_consultations_ticked_no_consultation_matches()
    {
        var subscription = Subscription(new AlertChoices([5], [], []));
        Assert.True(subscription.FollowsEntries);
        Assert.False(subscription.MatchesConsultation(ServiceSection.HomeCare, [5], ConsultationAudience.Everyone));
    }

    [Fact]
    public void An_event_matches_by_its_series_or_its_forum_audience()
    {
        var series = Guid.NewGuid();
        var bySeries = Subscription(new AlertChoices([], [], [], EventSeries: [series]));
        Assert.True(bySeries.MatchesEvent(series, EventAudience.Anyone));
        Assert.False(bySeries.MatchesEvent(Guid.NewGuid(), EventAudience.CareHomeProviders));
        Assert.False(bySeries.MatchesEvent(null, EventAudience.CareHomeProviders));
        Assert.False(bySeries.FollowsEntries);
        Assert.Equal([series], bySeries.SeriesList);

        var byAudience = Subscription(new AlertChoices([], [], [], EventAudiences: [EventAudience.HomeCareProviders]));
        Assert.True(byAudience.MatchesEvent(null, EventAudience.HomeCareProviders));
        Assert.True(byAudience.MatchesEvent(series, EventAudience.HomeCareProviders));
        Assert.False(byAudience.MatchesEvent(series, EventAudience.CareHomeProviders));
        Assert.False(byAudience.Matches(ServiceSection.HomeCare, [5], ResponseStatus.Completed));
    }

    [Fact]
    public void Confirming_sets_every_watermark_once()
    {
        var subscription = Subscription(new AlertChoices([], [], [], NewConsultations: true));
        Assert.True(subscription.Confirm(Now.AddHours(1), 41, 17));
        Assert.Equal(41, subscription.LastStatusChangeId);
        Assert.Equal(17, subscription.LastEventChangeId);
        Assert.Equal(Now.AddHours(1), subscription.ConsultationsCheckedUpTo);
        Assert.False(subscription.Confirm(Now.AddHours(2), 99, 99));
        Assert.Equal(17, subscription.LastEventChangeId);
    }

    [Fact]
    public void Choices_count_every_box_ticked()
    {
        Assert.Equal(0, new AlertChoices([], [], []).Count);
        Assert.Equal(5, new AlertChoices([1], [ServiceSection.HomeCare], [], true, [Guid.NewGuid()], [EventAudience.CareHomeProviders]).Count);
    }

    [Fact]
    public void A_consultation_opens_at_its_opening_time_or_when_published_if_later()
    {
        Assert.Equal(Now, Consultation.OpenedAt(Now, Now.AddDays(-3)));
        Assert.Equal(Now.AddDays(1), Consultation.OpenedAt(Now, Now.AddDays(1)));
    }

    [Fact]
    public void Only_the_provider_forum_audiences_can_be_followed_and_slugs_round_trip()
    {
        Assert.Equal([EventAudience.CareHomeProviders, EventAudience.HomeCareProviders], Enum.GetValues<EventAudience>().Where(a => a.IsForumAudience()));
        foreach (var audience in Enum.GetValues<EventAudience>())
        {
            Assert.Equal(audience, EventText.AudienceFromSlug(audience.Slug()));
        }

        Assert.Null(EventText.AudienceFromSlug("nobody"));
    }
}
