namespace Engagement.Domain.Responses;

/// <summary>The status of a public "You said, we did" entry.</summary>
public enum ResponseStatus
{
    Received = 1,
    UnderReview = 2,
    ActionPlanned = 3,
    InProgress = 4,
    Completed = 5,
    NotTakenForward = 6,
}

public static class ResponseStatusText
{
    public static string Name(this ResponseStatus status) => status switch
    {
        ResponseStatus.Received => "Received",
        ResponseStatus.UnderReview => "Under review",
        ResponseStatus.ActionPlanned => "Action planned",
        ResponseStatus.InProgress => "In progress",
        ResponseStatus.Completed => "Completed",
        ResponseStatus.NotTakenForward => "Not taken forward",
        _ => status.ToString(),
    };

    /// <summary>The GOV.UK tag colour modifier. The tag's text always carries the meaning too.</summary>
    public static string TagColour(this ResponseStatus status) => status switch
    {
        ResponseStatus.Received => "govuk-tag--grey",
        ResponseStatus.UnderReview => "govuk-tag--blue",
        ResponseStatus.ActionPlanned => "govuk-tag--yellow",
        ResponseStatus.InProgress => "govuk-tag--purple",
        ResponseStatus.Completed => "govuk-tag--green",
        ResponseStatus.NotTakenForward => "govuk-tag--red",
        _ => "govuk-tag--grey",
    };

    /// <summary>URL-friendly slug used in filters (?status=action-planned).</summary>
    public static string Slug(this ResponseStatus status) => status switch
    {
        ResponseStatus.Received => "received",
        ResponseStatus.UnderReview => "under-review",
        ResponseStatus.ActionPlanned => "action-planned",
        ResponseStatus.InProgress => "in-progress",
        ResponseStatus.Completed => "completed",
        ResponseStatus.NotTakenForward => "not-taken-forward",
        _ => status.ToString().ToLowerInvariant(),
    };

    public static ResponseStatus? FromSlug(string? slug) =>
        Enum.GetValues<ResponseStatus>().Cast<ResponseStatus?>().FirstOrDefault(s => s!.Value.Slug() == slug);
}
