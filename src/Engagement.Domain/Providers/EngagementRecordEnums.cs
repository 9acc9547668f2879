namespace Engagement.Domain.Providers;

/// <summary>The kind of service a provider's engagement took place in.</summary>
public enum ProviderServiceType
{
    CareHome = 1,
    HomeCareBranch = 2,
    ExtraCareScheme = 3,
    TechnologyEnabledCare = 4,
}

/// <summary>How the provider heard from people.</summary>
public enum EngagementKind
{
    ResidentsMeeting = 1,
    RelativesMeeting = 2,
    Survey = 3,
    FeedbackBox = 4,
    OneToOneReviews = 5,
    ComplaintReview = 6,
    Other = 99,
}

/// <summary>Who took part (any combination).</summary>
[Flags]
public enum EngagementParticipants
{
    None = 0,
    PeopleUsingTheService = 1,
    Families = 2,
    Staff = 4,
}

/// <summary>Where a record stands with the commissioners: only <see cref="Approved"/> is ever public.</summary>
public enum ModerationState
{
    WaitingForReview = 1,
    Approved = 2,
    SentBack = 3,
}

public static class EngagementRecordText
{
    public static string Name(this ProviderServiceType type) => type switch
    {
        ProviderServiceType.CareHome => "Care home",
        ProviderServiceType.HomeCareBranch => "Home care branch",
        ProviderServiceType.ExtraCareScheme => "Extra care scheme",
        ProviderServiceType.TechnologyEnabledCare => "Technology-enabled care service",
        _ => type.ToString(),
    };

    /// <summary>URL-friendly slug used by the directory filter (?type=care-home).</summary>
    public static string Slug(this ProviderServiceType type) => type switch
    {
        ProviderServiceType.CareHome => "care-home",
        ProviderServiceType.HomeCareBranch => "home-care",
        ProviderServiceType.ExtraCareScheme => "extra-care",
        ProviderServiceType.TechnologyEnabledCare => "technology-enabled-care",
        _ => type.ToString().ToLowerInvariant(),
    };

    public static ProviderServiceType? ServiceTypeFromSlug(string? slug) =>
        Enum.GetValues<ProviderServiceType>().Cast<ProviderServiceType?>().FirstOrDefault(t => t!.Value.Slug() == slug);

    public static string Name(this EngagementKind kind) => kind switch
    {
        EngagementKind.ResidentsMeeting => "Residents' meeting",
        EngagementKind.RelativesMeeting => "Relatives' meeting",
        EngagementKind.Survey => "Survey",
        EngagementKind.FeedbackBox => "Feedback box",
        EngagementKind.OneToOneReviews => "One-to-one reviews",
        EngagementKind.ComplaintReview => "Complaint review",
        EngagementKind.Other => "Other",
        _ => kind.ToString(),
    };

    public static string Name(this ModerationState state) => state switch
    {
        ModerationState.WaitingForReview => "Waiting for review",
        ModerationState.Approved => "Approved and public",
        ModerationState.SentBack => "Sent back",
        _ => state.ToString(),
    };

    public static string TagColour(this ModerationState state) => state switch
    {
        ModerationState.WaitingForReview => "govuk-tag--blue",
        ModerationState.Approved => "govuk-tag--green",
        ModerationState.SentBack => "govuk-tag--red",
        _ => "govuk-tag--grey",
    };

    public static IReadOnlyList<string> Names(this EngagementParticipants who)
    {
        var names = new List<string>();
        if (who.HasFlag(EngagementParticipants.PeopleUsingTheService))
        {
            names.Add("People using the service");
        }

        if (who.HasFlag(EngagementParticipants.Families))
        {
            names.Add("Families");
        }

        if (who.HasFlag(EngagementParticipants.Staff))
        {
            names.Add("Staff");
        }

        return names;
    }
}

public static class EngagementRecordLimits
{
    public const int ServiceNameMaxLength = 200;
    public const int CqcLocationIdMaxLength = 20;
    public const int HeardMaxLength = 4000;
    public const int DidMaxLength = 4000;
    public const int NoteMaxLength = 2000;
    public const int ReasonMaxLength = 1000;
    public const int MaxParticipants = 100_000;
}
