namespace Engagement.Domain.Responses;

/// <summary>
/// One dated move in an entry's public history. Append-only: it has no setters, and the database context refuses
/// to update or delete one. Shown publicly without the staff member's name.
/// </summary>
public sealed class StatusChange
{
    private StatusChange()
    {
    }

    internal StatusChange(ResponseStatus? from, ResponseStatus to, string? note, string changedByUserId, DateTime changedAt)
    {
        FromStatus = from;
        ToStatus = to;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        ChangedByUserId = changedByUserId;
        ChangedAt = changedAt;
    }

    public int Id { get; private set; }
    public int ResponseEntryId { get; private set; }
    public ResponseStatus? FromStatus { get; private set; }
    public ResponseStatus ToStatus { get; private set; }
    public string? Note { get; private set; }
    public string ChangedByUserId { get; private set; } = "";
    public DateTime ChangedAt { get; private set; }
}
