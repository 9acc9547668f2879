using Microsoft.Extensions.Options;

namespace Engagement.Infrastructure.Email;

/// <summary>
/// The copies of sent email the app itself keeps outside the database: with no SMTP host, the pickup folder's .eml
/// files (development and tests). When outbox rows are erased their copies go too, found by the rows' stable
/// Message-IDs. With SMTP there are none: what the mail server and the recipient keep is outside the service.
/// </summary>
public sealed class SentMailCopies(IEmailTransport transport, IOptions<ServiceOptions> service)
{
    /// <summary>Whether the app keeps copies at all (the pickup folder is the transport).</summary>
    public bool Kept => transport is PickupDirectoryEmailTransport;

    /// <returns>How many copies were deleted.</returns>
    public int Delete(IEnumerable<long> outboxIds)
    {
        if (transport is not PickupDirectoryEmailTransport pickup)
        {
            return 0;
        }

        return outboxIds.Count(id => pickup.Delete(OutboxMimeMessage.MessageId(id, service.Value.PublicBaseUrl)));
    }
}
