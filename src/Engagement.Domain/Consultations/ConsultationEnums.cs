namespace Engagement.Domain.Consultations;

/// <summary>Who a consultation asks. Provider audiences need an approved provider account of the matching kind.</summary>
public enum ConsultationAudience
{
    Everyone = 1,
    Providers = 2,
    CareHomeProviders = 3,
    HomeCareProviders = 4,
    PeopleWhoDrawOnCareAndCarers = 5,
    InvitationOnly = 6,
}

/// <summary>Where a consultation is, from its dates and whether staff have published it.</summary>
public enum ConsultationPhase
{
    Draft = 1,
    Upcoming = 2,
    Open = 3,
    Closed = 4,
}

/// <summary>The kinds of question a consultation can ask.</summary>
public enum QuestionKind
{
    ShortText = 1,
    LongText = 2,
    OneChoice = 3,
    SeveralChoices = 4,
    RatingScale = 5,
}

/// <summary>How a response reached the council.</summary>
public enum ResponseChannel
{
    Online = 1,
    Paper = 2,
    Phone = 3,
    AtAnEvent = 4,
    Email = 5,
}

/// <summary>What a commissioner decided a response holds, when it is more than an answer.</summary>
public enum ResponseFlag
{
    None = 0,
    SafeguardingConcern = 1,
    Complaint = 2,
}

public static class ConsultationText
{
    public static string Name(this ConsultationAudience audience) => audience switch
    {
        ConsultationAudience.Everyone => "Everyone",
        ConsultationAudience.Providers => "Care providers",
        ConsultationAudience.CareHomeProviders => "Care home providers",
        ConsultationAudience.HomeCareProviders => "Home care providers",
        ConsultationAudience.PeopleWhoDrawOnCareAndCarers => "People who draw on care and carers",
        ConsultationAudience.InvitationOnly => "By invitation",
        _ => audience.ToString(),
    };

    /// <summary>URL-friendly slug used in filters (?audience=providers).</summary>
    public static string Slug(this ConsultationAudience audience) => audience switch
    {
        ConsultationAudience.Everyone => "everyone",
        ConsultationAudience.Providers => "providers",
        ConsultationAudience.CareHomeProviders => "care-home-providers",
        ConsultationAudience.HomeCareProviders => "home-care-providers",
        ConsultationAudience.PeopleWhoDrawOnCareAndCarers => "people-and-carers",
        ConsultationAudience.InvitationOnly => "by-invitation",
        _ => audience.ToString().ToLowerInvariant(),
    };

    public static ConsultationAudience? AudienceFromSlug(string? slug) =>
        Enum.GetValues<ConsultationAudience>().Cast<ConsultationAudience?>().FirstOrDefault(a => a!.Value.Slug() == slug);

    public static string Name(this ConsultationPhase phase) => phase switch
    {
        ConsultationPhase.Draft => "Draft",
        ConsultationPhase.Upcoming => "Upcoming",
        ConsultationPhase.Open => "Open",
        ConsultationPhase.Closed => "Closed",
        _ => phase.ToString(),
    };

    public static string Name(this QuestionKind kind) => kind switch
    {
        QuestionKind.ShortText => "Short text",
        QuestionKind.LongText => "Long text",
        QuestionKind.OneChoice => "One choice",
        QuestionKind.SeveralChoices => "Several choices",
        QuestionKind.RatingScale => "Rating scale",
        _ => kind.ToString(),
    };

    public static bool HasOptions(this QuestionKind kind) => kind is QuestionKind.OneChoice or QuestionKind.SeveralChoices or QuestionKind.RatingScale;

    public static bool IsText(this QuestionKind kind) => kind is QuestionKind.ShortText or QuestionKind.LongText;

    public static string Name(this ResponseChannel channel) => channel switch
    {
        ResponseChannel.Online => "Online",
        ResponseChannel.Paper => "Paper form",
        ResponseChannel.Phone => "Phone",
        ResponseChannel.AtAnEvent => "At an event",
        ResponseChannel.Email => "Email",
        _ => channel.ToString(),
    };
}

/// <summary>The limits a consultation's fields are held to, shared by the model, the forms and the database.</summary>
public static class ConsultationLimits
{
    public const int TitleMaxLength = 200;
    public const int SummaryMaxLength = 600;
    public const int BackgroundMaxLength = 20000;
    public const int OtherWaysMaxLength = 2000;
    public const int QuestionTextMaxLength = 500;
    public const int HintMaxLength = 1000;
    public const int OptionMaxLength = 200;
    public const int MaxOptions = 20;
    public const int ShortTextMaxLength = 200;
    public const int LongTextDefaultMaxLength = 2000;
    public const int LongTextMaxLength = 10000;
    public const int OtherAnswerMaxLength = 500;
    public const int ReasonMaxLength = 500;
    public const int ThemeMaxLength = 100;
    public const int OutcomeSummaryMaxLength = 5000;
    public const int OutcomeDecisionMaxLength = 20000;
    public const int MaxQuestions = 60;
}
