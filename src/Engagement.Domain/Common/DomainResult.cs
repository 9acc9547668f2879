namespace Engagement.Domain.Common;

/// <summary>
/// The outcome of asking the domain to change something. A refused change carries a message a page can show
/// beside the field it concerns (<see cref="Field"/>), rather than throwing.
/// </summary>
public sealed record DomainResult(bool Succeeded, string? Error = null, string? Field = null) : IOutcome
{
    public static DomainResult Ok { get; } = new(true);

    public static DomainResult Refused(string error, string? field = null) => new(false, error, field);
}

/// <summary>A domain outcome that also carries a value when it succeeds.</summary>
public sealed record DomainResult<T>(bool Succeeded, T? Value, string? Error = null, string? Field = null) : IOutcome
{
    public static DomainResult<T> Ok(T value) => new(true, value);

    public static DomainResult<T> Refused(string error, string? field = null) => new(false, default, error, field);
}

/// <summary>Anything that says whether a change went ahead; a unit of work whose outcome did not is rolled back.</summary>
public interface IOutcome
{
    bool Succeeded { get; }
}
