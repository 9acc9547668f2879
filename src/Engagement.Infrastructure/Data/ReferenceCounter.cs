namespace Engagement.Infrastructure.Data;

/// <summary>The last number used for a kind of reference in a year (YS-2026-000123, WD-2026-0042).</summary>
public sealed class ReferenceCounter
{
    public string Kind { get; set; } = "";
    public int Year { get; set; }
    public int LastValue { get; set; }
}
