using Engagement.Domain.Common;

namespace Engagement.Domain.Priorities;

/// <summary>
/// A validated set of priority numbers. Nothing assumes there are always exactly 18: the live set is passed in.
/// </summary>
public static class PrioritySelection
{
    public static DomainResult<IReadOnlyList<int>> Create(IEnumerable<int> numbers, IReadOnlySet<int> liveNumbers)
    {
        var distinct = numbers.Distinct().Order().ToList();
        var unknown = distinct.Where(n => !liveNumbers.Contains(n)).ToList();
        if (unknown.Count > 0)
        {
            return DomainResult<IReadOnlyList<int>>.Refused(
                $"Priority {string.Join(", ", unknown)} is not one of the council's current commissioning priorities",
                "Priorities");
        }

        return DomainResult<IReadOnlyList<int>>.Ok(distinct);
    }
}
