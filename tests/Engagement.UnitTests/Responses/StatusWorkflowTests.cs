using Engagement.Domain.Responses;
using static Engagement.Domain.Responses.ResponseStatus;

namespace Engagement.UnitTests.Responses;

public sealed class StatusWorkflowTests
{
    private static readonly DateOnly Target = new(2027, 3, 31);
    private static readonly DateTime At = new(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// The whole workflow, written out: for each from-status, the statuses it may move to. Forward moves follow
    /// Received → Under review → Action planned → In progress → Completed (Not taken forward once reviewed); any open
    /// status may be returned to from a later one (with a note), including reopening a closed entry.
    /// </summary>
    private static readonly Dictionary<ResponseStatus, ResponseStatus[]> Allowed = new()
    {
        [Received] = [UnderReview],
        [UnderReview] = [Received, ActionPlanned, NotTakenForward],
        [ActionPlanned] = [Received, UnderReview, InProgress, Completed, NotTakenForward],
        [InProgress] = [Received, UnderReview, ActionPlanned, Completed, NotTakenForward],
        [Completed] = [Received, UnderReview, ActionPlanned, InProgress],
        [NotTakenForward] = [Received, UnderReview, ActionPlanned, InProgress],
    };

    public static TheoryData<ResponseStatus, ResponseStatus, bool> AllPairs()
    {
        var data = new TheoryData<ResponseStatus, ResponseStatus, bool>();
        foreach (var from in Enum.GetValues<ResponseStatus>())
        {
            foreach (var to in Enum.GetValues<ResponseStatus>())
            {
                data.Add(from, to, Allowed[from].Contains(to));
            }
        }

        return data;
    }

    [Fact]
    public void The_matrix_covers_all_36_pairs() => Assert.Equal(36, AllPairs().Count());

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Each_move_is_allowed_or_refused_as_the_matrix_says(ResponseStatus from, ResponseStatus to, bool allowed)
    {
        // With everything any status could need, only the move itself decides.
        var result = StatusWorkflow.Check(from, to, "A note explaining the move.", Target);

        Assert.Equal(allowed, result.Succeeded);
        if (!allowed)
        {
            Assert.Equal("NewStatus", result.Field);
            Assert.False(string.IsNullOrWhiteSpace(result.Error));
        }

        Assert.Equal(allowed, StatusWorkflow.AllowedFrom(from).Contains(to));
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void The_entry_follows_the_same_matrix_and_records_history_only_for_allowed_moves(ResponseStatus from, ResponseStatus to, bool allowed)
    {
        var entry = EntryIn(from);
        var before = entry.History.Count;

        var result = entry.ChangeStatus(to, "A note explaining the move.", Target, "user-2", At.AddDays(30));

        Assert.Equal(allowed, result.Succeeded);
        Assert.Equal(allowed ? to : from, entry.Status);
        Assert.Equal(allowed ? before + 1 : before, entry.History.Count);
        if (allowed)
        {
            var last = entry.History[^1];
            Assert.Equal(from, last.FromStatus);
            Assert.Equal(to, last.ToStatus);
            Assert.Equal("user-2", last.ChangedByUserId);
        }
    }

    [Theory]
    [InlineData(UnderReview, ActionPlanned, null, true, "Note")]
    [InlineData(UnderReview, ActionPlanned, "We will do it.", false, "TargetDate")]
    [InlineData(InProgress, Completed, null, false, "Note")]
    [InlineData(UnderReview, NotTakenForward, "  ", false, "Note")]
    [InlineData(ActionPlanned, UnderReview, null, false, "Note")]
    [InlineData(Completed, InProgress, null, false, "Note")]
    public void A_move_missing_what_it_needs_is_refused_beside_that_field(ResponseStatus from, ResponseStatus to, string? note, bool withTarget, string field)
    {
        var entry = EntryIn(from);

        var result = entry.ChangeStatus(to, note, withTarget ? Target : null, "user-2", At.AddDays(30));

        Assert.False(result.Succeeded);
        Assert.Equal(field, result.Field);
        Assert.Equal(from, entry.Status);
    }

    [Theory]
    [InlineData(Received, UnderReview)]
    [InlineData(ActionPlanned, InProgress)]
    public void Plain_forward_moves_need_no_note_or_date(ResponseStatus from, ResponseStatus to)
    {
        Assert.True(StatusWorkflow.Check(from, to, null, null).Succeeded);
    }

    [Fact]
    public void Action_planned_sets_the_target_date()
    {
        var entry = EntryIn(UnderReview);

        Assert.True(entry.ChangeStatus(ActionPlanned, "A plan.", Target, "user-2", At.AddDays(30)).Succeeded);

        Assert.Equal(Target, entry.TargetDate);
    }

    /// <summary>An entry brought to <paramref name="status"/> through allowed moves.</summary>
    internal static ResponseEntry EntryIn(ResponseStatus status)
    {
        var entry = ResponseEntry.Create("WD-2026-0001", "Title", "user-1", At);
        var path = status switch
        {
            Received => [],
            UnderReview => new[] { UnderReview },
            ActionPlanned => [UnderReview, ActionPlanned],
            InProgress => [UnderReview, ActionPlanned, InProgress],
            Completed => [UnderReview, ActionPlanned, Completed],
            NotTakenForward => [UnderReview, NotTakenForward],
            _ => throw new ArgumentOutOfRangeException(nameof(status)),
        };
        var at = At;
        foreach (var step in path)
        {
            at = at.AddDays(1);
            Assert.True(entry.ChangeStatus(step, "Setting up.", Target, "user-1", at).Succeeded);
        }

        return entry;
    }
}
