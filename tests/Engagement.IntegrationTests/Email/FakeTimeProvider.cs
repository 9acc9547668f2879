namespace Engagement.IntegrationTests.Email;

/// <summary>A clock the test moves by hand, so retries and retention are tested without sleeping.</summary>
public sealed class FakeTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
