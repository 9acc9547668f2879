namespace Engagement.IntegrationTests.Infrastructure;

/// <summary>
/// The one clock tests move by hand (a factory hands it to the app through <see cref="EngagementFactory.TestTime"/>),
/// so deadlines, retries, retention and opening times are tested without sleeping. Unlike the library's
/// TestClock it may be set back (a test starts from now again, or plays a second server that is behind), and
/// it has no timers of its own (docs/decisions/0025).
/// </summary>
public sealed class TestClock(DateTimeOffset? start = null) : TimeProvider
{
    private DateTimeOffset _now = start ?? DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Set(DateTime utc) => _now = new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    public void Advance(TimeSpan by) => _now += by;

    /// <summary>Back to the real time now.</summary>
    public void Reset() => _now = DateTimeOffset.UtcNow;
}
