namespace Engagement.Domain.Consultations;

/// <summary>
/// An existing "You said, we did" entry that a consultation's published outcome points to (for example an entry about
/// the same service that the decision answers). Written only by publishing the outcome.
/// </summary>
public sealed class OutcomeLinkedEntry
{
    public int ConsultationId { get; set; }
    public int ResponseEntryId { get; set; }
}
