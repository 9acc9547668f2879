using Microsoft.AspNetCore.OutputCaching;

namespace Engagement.Web.Features.Publishing;

/// <summary>
/// Public pages that show published entries (the log, entry pages, priority pages, feeds, CSV, JSON, insights) are
/// output-cached under one tag. Anything that changes what they show (publishing, unpublishing, a status change, an
/// edit to a published entry) calls <see cref="InvalidateAsync"/> after it commits, so the change shows at once.
/// </summary>
public sealed class PublicPagesCache(IOutputCacheStore store)
{
    public const string Tag = "public-log";

    public const string PolicyName = "public-log";

    public ValueTask InvalidateAsync(CancellationToken cancellationToken = default) => store.EvictByTagAsync(Tag, cancellationToken);
}
