namespace Engagement.Domain.Common;

/// <summary>The sections of the Market Position Statement, plus "something else" for feedback that fits none.</summary>
public enum ServiceSection
{
    HomeCare = 1,
    ResidentialAndNursing = 2,
    ExtraCareHousing = 3,
    AssistiveTechnology = 4,
    Workforce = 5,
    CoProduction = 6,
    SomethingElse = 99,
}

public static class ServiceSectionText
{
    public static string Name(this ServiceSection section) => section switch
    {
        ServiceSection.HomeCare => "Home care",
        ServiceSection.ResidentialAndNursing => "Residential and nursing homes",
        ServiceSection.ExtraCareHousing => "Extra care housing",
        ServiceSection.AssistiveTechnology => "Assistive technology",
        ServiceSection.Workforce => "Workforce recruitment and retention",
        ServiceSection.CoProduction => "Co-production",
        ServiceSection.SomethingElse => "Something else or not sure",
        _ => section.ToString(),
    };

    /// <summary>URL-friendly slug used in filters (?section=home-care).</summary>
    public static string Slug(this ServiceSection section) => section switch
    {
        ServiceSection.HomeCare => "home-care",
        ServiceSection.ResidentialAndNursing => "residential-and-nursing",
        ServiceSection.ExtraCareHousing => "extra-care-housing",
        ServiceSection.AssistiveTechnology => "assistive-technology",
        ServiceSection.Workforce => "workforce",
        ServiceSection.CoProduction => "co-production",
        ServiceSection.SomethingElse => "something-else",
        _ => section.ToString().ToLowerInvariant(),
    };

    public static ServiceSection? FromSlug(string? slug) =>
        Enum.GetValues<ServiceSection>().Cast<ServiceSection?>().FirstOrDefault(s => s!.Value.Slug() == slug);

    /// <summary>The sections that have commissioning priorities, in the statement's order.</summary>
    public static IReadOnlyList<ServiceSection> PrioritySections { get; } =
    [
        ServiceSection.HomeCare, ServiceSection.ResidentialAndNursing, ServiceSection.ExtraCareHousing,
        ServiceSection.AssistiveTechnology, ServiceSection.Workforce, ServiceSection.CoProduction,
    ];
}
