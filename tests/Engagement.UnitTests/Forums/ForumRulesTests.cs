using System.Reflection;
using Engagement.Domain.Common;
using Engagement.Domain.Events;
using Engagement.Domain.Forums;

namespace Engagement.UnitTests.Forums;

/// <summary>The forum loop's rules: who may suggest agenda items and until when, the agenda's states, minutes and actions.</summary>
public sealed class ForumRulesTests
{
    private static readonly DateTime Now = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private static readonly Registrant CareHome = Registrant.Provider(ProviderType.CareHome, approved: true);

    private static readonly Registrant HomeCare = Registrant.Provider(ProviderType.HomeCare, approved: true);

    private static readonly AgendaItemDetails Details = new("Night staff", "Agency costs have doubled.", [14, 14, 7]);

    private static Event Forum(EventAudience audience = EventAudience.CareHomeProviders, int startsInDays = 30) => new()
    {
        Id = 5,
        Title = "Forum",
        Audience = audience,
        StartsAt = Now.AddDays(startsInDays),
        EndsAt = Now.AddDays(startsInDays).AddHours(2),
    };

    [Fact]
    public void A_provider_of_the_forums_audience_may_suggest_and_its_priorities_are_kept_once_in_order()
    {
        var item = AgendaItem.Propose(Forum(), CareHome, "org-1", false, Details, Now);

        Assert.True(item.Succeeded);
        Assert.Equal(AgendaItemState.Proposed, item.Value!.State);
        Assert.Equal("org-1", item.Value.ProviderUserId);
        Assert.Null(item.Value.Position);
        Assert.Equal([7, 14], item.Value.Priorities.Select(p => p.PriorityNumber));
    }

