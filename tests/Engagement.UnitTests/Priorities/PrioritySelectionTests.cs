using Engagement.Domain.Priorities;

namespace Engagement.UnitTests.Priorities;

public sealed class PrioritySelectionTests
{
    private static readonly IReadOnlySet<int> Live = Enumerable.Range(1, 18).ToHashSet();

    [Theory]
    [InlineData(0)]
    [InlineData(19)]
    [InlineData(-1)]
    [InlineData(100)]
    public void A_number_outside_the_live_set_is_rejected(int number)
    {
        var result = PrioritySelection.Create([3, number], Live);

        Assert.False(result.Succeeded);
        Assert.Contains(number.ToString(), result.Error);
        Assert.Equal("Priorities", result.Field);
    }

    [Fact]
    public void Live_numbers_are_accepted_once_each_in_order()
    {
        var result = PrioritySelection.Create([18, 3, 3, 1], Live);

        Assert.True(result.Succeeded);
        Assert.Equal([1, 3, 18], result.Value);
    }

    [Fact]
    public void The_live_set_is_whatever_the_plan_says_not_always_eighteen()
    {
        var nextPlan = new HashSet<int> { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20 };

        Assert.True(PrioritySelection.Create([19, 20], nextPlan).Succeeded);
        Assert.False(PrioritySelection.Create([19], Live).Succeeded);
    }
}
