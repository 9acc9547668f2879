using System.Reflection;
using Engagement.Domain.Common;
using Engagement.Domain.Providers;
using Engagement.Domain.Responses;

namespace Engagement.UnitTests.Providers;

public sealed class EngagementRecordTests
{
    private static readonly DateOnly Today = new(2026, 6, 15);
    private static readonly DateTime Now = new(2026, 6, 15, 10, 0, 0, DateTimeKind.Utc);

    public static EngagementDetails Valid() => new(
        "Riverside Care Home", ProviderServiceType.CareHome, "1-123456789", Today.AddDays(-3), EngagementKind.ResidentsMeeting, 14,
        EngagementParticipants.PeopleUsingTheService | EngagementParticipants.Families,
        "Residents asked for more choice at lunch.", "We added a second hot option.", null, [7, 5]);

    public static EngagementRecord New(EngagementDetails? details = null) =>
        EngagementRecord.Create("provider-1", details ?? Valid(), Today, "user-1", Now).Value!;

    [Fact]
    public void A_new_record_is_received_waiting_for_review_and_not_public_with_one_history_row()
    {
        var record = New();

        Assert.Equal(ResponseStatus.Received, record.Status);
        Assert.Equal(ModerationState.WaitingForReview, record.Moderation);
        Assert.False(record.IsPublic);
        var first = Assert.Single(record.History);
        Assert.Null(first.FromStatus);
        Assert.Equal(ResponseStatus.Received, first.ToStatus);
        Assert.Equal([5, 7], record.Priorities.Select(p => p.PriorityNumber).Order());
        Assert.Equal("provider-1", record.ProviderUserId);
    }

    [Fact]
    public void Every_missing_or_wrong_field_is_refused_under_its_own_property_name()
    {
        var bad = new EngagementDetails(" ", null, "12345", Today.AddDays(1), null, 0, EngagementParticipants.None, "", new string('x', 4001), null, []);

        var result = EngagementRecord.Create("provider-1", bad, Today, "user-1", Now);

        Assert.Equal(ResultKind.Invalid, result.Kind);
        Assert.Equal(
            [nameof(EngagementDetails.ServiceName), nameof(EngagementDetails.ServiceType), nameof(EngagementDetails.CqcLocationId), nameof(EngagementDetails.HeldOn),
             nameof(EngagementDetails.Kind), nameof(EngagementDetails.ParticipantCount), nameof(EngagementDetails.Participants), nameof(EngagementDetails.WhatWeHeard), nameof(EngagementDetails.WhatWeDid)],
            result.Errors.Select(e => e.Property));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("1-123456789", true)]
    [InlineData("1-1000000001", true)]
    [InlineData("123456789", false)]
    [InlineData("1-abc", false)]
    [InlineData("<script>", false)]
    public void The_cqc_location_id_is_optional_but_must_look_like_one(string? id, bool ok) =>
        Assert.Equal(ok, EngagementRecord.Check(Valid() with { CqcLocationId = id }, Today).Succeeded);

    [Fact]
    public void Status_moves_use_the_councils_workflow_and_evidence_rules()
    {
        var record = New();

        Assert.Equal("NewStatus", record.ChangeStatus(ResponseStatus.Completed, "Done", null, "user-1", Now).Field);
        Assert.True(record.ChangeStatus(ResponseStatus.UnderReview, null, null, "user-1", Now).Succeeded);
        Assert.Equal("Note", record.ChangeStatus(ResponseStatus.ActionPlanned, null, Today.AddDays(30), "user-1", Now).Field);
        Assert.Equal("TargetDate", record.ChangeStatus(ResponseStatus.ActionPlanned, "A second hot option", null, "user-1", Now).Field);
        Assert.True(record.ChangeStatus(ResponseStatus.ActionPlanned, "A second hot option", Today.AddDays(30), "user-1", Now).Succeeded);
        Assert.Equal("Note", record.ChangeStatus(ResponseStatus.Completed, " ", null, "user-1", Now).Field);
        Assert.True(record.ChangeStatus(ResponseStatus.Completed, "Two hot options every day", null, "user-1", Now.AddDays(1)).Succeeded);

        Assert.Equal(ResponseStatus.Completed, record.Status);
        Assert.Equal(Today.AddDays(30), record.TargetDate);
        Assert.Equal(
            [ResponseStatus.Received, ResponseStatus.UnderReview, ResponseStatus.ActionPlanned, ResponseStatus.Completed],
            record.History.Select(h => h.ToStatus));
        Assert.Equal("Two hot options every day", record.History[^1].Note);
    }

