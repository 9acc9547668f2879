namespace Engagement.Domain.Common;

/// <summary>What happened to a request to change something.</summary>
public enum ResultKind
{
    /// <summary>The change went ahead.</summary>
    Ok = 0,

    /// <summary>The request was refused because of what it asked for: the errors say which property and why.</summary>
    Invalid = 1,

    /// <summary>The thing to change does not exist (or is not visible to the person asking).</summary>
    NotFound = 2,

    /// <summary>Someone else changed it first; nothing was saved.</summary>
    Conflict = 3,
}

/// <summary>One refusal: the command property it concerns (null for the request as a whole) and a message to show.</summary>
public sealed record ResultError(string? Property, string Message);

/// <summary>
/// The outcome of asking the domain to change something. A refusal carries its <see cref="Kind"/> and errors keyed by
/// the command's property names, so a page can show each message beside its field (one extension puts them into
/// ModelState) and turn "not found" into a 404 without comparing strings.
/// </summary>
public record DomainResult(ResultKind Kind, IReadOnlyList<ResultError> Errors) : IDomainResult
{
    public static DomainResult Ok { get; } = new(ResultKind.Ok, []);

    public bool Succeeded => Kind == ResultKind.Ok;

    /// <summary>The first error's message.</summary>
    public string? Error => Errors.Count > 0 ? Errors[0].Message : null;

    /// <summary>The command property the first error concerns.</summary>
    public string? Field => Errors.Count > 0 ? Errors[0].Property : null;

    /// <summary>Refused because of what was asked for; <paramref name="property"/> names the command property.</summary>
    public static DomainResult Refused(string error, string? property = null) => new(ResultKind.Invalid, [new ResultError(property, error)]);

    public static DomainResult NotFound(string error) => new(ResultKind.NotFound, [new ResultError(null, error)]);

    public static DomainResult Conflict(string error) => new(ResultKind.Conflict, [new ResultError(null, error)]);

    /// <summary>The same outcome with its errors moved to <paramref name="property"/> (a page's own name for the field).</summary>
    public DomainResult ForProperty(string? property) => this with { Errors = Errors.Select(e => e with { Property = property }).ToList() };

    /// <summary>The same refusal carrying a value type, for a handler that returns one when it succeeds.</summary>
    public DomainResult<T> As<T>() => Succeeded
        ? throw new InvalidOperationException("A successful result needs its value.")
        : new DomainResult<T>(Kind, default, Errors);
}

/// <summary>A domain outcome that also carries a value when it succeeds.</summary>
public sealed record DomainResult<T>(ResultKind Kind, T? Value, IReadOnlyList<ResultError> Errors) : IDomainResult
{
    public bool Succeeded => Kind == ResultKind.Ok;

    public string? Error => Errors.Count > 0 ? Errors[0].Message : null;

    public string? Field => Errors.Count > 0 ? Errors[0].Property : null;

    public static DomainResult<T> Ok(T value) => new(ResultKind.Ok, value, []);

    public static DomainResult<T> Refused(string error, string? property = null) => new(ResultKind.Invalid, default, [new ResultError(property, error)]);

    public static DomainResult<T> NotFound(string error) => new(ResultKind.NotFound, default, [new ResultError(null, error)]);

    public static DomainResult<T> Conflict(string error) => new(ResultKind.Conflict, default, [new ResultError(null, error)]);

    /// <summary>The outcome without its value.</summary>
    public DomainResult WithoutValue() => Succeeded ? DomainResult.Ok : new DomainResult(Kind, Errors);

    public static implicit operator DomainResult<T>(DomainResult refusal) => refusal.As<T>();
}

/// <summary>Anything that says whether a change went ahead; a unit of work whose outcome did not is rolled back.</summary>
public interface IOutcome
{
    bool Succeeded { get; }
}

/// <summary>A result with its kind and errors, with or without a value.</summary>
public interface IDomainResult : IOutcome
{
    ResultKind Kind { get; }

    IReadOnlyList<ResultError> Errors { get; }
}
