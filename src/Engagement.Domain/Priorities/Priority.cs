using Engagement.Domain.Common;

namespace Engagement.Domain.Priorities;

/// <summary>One of the council's numbered commissioning priorities (reference data, seeded from seeds/priorities.json).</summary>
public sealed class Priority
{
    public int Number { get; set; }
    public ServiceSection Section { get; set; }
    public string ShortTitle { get; set; } = "";
    public string FullText { get; set; } = "";
    public bool IsMarketOpportunity { get; set; }
    public string PlanPeriod { get; set; } = "";

    /// <summary>Only live priorities can be linked to new feedback, entries and events.</summary>
    public bool IsLive { get; set; } = true;
}