    [Fact]
    public void Approval_makes_it_public_and_any_later_change_by_the_provider_takes_it_back_to_review()
    {
        var record = New();
        Assert.True(record.Approve("commissioner", Now).Succeeded);
        Assert.True(record.IsPublic);
        Assert.Equal(Now, record.FirstApprovedAt);
        Assert.False(record.Approve("commissioner", Now).Succeeded);

        Assert.True(record.Edit(Valid() with { WhatWeHeard = "Changed" }, Today, Now.AddHours(1)).Succeeded);
        Assert.False(record.IsPublic);
        Assert.Equal(ModerationState.WaitingForReview, record.Moderation);

        Assert.True(record.Approve("commissioner", Now.AddHours(2)).Succeeded);
        Assert.True(record.ChangeStatus(ResponseStatus.UnderReview, null, null, "user-1", Now.AddHours(3)).Succeeded);
        Assert.False(record.IsPublic);
        Assert.Equal(Now, record.FirstApprovedAt);
    }

    [Fact]
    public void Sending_back_needs_a_reason_and_takes_an_approved_record_off_the_public_pages()
    {
        var record = New();
        record.Approve("commissioner", Now);

        var refused = record.SendBack("  ", "commissioner", Now);
        Assert.Equal("Reason", refused.Field);
        Assert.True(record.IsPublic);

        Assert.True(record.SendBack("It names a resident", "commissioner", Now).Succeeded);
        Assert.False(record.IsPublic);
        Assert.Equal("It names a resident", record.SentBackReason);
        Assert.False(record.Approve("commissioner", Now).Succeeded);
        Assert.False(record.SendBack("again", "commissioner", Now).Succeeded);

        record.Edit(Valid(), Today, Now);
        Assert.Equal(ModerationState.WaitingForReview, record.Moderation);
        Assert.True(record.Approve("commissioner", Now).Succeeded);
        Assert.Null(record.SentBackReason);
    }

    [Fact]
    public void A_refused_edit_changes_nothing()
    {
        var record = New();
        record.Approve("commissioner", Now);
        var version = record.Version;

        Assert.False(record.Edit(Valid() with { ServiceName = "" }, Today, Now).Succeeded);

        Assert.Equal("Riverside Care Home", record.ServiceName);
        Assert.True(record.IsPublic);
        Assert.Equal(version, record.Version);
    }

    [Fact]
    public void Every_change_gives_a_new_concurrency_version()
    {
        var record = New();
        var versions = new HashSet<Guid> { record.Version };
        record.Edit(Valid(), Today, Now);
        Assert.True(versions.Add(record.Version));
        record.ChangeStatus(ResponseStatus.UnderReview, null, null, "user-1", Now);
        Assert.True(versions.Add(record.Version));
        record.Approve("commissioner", Now);
        Assert.True(versions.Add(record.Version));
    }

    [Fact]
    public void The_record_and_its_history_have_no_public_setters()
    {
        foreach (var type in new[] { typeof(EngagementRecord), typeof(EngagementStatusChange), typeof(EngagementRecordPriority) })
        {
            Assert.Empty(type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true }).Select(p => type.Name + "." + p.Name));
            Assert.Empty(type.GetConstructors(BindingFlags.Public | BindingFlags.Instance));
        }

        var list = Assert.IsAssignableFrom<IList<EngagementStatusChange>>(New().History);
        Assert.True(list.IsReadOnly);
    }
}
