using Engagement.Domain.Common;
using Engagement.Domain.Feedback;
using Engagement.Domain.Responses;

namespace Engagement.UnitTests.Feedback;

/// <summary>The triage rules of a feedback item, with no database: the aggregate is the only place they live.</summary>
public sealed class FeedbackItemTriageTests
{
    private static readonly DateTime At = new(2026, 12, 2, 10, 0, 0, DateTimeKind.Utc);
    private static int _entries;

    private static FeedbackItem Item(string? email = null) => FeedbackItem.Receive(
        new NewFeedback(SubmitterRole.CarerOrFamily, ProviderType.CareHome, ServiceSection.HomeCare, "Carers arrive late", FeedbackChannel.OnlineForm, [3, 3, 4],
            ContactName: "  Sam  ", ContactEmail: email, ConsentToContact: true, ConsentToProgressUpdates: true),
        "YS-2026-000001", "hash", At, possibleSafeguarding: false);

    private static ResponseEntry Entry(bool published = false)
    {
        var entry = ResponseEntry.Create($"WD-2026-{Interlocked.Increment(ref _entries):D4}", "Late visits", "commissioner", At);
        entry.YouSaidSummary = "Visits were late";
        if (published)
        {
            Assert.True(entry.Publish(At).Succeeded);
        }

        return entry;
    }

    [Fact]
    public void A_new_item_keeps_only_what_applies_and_is_received()
    {
        var anonymous = Item();
        Assert.Null(anonymous.ContactName);
        Assert.False(anonymous.ConsentToContact);
        Assert.False(anonymous.ConsentToProgressUpdates);
        Assert.Null(anonymous.ProviderType);
        Assert.Equal([3, 4], anonymous.Priorities.Select(p => p.PriorityNumber));
        Assert.Equal(FeedbackState.Received, anonymous.State);

        var withEmail = Item(" sam@example.org ");
        Assert.Equal("sam@example.org", withEmail.ContactEmail);
        Assert.Equal("Sam", withEmail.ContactName);
        Assert.True(withEmail.ConsentToProgressUpdates);
    }

    [Fact]
    public void Any_triage_action_means_it_is_being_looked_at_and_the_first_time_is_kept()
    {
        var item = Item();
        item.AssignTo("colleague", At);
        item.AddNote("Called back", "me", At.AddHours(1));
        Assert.Equal(FeedbackState.BeingLookedAt, item.State);
        Assert.Equal(At, item.FirstLookedAt);
    }

    [Fact]
    public void Safeguarding_closes_the_item_unlinks_it_and_changes_the_entrys_version()
    {
        var item = Item();
        var entry = Entry(published: true);
        Assert.True(item.LinkTo(entry, At).Succeeded);
        var version = entry.Version;

        var result = item.FlagAsSafeguardingConcern("  Spoke to the safeguarding team  ", "commissioner", At);

        Assert.True(result.Succeeded);
        Assert.Equal(FeedbackFlag.SafeguardingConcern, item.Flag);
        Assert.Equal("Spoke to the safeguarding team", item.FlagNote);
        Assert.Equal(At, item.FlaggedAt);
        Assert.Equal("commissioner", item.FlaggedByUserId);
        Assert.Null(item.ResponseEntry);
        Assert.Null(item.ResponseEntryId);
        Assert.Equal(FeedbackState.Closed, item.State);
        Assert.False(item.CanBePublished);
        Assert.NotEqual(version, entry.Version);
    }

    [Fact]
    public void The_safeguarding_flag_can_never_change_or_be_set_twice()
    {
        var item = Item();
        Assert.True(item.FlagAsSafeguardingConcern(null, "a", At).Succeeded);

        var twice = item.FlagAsSafeguardingConcern(null, "b", At);
        var complaint = item.FlagAsComplaint(null, "b", At);
        var notForPublication = item.MarkNotForPublication(NotForPublicationReason.Duplicate, "Same as another", "b", At);

        Assert.All([twice, complaint, notForPublication], r => Assert.Equal(ResultKind.Invalid, r.Kind));
        Assert.Equal("Reason", notForPublication.Field);
        Assert.Contains("cannot be changed", complaint.Error, StringComparison.Ordinal);
        Assert.Equal(FeedbackFlag.SafeguardingConcern, item.Flag);
        Assert.Equal("a", item.FlaggedByUserId);
    }

    [Fact]
    public void A_safeguarding_concern_or_an_item_not_for_publication_can_never_be_linked()
    {
        var safeguarding = Item();
        safeguarding.FlagAsSafeguardingConcern(null, "a", At);
        var notForPublication = Item();
        Assert.True(notForPublication.MarkNotForPublication(NotForPublicationReason.Spam, "Advert", "a", At).Succeeded);
        var entry = Entry();
        var version = entry.Version;

        Assert.Contains("safeguarding concern", safeguarding.LinkTo(entry, At).Error, StringComparison.Ordinal);
        Assert.Contains("not for publication", notForPublication.LinkTo(entry, At).Error, StringComparison.Ordinal);
        Assert.Null(safeguarding.ResponseEntry);
        Assert.Null(notForPublication.ResponseEntry);
        Assert.Equal(version, entry.Version);
    }

