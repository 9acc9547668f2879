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
