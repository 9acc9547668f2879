namespace Engagement.Domain.Feedback;

/// <summary>Who the person giving feedback is (their role only, never their identity).</summary>
public enum SubmitterRole
{
    PersonDrawingOnCare = 1,
    CarerOrFamily = 2,
    CareProvider = 3,
    Professional = 4,
    SomeoneElse = 99,
}

/// <summary>How a feedback item reached the council.</summary>
public enum FeedbackChannel
{
    OnlineForm = 1,
    Workshop = 2,
    Forum = 3,
    Phone = 4,
    Letter = 5,
    EnteredByStaff = 6,
}

/// <summary>Where an item is in triage, as the submitter sees it on their tracking page.</summary>
public enum FeedbackState
{
    Received = 1,
    BeingLookedAt = 2,
    LinkedToEntry = 3,
    Closed = 4,
}

/// <summary>What a commissioner decided an item is, when it is not ordinary feedback.</summary>
public enum FeedbackFlag
{
    None = 0,
    SafeguardingConcern = 1,
    Complaint = 2,
    NotForPublication = 3,
}

/// <summary>Why an item is kept out of publication.</summary>
public enum NotForPublicationReason
{
    Spam = 1,
    Abusive = 2,
    Duplicate = 3,
    OutOfScope = 4,
}

public static class FeedbackText
{
    /// <summary>The channel of feedback raised at an event of this kind.</summary>
    public static FeedbackChannel ChannelFor(Events.EventKind kind) => kind switch
    {
        Events.EventKind.CoProductionWorkshop => FeedbackChannel.Workshop,
        Events.EventKind.CareHomeProviderForum or Events.EventKind.HomeCareProviderForum => FeedbackChannel.Forum,
        _ => FeedbackChannel.EnteredByStaff,
    };

    public static string Name(this SubmitterRole role) => role switch
    {
        SubmitterRole.PersonDrawingOnCare => "A person who draws on care",
        SubmitterRole.CarerOrFamily => "A carer or family member",
        SubmitterRole.CareProvider => "A care provider",
        SubmitterRole.Professional => "A professional",
        SubmitterRole.SomeoneElse => "Someone else",
        _ => role.ToString(),
    };

    public static string Name(this FeedbackChannel channel) => channel switch
    {
        FeedbackChannel.OnlineForm => "Online form",
        FeedbackChannel.Workshop => "Workshop",
        FeedbackChannel.Forum => "Provider forum",
        FeedbackChannel.Phone => "Phone",
        FeedbackChannel.Letter => "Letter",
        FeedbackChannel.EnteredByStaff => "Entered by staff",
        _ => channel.ToString(),
    };

    public static string Name(this FeedbackState state) => state switch
    {
        FeedbackState.Received => "Received",
        FeedbackState.BeingLookedAt => "Being looked at",
        FeedbackState.LinkedToEntry => "Linked to a published entry",
        FeedbackState.Closed => "Closed",
        _ => state.ToString(),
    };

    public static string Name(this NotForPublicationReason reason) => reason switch
    {
        NotForPublicationReason.Spam => "Spam",
        NotForPublicationReason.Abusive => "Abusive",
        NotForPublicationReason.Duplicate => "Duplicate",
        NotForPublicationReason.OutOfScope => "Out of scope",
        _ => reason.ToString(),
    };
}