    [Fact]
    public void Not_for_publication_needs_a_reason_and_a_note_and_closes_the_item()
    {
        var item = Item();
        Assert.Equal("Reason", item.MarkNotForPublication(null, "note", "a", At).Field);
        Assert.Equal("Reason", item.MarkNotForPublication((NotForPublicationReason)42, "note", "a", At).Field);
        Assert.Equal("Note", item.MarkNotForPublication(NotForPublicationReason.Spam, "  ", "a", At).Field);
        Assert.Equal(FeedbackFlag.None, item.Flag);

        Assert.True(item.MarkNotForPublication(NotForPublicationReason.OutOfScope, "Housing repair", "a", At).Succeeded);
        Assert.Equal(FeedbackState.Closed, item.State);
        Assert.Equal(NotForPublicationReason.OutOfScope, item.NotForPublicationReason);
    }

    [Fact]
    public void A_complaint_stays_open_and_linkable_and_is_recorded_once()
    {
        var item = Item();
        Assert.True(item.FlagAsComplaint(null, "a", At).Succeeded);
        Assert.Equal(FeedbackState.BeingLookedAt, item.State);
        Assert.Equal("Flag", item.FlagAsComplaint(null, "a", At).Field);
        Assert.True(item.LinkTo(Entry(), At).Succeeded);
    }

    [Fact]
    public void Notes_are_limited_to_the_same_length_everywhere()
    {
        var item = Item();
        var flagNote = new string('x', FeedbackLimits.FlagNoteMaxLength + 1);
        Assert.Equal("Note", item.FlagAsSafeguardingConcern(flagNote, "a", At).Field);
        Assert.Equal("Note", item.FlagAsComplaint(flagNote, "a", At).Field);
        Assert.Equal("Note", item.MarkNotForPublication(NotForPublicationReason.Spam, flagNote, "a", At).Field);
        Assert.Equal(FeedbackFlag.None, item.Flag);
        Assert.True(item.FlagAsComplaint(new string('x', FeedbackLimits.FlagNoteMaxLength), "a", At).Succeeded);

        Assert.Equal("Text", item.AddNote(new string('x', FeedbackLimits.NoteMaxLength + 1), "a", At).Field);
        Assert.Equal("Text", item.AddNote(" ", "a", At).Field);
        Assert.True(item.AddNote("line one\r\nline two", "a", At).Succeeded);
        Assert.Equal("line one\nline two", Assert.Single(item.Notes).Text);
    }

    [Fact]
    public void The_tracking_state_follows_the_entry_it_is_linked_to()
    {
        var item = Item();
        var entry = Entry();
        Assert.True(item.LinkTo(entry, At).Succeeded);
        Assert.Equal(FeedbackState.BeingLookedAt, item.State);

        Assert.True(entry.Publish(At).Succeeded);
        Assert.Equal(FeedbackState.LinkedToEntry, item.State);

        Assert.True(entry.Unpublish(At).Succeeded);
        Assert.Equal(FeedbackState.BeingLookedAt, item.State);
    }

    [Fact]
    public void Every_change_to_an_entrys_items_changes_its_version_and_moving_an_item_changes_both()
    {
        var item = Item();
        var first = Entry();
        var second = Entry();
        var v1 = first.Version;
        Assert.True(item.LinkTo(first, At).Succeeded);
        Assert.NotEqual(v1, first.Version);

        var v1b = first.Version;
        var v2 = second.Version;
        Assert.True(item.LinkTo(second, At).Succeeded);
        Assert.NotEqual(v1b, first.Version);
        Assert.NotEqual(v2, second.Version);
        Assert.Same(second, item.ResponseEntry);

        Assert.Equal(nameof(FeedbackItem.ResponseEntry), item.LinkTo(second, At).Field);
        var v2b = second.Version;
        Assert.True(item.UnlinkFromEntry());
        Assert.NotEqual(v2b, second.Version);
        Assert.False(item.UnlinkFromEntry());
    }

    [Theory]
    [InlineData(FeedbackFlag.None, false, false, false, FeedbackState.Received)]
    [InlineData(FeedbackFlag.None, false, false, true, FeedbackState.BeingLookedAt)]
    [InlineData(FeedbackFlag.Complaint, true, false, true, FeedbackState.BeingLookedAt)]
    [InlineData(FeedbackFlag.Complaint, true, true, true, FeedbackState.LinkedToEntry)]
    [InlineData(FeedbackFlag.None, true, true, false, FeedbackState.LinkedToEntry)]
    [InlineData(FeedbackFlag.SafeguardingConcern, false, false, true, FeedbackState.Closed)]
    [InlineData(FeedbackFlag.NotForPublication, false, false, true, FeedbackState.Closed)]
    public void The_state_is_derived_from_its_facts(FeedbackFlag flag, bool linked, bool published, bool lookedAt, FeedbackState expected) =>
        Assert.Equal(expected, FeedbackItem.StateOf(flag, linked, published, lookedAt ? At : null));

    [Fact]
    public void The_query_filters_agree_with_the_derived_state()
    {
        var isNew = FeedbackItem.IsNew.Compile();
        var unlinked = FeedbackItem.IsOpenAndUnlinked.Compile();
        var fresh = Item();
        var looked = Item();
        looked.AssignTo(null, At);
        var closed = Item();
        closed.FlagAsSafeguardingConcern(null, "a", At);

        Assert.True(isNew(fresh));
        Assert.False(isNew(looked));
        Assert.False(isNew(closed));
        Assert.True(unlinked(looked));
        Assert.False(unlinked(closed));
    }
}
