using Engagement.Domain.Common;

namespace Engagement.Domain.Responses;

/// <summary>
/// Which status moves a response entry may make, and what each needs.
/// Forward: Received → Under review → Action planned → In progress → Completed, with Not taken forward
/// reachable once an entry has been reviewed. Any move back (including reopening a closed entry) needs a note.
/// </summary>
public static class StatusWorkflow
{
    private static readonly Dictionary<ResponseStatus, ResponseStatus[]> Forward = new()
    {
        [ResponseStatus.Received] = [ResponseStatus.UnderReview],
        [ResponseStatus.UnderReview] = [ResponseStatus.ActionPlanned, ResponseStatus.NotTakenForward],
        [ResponseStatus.ActionPlanned] = [ResponseStatus.InProgress, ResponseStatus.Completed, ResponseStatus.NotTakenForward],
        [ResponseStatus.InProgress] = [ResponseStatus.Completed, ResponseStatus.NotTakenForward],
        [ResponseStatus.Completed] = [],
        [ResponseStatus.NotTakenForward] = [],
    };

    private static readonly ResponseStatus[] OpenStatuses =
        [ResponseStatus.Received, ResponseStatus.UnderReview, ResponseStatus.ActionPlanned, ResponseStatus.InProgress];

    public static bool IsForward(ResponseStatus from, ResponseStatus to) => Forward[from].Contains(to);

    /// <summary>A move back to an earlier open status, or reopening a closed entry.</summary>
    public static bool IsBack(ResponseStatus from, ResponseStatus to) =>
        from != to && Array.IndexOf(OpenStatuses, to) >= 0 &&
        (Array.IndexOf(OpenStatuses, from) < 0 || Array.IndexOf(OpenStatuses, to) < Array.IndexOf(OpenStatuses, from));

    /// <summary>The statuses an entry in <paramref name="from"/> may move to, in order.</summary>
    public static IReadOnlyList<ResponseStatus> AllowedFrom(ResponseStatus from) =>
        Enum.GetValues<ResponseStatus>().Where(to => IsForward(from, to) || IsBack(from, to)).ToList();

    public static DomainResult Check(ResponseStatus from, ResponseStatus to, string? note, DateOnly? targetDate)
    {
        if (from == to)
        {
            return DomainResult.Refused($"The entry is already {to.Name().ToLowerInvariant()}", "NewStatus");
        }

        var back = IsBack(from, to);
        if (!IsForward(from, to) && !back)
        {
            return DomainResult.Refused(
                $"An entry that is {from.Name().ToLowerInvariant()} cannot move to {to.Name().ToLowerInvariant()}", "NewStatus");
        }

        var hasNote = !string.IsNullOrWhiteSpace(note);
        if (back && !hasNote)
        {
            return DomainResult.Refused("Enter a note explaining why the entry is moving back", "Note");
        }

        return to switch
        {
            ResponseStatus.ActionPlanned when !hasNote =>
                DomainResult.Refused("Enter a description of the action planned", "Note"),
            ResponseStatus.ActionPlanned when targetDate is null =>
                DomainResult.Refused("Enter a target date for the action planned", "TargetDate"),
            ResponseStatus.Completed when !hasNote =>
                DomainResult.Refused("Enter a description of what changed", "Note"),
            ResponseStatus.NotTakenForward when !hasNote =>
                DomainResult.Refused("Enter the reason it was not taken forward", "Note"),
            _ => DomainResult.Ok,
        };
    }
}
