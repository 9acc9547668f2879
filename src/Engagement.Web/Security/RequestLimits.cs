namespace Engagement.Web.Security;

public static class RequestLimits
{
    /// <summary>No form here needs more; a larger body gets 413.</summary>
    public const long MaxBodyBytes = 256 * 1024;
}
