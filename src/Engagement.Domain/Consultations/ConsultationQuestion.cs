using Engagement.Domain.Common;

namespace Engagement.Domain.Consultations;

/// <summary>
/// One question of a consultation: its kind, wording, hint, whether it is required, and for choices and rating scales
/// its options in order. An "about you" question (role, provider type) is a one-choice question the analysis splits by.
/// </summary>
public sealed class ConsultationQuestion
{
    private readonly List<QuestionOption> _options = [];

    private ConsultationQuestion()
    {
    }

    public int Id { get; private set; }
    public int ConsultationId { get; private set; }
    public int PageNumber { get; private set; }
    public int Position { get; private set; }
    public QuestionKind Kind { get; private set; }
    public string Text { get; private set; } = "";
    public string? Hint { get; private set; }
    public bool IsRequired { get; private set; }
    public bool IsAboutYou { get; private set; }

    /// <summary>Choices only: an "Other, please say" option with its own text box.</summary>
    public bool AllowOther { get; private set; }

    /// <summary>Text only: the most characters an answer may have.</summary>
    public int? MaxLength { get; private set; }

    public IReadOnlyList<QuestionOption> Options => _options.OrderBy(o => o.Position).ToList();

    /// <summary>The address-friendly key of this question's form field.</summary>
    public string FieldName => $"q{Id}";

    public string OtherFieldName => $"q{Id}-other";

    /// <summary>The longest answer this question takes.</summary>
    public int AnswerMaxLength => Kind switch
    {
        QuestionKind.ShortText => MaxLength ?? ConsultationLimits.ShortTextMaxLength,
        QuestionKind.LongText => MaxLength ?? ConsultationLimits.LongTextDefaultMaxLength,
        _ => ConsultationLimits.OtherAnswerMaxLength,
    };

    internal static ConsultationQuestion Create(QuestionDetails details, int page, int position)
    {
        var question = new ConsultationQuestion { PageNumber = page, Position = position };
        question.Apply(details, reworded: false);
        return question;
    }

    internal static DomainResult Check(QuestionDetails d)
    {
        var errors = new List<ResultError>();
        if (d.Kind is null || !Enum.IsDefined(d.Kind.Value))
        {
            errors.Add(new ResultError(nameof(d.Kind), "Select the kind of question"));
        }

        if (string.IsNullOrWhiteSpace(d.Text))
        {
            errors.Add(new ResultError(nameof(d.Text), "Enter the question"));
        }
        else if (d.Text.Trim().Length > ConsultationLimits.QuestionTextMaxLength)
        {
            errors.Add(new ResultError(nameof(d.Text), $"The question must be {ConsultationLimits.QuestionTextMaxLength} characters or fewer"));
        }

        if ((d.Hint?.Trim().Length ?? 0) > ConsultationLimits.HintMaxLength)
        {
            errors.Add(new ResultError(nameof(d.Hint), $"The hint must be {ConsultationLimits.HintMaxLength:N0} characters or fewer"));
        }

        var options = d.Options.Select(o => o.Trim()).Where(o => o.Length > 0).ToList();
        if (d.Kind is { } kind && kind.HasOptions())
        {
            var fewest = kind == QuestionKind.RatingScale ? 3 : 2;
            if (options.Count < fewest)
            {
                errors.Add(new ResultError(nameof(d.Options), kind == QuestionKind.RatingScale
                    ? "Enter a label for each point of the scale, at least 3, one per line"
                    : "Enter at least 2 choices, one per line"));
            }
            else if (options.Count > ConsultationLimits.MaxOptions)
            {
                errors.Add(new ResultError(nameof(d.Options), $"Enter at most {ConsultationLimits.MaxOptions} choices"));
            }
            else if (options.Any(o => o.Length > ConsultationLimits.OptionMaxLength))
            {
                errors.Add(new ResultError(nameof(d.Options), $"Each choice must be {ConsultationLimits.OptionMaxLength} characters or fewer"));
            }
            else if (options.Distinct(StringComparer.OrdinalIgnoreCase).Count() != options.Count)
            {
                errors.Add(new ResultError(nameof(d.Options), "Each choice must be different"));
            }

            if (d.AboutYou && kind != QuestionKind.OneChoice)
            {
                errors.Add(new ResultError(nameof(d.AboutYou), "An \"about you\" question must be a one-choice question, so answers can be split by it"));
            }
        }
        else if (d.Kind is not null)
        {
            if (d.AboutYou)
            {
                errors.Add(new ResultError(nameof(d.AboutYou), "An \"about you\" question must be a one-choice question, so answers can be split by it"));
            }

            var most = d.Kind == QuestionKind.ShortText ? ConsultationLimits.ShortTextMaxLength : ConsultationLimits.LongTextMaxLength;
            if (d.MaxLength is { } max && (max < 10 || max > most))
            {
                errors.Add(new ResultError(nameof(d.MaxLength), $"The character limit must be between 10 and {most:N0}"));
            }
        }

        return errors.Count == 0 ? DomainResult.Ok : new DomainResult(ResultKind.Invalid, errors);
    }

