using Engagement.Domain.Common;
using Engagement.Domain.Events;

namespace Engagement.Domain.Consultations;

/// <summary>What a commissioner writes about a consultation (never its state, questions or outcome).</summary>
public sealed record ConsultationDetails(
    string? Title,
    string? Summary,
    string? BackgroundMarkdown,
    string? OtherWaysToAnswer,
    ServiceSection? Section,
    ConsultationAudience? Audience,
    DateTime? OpensAt,
    DateTime? ClosesAt,
    IReadOnlyList<int> Priorities,
    IReadOnlyList<int> Events);

/// <summary>What a commissioner writes about one question.</summary>
public sealed record QuestionDetails(
    QuestionKind? Kind,
    string? Text,
    string? Hint,
    bool Required,
    bool AboutYou,
    bool AllowOther,
    int? MaxLength,
    int? PageNumber,
    IReadOnlyList<string> Options);

/// <summary>
/// A consultation: "We asked, you said, we did". Staff write it and its questions while it is a draft, publish it, and
/// it opens and closes by its dates (stored UTC). Once anyone has answered, its questions can no longer be removed and
/// their choices no longer changed, only their wording mended, so every answer keeps its meaning. Closing early or
/// extending is recorded and shown publicly. After it closes, commissioners publish the outcome.
/// </summary>
public sealed class Consultation
{
    private readonly List<ConsultationQuestion> _questions = [];
    private readonly List<ConsultationPriority> _priorities = [];
    private readonly List<ConsultationEvent> _events = [];
    private readonly List<ConsultationDateChange> _dateChanges = [];

    private Consultation()
    {
    }

    public int Id { get; private set; }
    public string Title { get; private set; } = "";
    public string Summary { get; private set; } = "";
    public string BackgroundMarkdown { get; private set; } = "";

    /// <summary>How to answer without the online form (phone, email, paper), shown on the consultation's page.</summary>
    public string OtherWaysToAnswer { get; private set; } = "";

