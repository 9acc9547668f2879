using Engagement.Domain.Privacy;

namespace Engagement.UnitTests.Privacy;

public sealed class DataRequestTests
{
    private static readonly DateTime Now = new(2026, 3, 31, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("2026-01-15", "2026-02-15")]
    [InlineData("2026-01-31", "2026-02-28")] // no 31 February: the last day of the month
    [InlineData("2028-01-31", "2028-02-29")]
    [InlineData("2026-12-10", "2027-01-10")]
    public void The_due_date_is_one_calendar_month_after_receipt(string received, string due) =>
        Assert.Equal(DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture), DataRequest.DueDate(DateOnly.Parse(received, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void A_request_is_due_soon_within_seven_days_and_overdue_after_its_due_date()
    {
        var request = DataRequest.Record(DataRequestKind.Access, new DateOnly(2026, 3, 1), "DP-1", "staff", Now).Value!;
        Assert.Equal(new DateOnly(2026, 4, 1), request.DueOn);
        Assert.Equal(DueState.OnTime, request.DueState(new DateOnly(2026, 3, 24)));
        Assert.Equal(DueState.DueSoon, request.DueState(new DateOnly(2026, 3, 25)));
        Assert.Equal(DueState.DueSoon, request.DueState(new DateOnly(2026, 4, 1)));
        Assert.Equal(DueState.Overdue, request.DueState(new DateOnly(2026, 4, 2)));
    }

    [Fact]
    public void A_request_cannot_be_received_in_the_future_or_be_of_an_unknown_kind()
    {
        Assert.Equal("ReceivedOn", DataRequest.Record(DataRequestKind.Erasure, new DateOnly(2026, 4, 1), null, "staff", Now).Field);
        Assert.Equal("Kind", DataRequest.Record((DataRequestKind)9, new DateOnly(2026, 3, 1), null, "staff", Now).Field);
        Assert.Equal("CaseReference", DataRequest.Record(DataRequestKind.Erasure, new DateOnly(2026, 3, 1), new string('x', 51), "staff", Now).Field);
    }

    [Fact]
    public void Erasure_needs_a_reason_and_a_completed_request_changes_no_more()
    {
        var request = DataRequest.Record(DataRequestKind.Erasure, new DateOnly(2026, 3, 1), null, "staff", Now).Value!;
        Assert.Equal("Reason", request.RecordErasure(" ", null, Now).Field);
        Assert.True(request.RecordErasure("Identity checked", SafeguardingDecision.Keep, Now).Succeeded);
        Assert.Equal(SafeguardingDecision.Keep, request.SafeguardingDecision);
        Assert.True(request.Complete("staff", Now).Succeeded);
        Assert.False(request.IsOpen);
        Assert.False(request.Complete("staff", Now).Succeeded);
        Assert.False(request.RecordErasure("Again", null, Now).Succeeded);
    }
}