    internal void Apply(QuestionDetails d, bool reworded)
    {
        Text = d.Text!.Trim();
        Hint = string.IsNullOrWhiteSpace(d.Hint) ? null : d.Hint.Trim();
        var labels = d.Options.Select(o => o.Trim()).Where(o => o.Length > 0).ToList();
        if (reworded)
        {
            // Same options, one for one, in the same order: only their labels change.
            var existing = Options;
            for (var i = 0; i < existing.Count; i++)
            {
                existing[i].Relabel(labels[i]);
            }

            return;
        }

        Kind = d.Kind!.Value;
        IsRequired = d.Required;
        IsAboutYou = d.AboutYou;
        AllowOther = Kind is QuestionKind.OneChoice or QuestionKind.SeveralChoices && d.AllowOther;
        MaxLength = Kind.IsText() ? d.MaxLength : null;
        _options.Clear();
        if (Kind.HasOptions())
        {
            _options.AddRange(labels.Select((label, i) => new QuestionOption(label, i + 1)));
        }
    }

    internal void MoveTo(int page, int position)
    {
        PageNumber = page;
        Position = position;
    }

    /// <summary>
    /// Checks one answer to this question (the selected option ids, or the text, and the "other" text) and returns the
    /// errors under this question's field name, in the GOV.UK pattern's words.
    /// </summary>
    public DomainResult CheckAnswer(IReadOnlyList<string> values, string? other)
    {
        var label = Text.TrimEnd('?', '.', ' ');
        var given = values.Where(v => !string.IsNullOrWhiteSpace(v)).ToList();
        if (Kind.IsText())
        {
            var text = given.Count == 0 ? "" : given[0].Trim();
            if (text.Length == 0)
            {
                return IsRequired ? DomainResult.Refused($"Enter your answer to \"{label}\"", FieldName) : DomainResult.Ok;
            }

            return text.Length > AnswerMaxLength ? DomainResult.Refused($"Your answer must be {AnswerMaxLength:N0} characters or fewer", FieldName) : DomainResult.Ok;
        }

        var ids = Options.Select(o => o.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        var otherChosen = AllowOther && given.Contains("other");
        if (given.Any(v => v != "other" && !ids.Contains(v)) || (given.Contains("other") && !AllowOther) ||
            (Kind != QuestionKind.SeveralChoices && given.Count > 1))
        {
            return DomainResult.Refused(Kind == QuestionKind.SeveralChoices ? "Select from the choices given" : "Select one of the choices given", FieldName);
        }

        if (given.Count == 0)
        {
            return IsRequired
                ? DomainResult.Refused(Kind == QuestionKind.SeveralChoices ? $"Select at least one answer to \"{label}\"" : $"Select an answer to \"{label}\"", FieldName)
                : DomainResult.Ok;
        }

        if (otherChosen && string.IsNullOrWhiteSpace(other))
        {
            return DomainResult.Refused("Enter what \"Other\" means for you", OtherFieldName);
        }

        return otherChosen && other!.Trim().Length > ConsultationLimits.OtherAnswerMaxLength
            ? DomainResult.Refused($"Your answer must be {ConsultationLimits.OtherAnswerMaxLength:N0} characters or fewer", OtherFieldName)
            : DomainResult.Ok;
    }
}

/// <summary>One choice of a question, or one labelled point of a rating scale (in order, lowest first).</summary>
public sealed class QuestionOption
{
    private QuestionOption()
    {
    }

    internal QuestionOption(string label, int position)
    {
        Label = label;
        Position = position;
    }

    public int Id { get; private set; }
    public int QuestionId { get; private set; }
    public int Position { get; private set; }
    public string Label { get; private set; } = "";

    internal void Relabel(string label) => Label = label;
}