    public ServiceSection Section { get; private set; }
    public ConsultationAudience Audience { get; private set; }
    public DateTime OpensAt { get; private set; }
    public DateTime ClosesAt { get; private set; }
    public bool IsPublished { get; private set; }
    public DateTime? PublishedAt { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime LastUpdatedAt { get; private set; }

    /// <summary>"We asked": the question, in brief.</summary>
    public string? OutcomeWeAsked { get; private set; }

    /// <summary>"You said": the staff-written summary shown beside the generated figures (never a quoted answer).</summary>
    public string? OutcomeYouSaid { get; private set; }

    /// <summary>"We did": the decision, in the safe Markdown subset.</summary>
    public string? OutcomeWeDidMarkdown { get; private set; }

    public DateTime? OutcomePublishedAt { get; private set; }

    /// <summary>The outcome's own entry in the "You said, we did" log.</summary>
    public int? OutcomeEntryId { get; private set; }

    /// <summary>Optimistic concurrency token: two commissioners editing one consultation cannot overwrite each other.</summary>
    public Guid Version { get; private set; } = Guid.NewGuid();

    public IReadOnlyList<ConsultationQuestion> Questions => _questions.AsReadOnly();
    public IReadOnlyList<ConsultationPriority> Priorities => _priorities.AsReadOnly();
    public IReadOnlyList<ConsultationEvent> Events => _events.AsReadOnly();
    public IReadOnlyList<ConsultationDateChange> DateChanges => _dateChanges.AsReadOnly();

    public bool HasOutcome => OutcomePublishedAt is not null;

    public ConsultationPhase PhaseAt(DateTime now) => Phase(IsPublished, OpensAt, ClosesAt, now);

    /// <summary>The phase from stored facts, usable in queries.</summary>
    public static ConsultationPhase Phase(bool published, DateTime opensAt, DateTime closesAt, DateTime now) =>
        !published ? ConsultationPhase.Draft : now < opensAt ? ConsultationPhase.Upcoming : now < closesAt ? ConsultationPhase.Open : ConsultationPhase.Closed;

    /// <summary>
    /// When a published consultation became open to answers: its opening time, or when it was published if that was
    /// later (a consultation published after its opening time opens as it is published). Never the drafting time.
    /// </summary>
    public static DateTime OpenedAt(DateTime opensAt, DateTime publishedAt) => publishedAt > opensAt ? publishedAt : opensAt;

    /// <summary>The questions in the order people see them: by page, then position.</summary>
    public IEnumerable<ConsultationQuestion> Ordered => _questions.OrderBy(q => q.PageNumber).ThenBy(q => q.Position);

    /// <summary>The page numbers in use, in order (pages are numbered from 1 with no gaps).</summary>
    public IReadOnlyList<int> Pages => _questions.Select(q => q.PageNumber).Distinct().Order().ToList();

    public static DomainResult<Consultation> Create(ConsultationDetails details, DateTime at)
    {
        var check = Check(details);
        if (!check.Succeeded)
        {
            return check.As<Consultation>();
        }

        var consultation = new Consultation { CreatedAt = at };
        consultation.Apply(details);
        consultation.Touch(at);
        return DomainResult<Consultation>.Ok(consultation);
    }

    /// <summary>
    /// Changes what the consultation says. Once published its dates move only through <see cref="CloseEarly"/> and
    /// <see cref="Extend"/> (so the change is recorded and shown), and its audience cannot change once answered.
    /// </summary>
    public DomainResult Edit(ConsultationDetails details, bool answered, DateTime at)
    {
        var check = Check(details);
        if (!check.Succeeded)
        {
            return check;
        }

        if (IsPublished && (details.OpensAt != OpensAt || details.ClosesAt != ClosesAt))
        {
            return DomainResult.Refused("Once published, change the closing date with \"Close early\" or \"Extend\", so the change is shown publicly", nameof(ConsultationDetails.ClosesAt));
        }

        if (answered && details.Audience != Audience)
        {
            return DomainResult.Refused("The audience cannot change once people have answered", nameof(ConsultationDetails.Audience));
        }

        Apply(details);
        Touch(at);
        return DomainResult.Ok;
    }

    public DomainResult<ConsultationQuestion> AddQuestion(QuestionDetails details, DateTime at)
    {
        if (HasOutcome)
        {
            return DomainResult<ConsultationQuestion>.Refused("The outcome is published: the questions can no longer change");
        }

        if (_questions.Count >= ConsultationLimits.MaxQuestions)
        {
            return DomainResult<ConsultationQuestion>.Refused($"A consultation can have at most {ConsultationLimits.MaxQuestions} questions");
        }

        var lastPage = _questions.Count == 0 ? 1 : _questions.Max(q => q.PageNumber);
        var page = details.PageNumber ?? lastPage;
        if (page < 1 || page > lastPage + 1)
        {
            return DomainResult<ConsultationQuestion>.Refused($"Choose page 1 to {lastPage + 1}", nameof(QuestionDetails.PageNumber));
        }

        var check = ConsultationQuestion.Check(details);
        if (!check.Succeeded)
        {
            return check.As<ConsultationQuestion>();
        }

        var position = _questions.Where(q => q.PageNumber == page).Select(q => q.Position).DefaultIfEmpty(0).Max() + 1;
        var question = ConsultationQuestion.Create(details, page, position);
        _questions.Add(question);
        Touch(at);
        return DomainResult<ConsultationQuestion>.Ok(question);
    }

    /// <summary>
    /// Changes a question. Before anyone answers, anything may change. After, only the wording (question, hint and the
    /// options' labels, one for one), so that every answer keeps its meaning.
    /// </summary>
    public DomainResult EditQuestion(int questionId, QuestionDetails details, bool answered, DateTime at)
    {
        if (Find(questionId) is not { } question)
        {
            return DomainResult.NotFound("The question was not found");
        }

        if (HasOutcome)
        {
            return DomainResult.Refused("The outcome is published: the questions can no longer change");
        }

        var check = ConsultationQuestion.Check(details);
        if (!check.Succeeded)
        {
            return check;
        }

        if (answered)
        {
            if (details.Kind != question.Kind || details.Required != question.IsRequired || details.AboutYou != question.IsAboutYou ||
                details.AllowOther != question.AllowOther || (details.PageNumber ?? question.PageNumber) != question.PageNumber)
            {
                return DomainResult.Refused("People have answered: only the wording can change now, so their answers keep their meaning");
            }

            if (details.Options.Count != question.Options.Count)
            {
                return DomainResult.Refused("People have answered: choices cannot be added or removed now, only reworded", nameof(QuestionDetails.Options));
            }
        }

        var lastPage = _questions.Max(q => q.PageNumber);
        var page = details.PageNumber ?? question.PageNumber;
        if (page < 1 || page > lastPage + 1)
        {
            return DomainResult.Refused($"Choose page 1 to {lastPage + 1}", nameof(QuestionDetails.PageNumber));
        }

        if (page != question.PageNumber)
        {
            question.MoveTo(page, _questions.Where(q => q.PageNumber == page).Select(q => q.Position).DefaultIfEmpty(0).Max() + 1);
        }

        question.Apply(details, reworded: answered);
        Renumber();
        Touch(at);
        return DomainResult.Ok;
    }

    public DomainResult RemoveQuestion(int questionId, bool answered, DateTime at)
    {
        if (Find(questionId) is not { } question)
        {
            return DomainResult.NotFound("The question was not found");
        }

        if (answered)
        {
            return DomainResult.Refused("People have answered: a question cannot be removed now, so their answers keep their meaning");
        }

        _questions.Remove(question);
        Renumber();
        Touch(at);
        return DomainResult.Ok;
    }

    /// <summary>Moves a question up or down one place within its page (order only: allowed after answers too).</summary>
    public DomainResult MoveQuestion(int questionId, int by, DateTime at)
    {
        if (Find(questionId) is not { } question)
        {
            return DomainResult.NotFound("The question was not found");
        }

        var page = _questions.Where(q => q.PageNumber == question.PageNumber).OrderBy(q => q.Position).ToList();
        var index = page.IndexOf(question);
        var target = index + Math.Sign(by);
        if (target < 0 || target >= page.Count)
        {
            return DomainResult.Refused(by < 0 ? "The question is already first on its page" : "The question is already last on its page");
        }

        (page[index], page[target]) = (page[target], page[index]);
        for (var i = 0; i < page.Count; i++)
        {
            page[i].MoveTo(page[i].PageNumber, i + 1);
        }

        Touch(at);
        return DomainResult.Ok;
    }

    public DomainResult Publish(DateTime at)
    {
        if (IsPublished)
        {
            return DomainResult.Refused("The consultation is already published");
        }

        if (_questions.Count == 0)
        {
            return DomainResult.Refused("Add at least one question before publishing");
        }

        if (ClosesAt <= at)
        {
            return DomainResult.Refused("The closing date has passed: choose a later one before publishing", nameof(ConsultationDetails.ClosesAt));
        }

        IsPublished = true;
        PublishedAt = at;
        Touch(at);
        return DomainResult.Ok;
    }

    /// <summary>Closes now, before its closing date, with the reason shown publicly.</summary>
    public DomainResult CloseEarly(string? reason, string userId, DateTime at)
    {
        if (PhaseAt(at) != ConsultationPhase.Open)
        {
            return DomainResult.Refused("Only an open consultation can be closed early");
        }

        var why = CheckReason(reason);
        if (!why.Succeeded)
        {
            return why;
        }

        _dateChanges.Add(new ConsultationDateChange(ClosesAt, at, reason!.Trim(), userId, at));
        ClosesAt = at;
        Touch(at);
        return DomainResult.Ok;
    }

    /// <summary>Moves the closing date later (also reopens a closed consultation whose outcome is not published).</summary>
    public DomainResult Extend(DateTime? closesAt, string? reason, string userId, DateTime at)
    {
        if (!IsPublished)
        {
            return DomainResult.Refused("Change a draft's dates on its details page");
        }

        if (HasOutcome)
        {
            return DomainResult.Refused("The outcome is published: the consultation cannot reopen");
        }

        if (closesAt is null || closesAt <= ClosesAt || closesAt <= at)
        {
            return DomainResult.Refused("Enter a new closing date and time later than the current one and in the future", "ClosesAt");
        }

        var why = CheckReason(reason);
        if (!why.Succeeded)
        {
            return why;
        }

        _dateChanges.Add(new ConsultationDateChange(ClosesAt, closesAt.Value, reason!.Trim(), userId, at));
        ClosesAt = closesAt.Value;
        Touch(at);
        return DomainResult.Ok;
    }

    /// <summary>Publishes (or corrects) the outcome after closing: "We asked", "You said" and "We did".</summary>
    public DomainResult PublishOutcome(string? weAsked, string? youSaid, string? weDidMarkdown, int entryId, DateTime at)
    {
        if (PhaseAt(at) != ConsultationPhase.Closed)
        {
            return DomainResult.Refused("The outcome can be published once the consultation has closed");
        }

        var errors = new List<ResultError>();
        Require(errors, weAsked, 1000, "WeAsked", "Enter what we asked, in brief");
        Require(errors, youSaid, ConsultationLimits.OutcomeSummaryMaxLength, "YouSaid", "Enter a summary of what people said");
        Require(errors, weDidMarkdown, ConsultationLimits.OutcomeDecisionMaxLength, "WeDid", "Enter what we did");
        if (errors.Count > 0)
        {
            return new DomainResult(ResultKind.Invalid, errors);
        }

        OutcomeWeAsked = weAsked!.Trim();
        OutcomeYouSaid = youSaid!.Trim();
        OutcomeWeDidMarkdown = weDidMarkdown!.Trim();
        OutcomePublishedAt ??= at;
        OutcomeEntryId = entryId;
        Touch(at);
        return DomainResult.Ok;
    }

    /// <summary>Whether this person may answer: the audience rule, with a plain reason when not.</summary>
    public DomainResult CheckAudience(Registrant person) => Audience switch
    {
        ConsultationAudience.Everyone or ConsultationAudience.PeopleWhoDrawOnCareAndCarers => DomainResult.Ok,
        ConsultationAudience.InvitationOnly => DomainResult.Refused("This consultation is by invitation only. Contact us if you think you should have been invited."),
        ConsultationAudience.Providers => person.HasProviderAccount && person.IsApproved
            ? DomainResult.Ok
            : DomainResult.Refused("This consultation is for care providers. Sign in with your organisation's approved provider account to answer it."),
        ConsultationAudience.CareHomeProviders => CheckProvider(person, ProviderType.CareHome, "care home providers"),
        ConsultationAudience.HomeCareProviders => CheckProvider(person, ProviderType.HomeCare, "home care providers"),
        _ => DomainResult.Refused("You cannot answer this consultation."),
    };

    /// <summary>Whether answers may start now: published and open, then the audience.</summary>
    public DomainResult CanAnswer(DateTime now, Registrant person) => PhaseAt(now) switch
    {
        ConsultationPhase.Open => CheckAudience(person),
        ConsultationPhase.Upcoming => DomainResult.Refused($"This consultation opens on {UkTime.Describe(OpensAt)}."),
        ConsultationPhase.Closed => DomainResult.Refused($"This consultation closed on {UkTime.Describe(ClosesAt)}."),
        _ => DomainResult.NotFound("The consultation was not found"),
    };

    public ConsultationQuestion? Find(int questionId) => _questions.FirstOrDefault(q => q.Id == questionId);

    private static DomainResult CheckProvider(Registrant person, ProviderType type, string who)
    {
        if (!person.HasProviderAccount)
        {
            return DomainResult.Refused($"This consultation is for {who}. Sign in with your organisation's provider account to answer it.");
        }

        if (!person.IsApproved)
        {
            return DomainResult.Refused("Your organisation's account is waiting for approval. You can answer once the council has approved it.");
        }

        if (person.Provides(type))
        {
            return DomainResult.Ok;
        }

        var kinds = ProviderTypeSet.Describe(person.ProviderType, person.OtherProviderTypes).ToLowerInvariant();
        return DomainResult.Refused($"This consultation is for {who} only. Your organisation is registered as a {(kinds.Length == 0 ? "different" : kinds)} provider.");
    }

    private static DomainResult CheckReason(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? DomainResult.Refused("Enter the reason: it is shown on the consultation's page", "Reason")
        : reason.Trim().Length > ConsultationLimits.ReasonMaxLength ? DomainResult.Refused($"The reason must be {ConsultationLimits.ReasonMaxLength} characters or fewer", "Reason")
        : DomainResult.Ok;

    private static void Require(List<ResultError> errors, string? value, int max, string property, string missing)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new ResultError(property, missing));
        }
        else if (value.Trim().Length > max)
        {
            errors.Add(new ResultError(property, $"This must be {max:N0} characters or fewer"));
        }
    }

    private static DomainResult Check(ConsultationDetails d)
    {
        var errors = new List<ResultError>();
        Require(errors, d.Title, ConsultationLimits.TitleMaxLength, nameof(d.Title), "Enter a title");
        Require(errors, d.Summary, ConsultationLimits.SummaryMaxLength, nameof(d.Summary), "Enter a short summary");
        if ((d.BackgroundMarkdown?.Trim().Length ?? 0) > ConsultationLimits.BackgroundMaxLength)
        {
            errors.Add(new ResultError(nameof(d.BackgroundMarkdown), $"The background must be {ConsultationLimits.BackgroundMaxLength:N0} characters or fewer"));
        }

        if ((d.OtherWaysToAnswer?.Trim().Length ?? 0) > ConsultationLimits.OtherWaysMaxLength)
        {
            errors.Add(new ResultError(nameof(d.OtherWaysToAnswer), $"Other ways to answer must be {ConsultationLimits.OtherWaysMaxLength:N0} characters or fewer"));
        }

        if (d.Section is null || !Enum.IsDefined(d.Section.Value))
        {
            errors.Add(new ResultError(nameof(d.Section), "Select the section of the Market Position Statement it is about"));
        }

        if (d.Audience is null || !Enum.IsDefined(d.Audience.Value))
        {
            errors.Add(new ResultError(nameof(d.Audience), "Select who the consultation is for"));
        }

        if (d.OpensAt is null)
        {
            errors.Add(new ResultError(nameof(d.OpensAt), "Enter the date and time it opens"));
        }

        if (d.ClosesAt is null)
        {
            errors.Add(new ResultError(nameof(d.ClosesAt), "Enter the date and time it closes"));
        }
        else if (d.OpensAt is not null && d.ClosesAt <= d.OpensAt)
        {
            errors.Add(new ResultError(nameof(d.ClosesAt), "The closing date must be after the opening date"));
        }

        return errors.Count == 0 ? DomainResult.Ok : new DomainResult(ResultKind.Invalid, errors);
    }

    private void Apply(ConsultationDetails d)
    {
        Title = d.Title!.Trim();
        Summary = d.Summary!.Trim();
        BackgroundMarkdown = d.BackgroundMarkdown?.Trim() ?? "";
        OtherWaysToAnswer = d.OtherWaysToAnswer?.Trim() ?? "";
        Section = d.Section!.Value;
        Audience = d.Audience!.Value;
        OpensAt = d.OpensAt!.Value;
        ClosesAt = d.ClosesAt!.Value;
        var priorities = d.Priorities.Distinct().ToHashSet();
        _priorities.RemoveAll(p => !priorities.Contains(p.PriorityNumber));
        foreach (var number in priorities.Where(n => _priorities.All(p => p.PriorityNumber != n)))
        {
            _priorities.Add(new ConsultationPriority { PriorityNumber = number });
        }

        var events = d.Events.Distinct().ToHashSet();
        _events.RemoveAll(e => !events.Contains(e.EventId));
        foreach (var id in events.Where(n => _events.All(e => e.EventId != n)))
        {
            _events.Add(new ConsultationEvent { EventId = id });
        }
    }

    /// <summary>Pages stay numbered 1..n with no gaps, and positions 1..n within each.</summary>
    private void Renumber()
    {
        var pages = Pages;
        foreach (var question in _questions)
        {
            var page = pages.ToList().IndexOf(question.PageNumber) + 1;
            question.MoveTo(page, question.Position);
        }

        foreach (var group in _questions.GroupBy(q => q.PageNumber))
        {
            var i = 1;
            foreach (var question in group.OrderBy(q => q.Position))
            {
                question.MoveTo(question.PageNumber, i++);
            }
        }
    }

    private void Touch(DateTime at)
    {
        LastUpdatedAt = at;
        Version = Guid.NewGuid();
    }
}

/// <summary>A commissioning priority the consultation is linked to.</summary>
public sealed class ConsultationPriority
{
    public int ConsultationId { get; set; }
    public int PriorityNumber { get; set; }
}

/// <summary>An event held as part of the consultation (a workshop, a forum).</summary>
public sealed class ConsultationEvent
{
    public int ConsultationId { get; set; }
    public int EventId { get; set; }
}

/// <summary>A public record of the closing date moving: closed early or extended, and why.</summary>
public sealed class ConsultationDateChange
{
    private ConsultationDateChange()
    {
    }

    public ConsultationDateChange(DateTime from, DateTime to, string reason, string changedByUserId, DateTime at)
    {
        FromClosesAt = from;
        ToClosesAt = to;
        Reason = reason;
        ChangedByUserId = changedByUserId;
        ChangedAt = at;
    }

    public int Id { get; private set; }
    public int ConsultationId { get; private set; }
    public DateTime FromClosesAt { get; private set; }
    public DateTime ToClosesAt { get; private set; }
    public string Reason { get; private set; } = "";
    public string ChangedByUserId { get; private set; } = "";
    public DateTime ChangedAt { get; private set; }

    public bool IsExtension => ToClosesAt > FromClosesAt;
}
