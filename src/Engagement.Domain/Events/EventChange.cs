namespace Engagement.Domain.Events;

public enum EventChangeKind
{
    Published = 1,
    Rescheduled = 2,
    Cancelled = 3,
}

/// <summary>
/// A fact people following events are told about: an event was published, moved or cancelled. Written in the same
/// transaction as the change by the handler that makes it; the alert job reads these after each subscription's
/// watermark, as it reads entries' status changes.
/// </summary>
public sealed class EventChange
{
    private EventChange()
    {
    }

    public EventChange(int eventId, EventChangeKind kind, DateTime at)
    {
        EventId = eventId;
        Kind = kind;
        At = at;
    }

    public int Id { get; private set; }
    public int EventId { get; private set; }
    public EventChangeKind Kind { get; private set; }
    public DateTime At { get; private set; }
}