    [Theory]
    [InlineData(EventAudience.CareHomeProviders, ProviderType.HomeCare, 0, false)]
    [InlineData(EventAudience.HomeCareProviders, ProviderType.CareHome, 0, false)]
    [InlineData(EventAudience.HomeCareProviders, ProviderType.HomeCare, 0, true)]
    [InlineData(EventAudience.CareHomeProviders, ProviderType.ExtraCareHousing, 0, false)]
    [InlineData(EventAudience.CareHomeProviders, ProviderType.HomeCare, 1, true)] // also gives care home care
    public void Only_providers_that_give_the_forums_kind_of_care_may_suggest(EventAudience audience, ProviderType type, int otherTypes, bool allowed)
    {
        var provider = Registrant.Provider(type, true, otherTypes == 0 ? 0 : ProviderTypeSet.Bit(ProviderType.CareHome));

        var result = ForumAgenda.CanPropose(Forum(audience), provider, false, Now);

        Assert.Equal(allowed, result.Succeeded);
        if (!allowed)
        {
            Assert.Contains("so it cannot add items to this forum's agenda", result.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_audience_refusal_comes_first_even_after_the_cut_off()
    {
        var result = ForumAgenda.CanPropose(Forum(startsInDays: 1), HomeCare, true, Now);

        Assert.Contains("This forum is for care home providers", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unapproved_providers_anonymous_people_and_workshops_are_refused()
    {
        Assert.Contains("approved", ForumAgenda.CanPropose(Forum(), Registrant.Provider(ProviderType.CareHome, false), false, Now).Error, StringComparison.Ordinal);
        Assert.Contains("Sign in", ForumAgenda.CanPropose(Forum(), Registrant.Public, false, Now).Error, StringComparison.Ordinal);
        Assert.Contains("not a provider forum", ForumAgenda.CanPropose(Forum(EventAudience.Anyone), CareHome, false, Now).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Suggestions_close_seven_days_before_the_start_or_when_the_agenda_is_published_or_cancelled()
    {
        var forum = Forum(startsInDays: 10);
        var closes = forum.StartsAt.AddDays(-7);

        Assert.Equal(closes, ForumAgenda.ClosesAt(forum));
        Assert.True(ForumAgenda.CanPropose(forum, CareHome, false, closes.AddSeconds(-1)).Succeeded);
        Assert.Contains("closed at", ForumAgenda.CanPropose(forum, CareHome, false, closes).Error, StringComparison.Ordinal);
        Assert.Contains("has been published", ForumAgenda.CanPropose(forum, CareHome, true, Now).Error, StringComparison.Ordinal);
        forum.IsCancelled = true;
        Assert.Contains("cancelled", ForumAgenda.CanPropose(forum, CareHome, false, Now).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Topic_and_why_it_matters_are_required_and_limited_each_beside_its_field()
    {
        var result = AgendaItem.Check(new AgendaItemDetails(" ", new string('x', ForumLimits.WhyItMattersMaxLength + 1), []));

        Assert.Equal([nameof(AgendaItemDetails.Topic), nameof(AgendaItemDetails.WhyItMatters)], result.Errors.Select(e => e.Property));
        Assert.Equal("Enter the topic", result.Errors[0].Message);
        Assert.False(AgendaItem.Propose(Forum(), CareHome, "org-1", false, Details with { Topic = new string('x', ForumLimits.TopicMaxLength + 1) }, Now).Succeeded);
    }

    [Fact]
    public void Commissioners_decide_proposed_items_and_their_own_go_straight_on_the_agenda()
    {
        var item = AgendaItem.Propose(Forum(), CareHome, "org-1", false, Details, Now).Value!;

        Assert.True(item.PlaceOnAgenda(2, Now).Succeeded);
        Assert.Equal((AgendaItemState.OnAgenda, 2), (item.State, item.Position!.Value));
        Assert.False(item.PlaceOnAgenda(3, Now).Succeeded);
        Assert.True(item.NotTake(Now).Succeeded);
        Assert.Equal(AgendaItemState.NotTaken, item.State);
        Assert.Null(item.Position);
        Assert.False(item.NotTake(Now).Succeeded);
        Assert.True(item.PlaceOnAgenda(1, Now).Succeeded);

        var own = AgendaItem.AddByCommissioner(Forum(), Details, 4, Now).Value!;
        Assert.Equal((AgendaItemState.OnAgenda, 4, false), (own.State, own.Position!.Value, own.IsFromProvider));
        Assert.False(AgendaItem.AddByCommissioner(Forum(EventAudience.Anyone), Details, 1, Now).Succeeded);
    }

    [Fact]
    public void Only_an_undecided_item_can_be_withdrawn_and_only_while_suggestions_are_open()
    {
        var forum = Forum();
        var item = AgendaItem.Propose(forum, CareHome, "org-1", false, Details, Now).Value!;

        Assert.True(item.CheckWithdraw(forum, false, Now).Succeeded);
        Assert.False(item.CheckWithdraw(forum, true, Now).Succeeded);
        item.PlaceOnAgenda(1, Now);
        Assert.Contains("already decided", item.CheckWithdraw(forum, false, Now).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_agenda_is_published_once_with_at_least_one_item()
    {
        var forum = Forum();
        var record = ForumRecord.For(forum);

        Assert.Contains("at least one item", record.PublishAgenda(forum, 0, Now).Error, StringComparison.Ordinal);
        Assert.True(record.PublishAgenda(forum, 2, Now).Succeeded);
        Assert.Equal(Now, record.AgendaPublishedAt);
        Assert.False(record.PublishAgenda(forum, 2, Now.AddHours(1)).Succeeded);
        Assert.Equal(Now, record.AgendaPublishedAt);
    }

    [Fact]
    public void Minutes_are_published_only_after_the_forum_and_never_empty_and_keep_their_first_date()
    {
        var forum = Forum(startsInDays: -3);
        var record = ForumRecord.For(forum);

        Assert.Equal("Minutes", ForumRecord.For(Forum()).PublishMinutes(Forum(), "Too soon", Now).Field);
        Assert.Equal("Enter the minutes", record.PublishMinutes(forum, "  ", Now).Error);
        Assert.False(record.PublishMinutes(forum, new string('x', ForumLimits.MinutesMaxLength + 1), Now).Succeeded);
        Assert.True(record.PublishMinutes(forum, "First\r\nversion", Now).Succeeded);
        Assert.Equal("First\nversion", record.MinutesMarkdown);
        Assert.True(record.PublishMinutes(forum, "Corrected", Now.AddDays(1)).Succeeded);
        Assert.Equal((Now, Now.AddDays(1)), (record.MinutesPublishedAt!.Value, record.MinutesUpdatedAt!.Value));
    }

    [Fact]
    public void An_action_comes_from_this_forums_agenda_after_it_and_becomes_one_entry_only()
    {
        var forum = Forum(startsInDays: -3);
        var onAgenda = AgendaItem.AddByCommissioner(forum, Details, 1, Now).Value!;
        var proposed = AgendaItem.Propose(Forum(), CareHome, "org-1", false, Details, Now).Value!;

        Assert.Equal("Text", ForumAction.Record(Forum(), "Too soon", [], Now).Field);
        Assert.Equal("AgendaItemIds", ForumAction.Record(forum, "Do it", [proposed], Now).Field);
        Assert.Equal("Enter the action", ForumAction.Record(forum, "", [onAgenda], Now).Error);

        var action = ForumAction.Record(forum, " Fund training ", [onAgenda], Now).Value!;
        Assert.Equal("Fund training", action.Text);
        Assert.Single(action.Sources);
        Assert.True(action.BecameEntry(42).Succeeded);
        Assert.Equal(42, action.ResponseEntryId);
        Assert.False(action.BecameEntry(43).Succeeded);
        Assert.Equal(42, action.ResponseEntryId);
    }

    [Theory]
    [InlineData(typeof(AgendaItem))]
    [InlineData(typeof(ForumRecord))]
    [InlineData(typeof(ForumAction))]
    public void Forum_objects_have_no_public_setters(Type type)
    {
        var setters = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod?.IsPublic == true).Select(p => p.Name);

        Assert.Empty(setters);
    }
}
