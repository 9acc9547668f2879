namespace Engagement.Domain.Common;

/// <summary>The kind of care a provider organisation gives.</summary>
public enum ProviderType
{
    CareHome = 1,
    HomeCare = 2,
    ExtraCareHousing = 3,
    TechnologyEnabledCare = 4,
    Other = 99,
}

public static class ProviderTypeText
{
    public static string Name(this ProviderType type) => type switch
    {
        ProviderType.CareHome => "Care home",
        ProviderType.HomeCare => "Home care",
        ProviderType.ExtraCareHousing => "Extra care housing",
        ProviderType.TechnologyEnabledCare => "Technology-enabled care",
        ProviderType.Other => "Other",
        _ => type.ToString(),
    };
}

/// <summary>
/// The other kinds of care an organisation gives besides its main one (a group may run care homes and home care),
/// stored as one bit per kind so that audience checks need no join.
/// </summary>
public static class ProviderTypeSet
{
    public static int Bit(ProviderType type) => type switch
    {
        ProviderType.CareHome => 1,
        ProviderType.HomeCare => 2,
        ProviderType.ExtraCareHousing => 4,
        ProviderType.TechnologyEnabledCare => 8,
        ProviderType.Other => 16,
        _ => 0,
    };

    public static int ToMask(IEnumerable<ProviderType>? types) => types?.Aggregate(0, (mask, type) => mask | Bit(type)) ?? 0;

    public static IReadOnlyList<ProviderType> FromMask(int mask) =>
        Enum.GetValues<ProviderType>().Where(type => (mask & Bit(type)) != 0).ToList();

    /// <summary>The main kind first, then the others, without repeats: "Care home, home care".</summary>
    public static string Describe(ProviderType? main, int others)
    {
        var all = (main is { } m ? new[] { m } : []).Concat(FromMask(others)).Distinct().Select(type => type.Name()).ToList();
        return all.Count == 0 ? "" : string.Join(", ", all.Select((name, i) => i == 0 ? name : name.ToLowerInvariant()));
    }
}
