using Engagement.Domain.Common;

namespace Engagement.Domain.Providers;

/// <summary>How a criterion of the market standard is checked.</summary>
public enum CriterionCheck
{
    /// <summary>At least N engagements in the quarter with people using the service taking part.</summary>
    EngagedPeopleUsingService = 1,

    /// <summary>Every engagement in the quarter told people what it led to (a response status) within N weeks.</summary>
    RespondedWithinWeeks = 2,

    /// <summary>At least N engagements in the quarter published on the provider's "You said, we did" page.</summary>
    PublishedRecords = 3,

    /// <summary>No automatic check: a commissioner records a judgement for each provider and quarter.</summary>
    CheckedByCommissioner = 4,
}

/// <summary>What a commissioner writes about a criterion (the fields of the form).</summary>
public sealed record CriterionDefinition(string? Name, string? Description, CriterionCheck? Check, int? Parameter);

/// <summary>A criterion as the evaluation reads it.</summary>
public sealed record CriterionRule(int Id, string Name, CriterionCheck Check, int? Parameter);

/// <summary>
/// One criterion of the engagement standard commissioners set for the whole market (MPS priority 16). Removing a
/// criterion retires it: it leaves the standard but keeps the judgements recorded against it.
/// </summary>
public sealed class StandardCriterion
{
    private StandardCriterion()
    {
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Description { get; private set; } = "";
    public CriterionCheck Check { get; private set; }

    /// <summary>The number the automatic check uses (how many, or how many weeks); null when a commissioner checks it.</summary>
    public int? Parameter { get; private set; }

    /// <summary>The order in the standard.</summary>
    public int Position { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime LastUpdatedAt { get; private set; }
    public DateTime? RetiredAt { get; private set; }

    public Guid Version { get; private set; } = Guid.NewGuid();

    public bool IsRetired => RetiredAt is not null;

    public CriterionRule Rule => new(Id, Name, Check, Parameter);

    public static DomainResult<StandardCriterion> Create(CriterionDefinition definition, int position, DateTime at)
    {
        var check = Validate(definition);
        if (!check.Succeeded)
        {
            return check.As<StandardCriterion>();
        }

        var criterion = new StandardCriterion { Position = position, CreatedAt = at };
        criterion.Apply(definition, at);
        return DomainResult<StandardCriterion>.Ok(criterion);
    }

    public DomainResult Edit(CriterionDefinition definition, DateTime at)
    {
        if (IsRetired)
        {
            return DomainResult.Refused("This criterion has been removed from the standard and can no longer be changed");
        }

        var check = Validate(definition);
        if (!check.Succeeded)
        {
            return check;
        }

        Apply(definition, at);
        return DomainResult.Ok;
    }

    public DomainResult Retire(DateTime at)
    {
        if (IsRetired)
        {
            return DomainResult.Refused("This criterion has already been removed from the standard");
        }

        RetiredAt = at;
        LastUpdatedAt = at;
        Version = Guid.NewGuid();
        return DomainResult.Ok;
    }

    /// <summary>Errors are keyed by <see cref="CriterionDefinition"/> property names.</summary>
    public static DomainResult Validate(CriterionDefinition d)
    {
        var errors = new List<ResultError>();
        void Refuse(string property, string message) => errors.Add(new ResultError(property, message));

        if (string.IsNullOrWhiteSpace(d.Name))
        {
            Refuse(nameof(d.Name), "Enter the name of the criterion");
        }
        else if (d.Name.Trim().Length > StandardLimits.NameMaxLength)
        {
            Refuse(nameof(d.Name), $"The name must be {StandardLimits.NameMaxLength} characters or fewer");
        }

        if (string.IsNullOrWhiteSpace(d.Description))
        {
            Refuse(nameof(d.Description), "Enter a description: providers see it beside their position");
        }
        else if (d.Description.Trim().Length > StandardLimits.DescriptionMaxLength)
        {
            Refuse(nameof(d.Description), $"The description must be {StandardLimits.DescriptionMaxLength} characters or fewer");
        }

        if (d.Check is not { } how || !Enum.IsDefined(how))
        {
            Refuse(nameof(d.Check), "Select how the criterion is checked");
        }
        else if (how.Range() is { } range)
        {
            if (d.Parameter is not { } n)
            {
                Refuse(nameof(d.Parameter), $"Enter {how.ParameterQuestion()}");
            }
            else if (n < range.Min || n > range.Max)
            {
                Refuse(nameof(d.Parameter), $"{Capitalise(how.ParameterQuestion())} must be between {range.Min} and {range.Max}");
            }
        }

        return errors.Count == 0 ? DomainResult.Ok : new DomainResult(ResultKind.Invalid, errors);
    }

    private void Apply(CriterionDefinition d, DateTime at)
    {
        Name = d.Name!.Trim();
        Description = d.Description!.Trim();
        Check = d.Check!.Value;
        Parameter = Check.Range() is null ? null : d.Parameter;
        LastUpdatedAt = at;
        Version = Guid.NewGuid();
    }

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}

/// <summary>
/// A commissioner's dated judgement of a commissioner-checked criterion for one provider and one quarter. Append-only:
/// a later judgement replaces an earlier one in the evaluation, and both stay as the record of who decided what when.
/// </summary>
public sealed class StandardJudgement
{
    private StandardJudgement()
    {
    }

    public int Id { get; private set; }
    public string ProviderUserId { get; private set; } = "";
    public int CriterionId { get; private set; }

    /// <summary>The first day of the quarter judged.</summary>
    public DateOnly QuarterStart { get; private set; }

    public CriterionOutcome Outcome { get; private set; }
    public string JudgedByUserId { get; private set; } = "";
    public DateTime JudgedAt { get; private set; }

    public static DomainResult<StandardJudgement> Record(
        string providerUserId, StandardCriterion criterion, StandardQuarter quarter, CriterionOutcome? outcome, DateOnly today, string userId, DateTime at)
    {
        if (criterion.Check != CriterionCheck.CheckedByCommissioner || criterion.IsRetired)
        {
            return DomainResult<StandardJudgement>.Refused("Only a criterion of the standard checked by a commissioner takes a judgement");
        }

        if (quarter.Start > today)
        {
            return DomainResult<StandardJudgement>.Refused("A quarter that has not started yet cannot be judged");
        }

        if (outcome is not ({ } o and (CriterionOutcome.Met or CriterionOutcome.Partly or CriterionOutcome.NotMet)))
        {
            return DomainResult<StandardJudgement>.Refused("Select met, partly met or not met", nameof(Outcome));
        }

        return DomainResult<StandardJudgement>.Ok(new StandardJudgement
        {
            ProviderUserId = providerUserId,
            CriterionId = criterion.Id,
            QuarterStart = quarter.Start,
            Outcome = o,
            JudgedByUserId = userId,
            JudgedAt = at,
        });
    }
}

/// <summary>
/// What the falling-behind job last saw of a provider's position in a quarter, and when it told the dedicated
/// commissioner the provider had fallen behind (once per provider per quarter).
/// </summary>
public sealed class MarketStandardWatch
{
    private MarketStandardWatch()
    {
    }

    public MarketStandardWatch(string providerUserId, StandardQuarter quarter, StandardOutcome outcome, DateTime at)
    {
        ProviderUserId = providerUserId;
        QuarterStart = quarter.Start;
        LastOutcome = outcome;
        LastCheckedAt = at;
    }

    public string ProviderUserId { get; private set; } = "";
    public DateOnly QuarterStart { get; private set; }
    public StandardOutcome LastOutcome { get; private set; }
    public DateTime LastCheckedAt { get; private set; }
    public DateTime? FellBehindNoticeAt { get; private set; }
}

public static class StandardLimits
{
    public const int NameMaxLength = 120;
    public const int DescriptionMaxLength = 600;
    public const int MaxCriteria = 12;
}
