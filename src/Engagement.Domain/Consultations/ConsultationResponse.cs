using Engagement.Domain.Common;

namespace Engagement.Domain.Consultations;

/// <summary>One answer as given: the question, and either a chosen option (one row per option chosen) or text.</summary>
public sealed record GivenAnswer(int QuestionId, int? OptionId, string? Text);

/// <summary>
/// One person's response to a consultation, online or entered by staff from paper, a phone call or an event. It is
/// never published: the outcome shows figures counted from all responses and a staff-written summary. A response
/// received after closing (someone was part-way through) is kept and marked late, and one sent online faster than a
/// person could answer is kept and marked as sent too quickly (a likely bot); both are held back from the figures for
/// staff to see and decide on.
/// </summary>
public sealed class ConsultationResponse
{
    private readonly List<ConsultationAnswer> _answers = [];

    private ConsultationResponse()
    {
    }

    public int Id { get; private set; }
    public int ConsultationId { get; private set; }

    /// <summary>The reference shown to the person, for example CR-2026-0042.</summary>
    public string Reference { get; private set; } = "";

    /// <summary>The hash of the private link token (the token itself is only in the person's link).</summary>
    public string TokenHash { get; private set; } = "";

    /// <summary>Makes a repeated "Send" return the first response instead of a second one.</summary>
    public string SubmissionKey { get; private set; } = "";

    public ResponseChannel Channel { get; private set; }
    public string? EnteredByUserId { get; private set; }

    /// <summary>The provider organisation's account that answered, for provider audiences.</summary>
    public string? ProviderUserId { get; private set; }

    public DateTime ReceivedAt { get; private set; }

    /// <summary>Received after the consultation closed: kept, shown to staff, left out of the figures unless included.</summary>
    public bool IsLate { get; private set; }

    /// <summary>
    /// Sent online faster than the journey's minimum time (a likely bot): kept, shown to staff, left out of the figures
    /// unless a commissioner counts it, and sent no email.
    /// </summary>
    public bool SentTooQuickly { get; private set; }

    /// <summary>Late or sent too quickly: out of the figures until a commissioner decides it counts.</summary>
    public bool IsHeldBack => IsLate || SentTooQuickly;

    public bool IncludeInAnalysis { get; private set; } = true;

    public string? Email { get; private set; }
    public bool WantsAcknowledgement { get; private set; }
    public bool WantsOutcome { get; private set; }
    public DateTime? OutcomeEmailedAt { get; private set; }

    /// <summary>The signal words matched: a commissioner should look at it first.</summary>
    public bool PossibleSafeguarding { get; private set; }

    public ResponseFlag Flag { get; private set; }

    /// <summary>
    /// Changes whenever staff decide something about the response (count it in or leave it out, flag it), so a page
    /// read before someone else's decision cannot silently overwrite it (a concurrency token).
    /// </summary>
    public Guid Version { get; private set; } = Guid.NewGuid();

    public DateTime? FlaggedAt { get; private set; }
    public string? FlaggedByUserId { get; private set; }

    public IReadOnlyList<ConsultationAnswer> Answers => _answers.AsReadOnly();

    public static string FormatReference(int year, int sequence) => $"CR-{year:D4}-{sequence:D4}";

    public static ConsultationResponse Receive(
        int consultationId,
        string reference,
        string tokenHash,
        string submissionKey,
        ResponseChannel channel,
        IEnumerable<GivenAnswer> answers,
        string? email,
        bool wantsAcknowledgement,
        bool wantsOutcome,
        bool late,
        bool sentTooQuickly,
        bool possibleSafeguarding,
        string? enteredByUserId,
        string? providerUserId,
        DateTime at)
    {
        var trimmed = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        var response = new ConsultationResponse
        {
            ConsultationId = consultationId,
            Reference = reference,
            TokenHash = tokenHash,
            SubmissionKey = submissionKey,
            Channel = channel,
            EnteredByUserId = enteredByUserId,
            ProviderUserId = providerUserId,
            ReceivedAt = at,
            IsLate = late,
            SentTooQuickly = sentTooQuickly,
            IncludeInAnalysis = !late && !sentTooQuickly,
            Email = trimmed,
            WantsAcknowledgement = trimmed is not null && wantsAcknowledgement,
            WantsOutcome = trimmed is not null && wantsOutcome,
            PossibleSafeguarding = possibleSafeguarding,
        };
        response._answers.AddRange(answers.Select(a => new ConsultationAnswer(a.QuestionId, a.OptionId, a.Text)));
        return response;
    }

    /// <summary>A commissioner decides a held-back (late or too quick) response counts (or not) in the figures.</summary>
    public DomainResult CountInAnalysis(bool include)
    {
        if (!IsHeldBack)
        {
            return DomainResult.Refused("Only a late response or one sent too quickly can be left out of the figures");
        }

        IncludeInAnalysis = include;
        Version = Guid.NewGuid();
        return DomainResult.Ok;
    }

    /// <summary>
    /// The same staff flags as feedback: a safeguarding concern is escalated and cannot be changed back; a complaint
    /// goes to the complaints process. A response is never published either way.
    /// </summary>
    public DomainResult FlagAs(ResponseFlag flag, string userId, DateTime at)
    {
        if (flag == ResponseFlag.None || !Enum.IsDefined(flag))
        {
            return DomainResult.Refused("Select what the response holds", "Flag");
        }

        if (Flag == ResponseFlag.SafeguardingConcern)
        {
            return DomainResult.Refused("This response is flagged as a safeguarding concern; that flag cannot change");
        }

        if (Flag == flag)
        {
            return DomainResult.Refused("The response already has that flag");
        }

        Flag = flag;
        FlaggedAt = at;
        FlaggedByUserId = userId;
        Version = Guid.NewGuid();
        return DomainResult.Ok;
    }

    public void OutcomeEmailed(DateTime at) => OutcomeEmailedAt ??= at;

    /// <summary>Stops emails and removes the address now (withdrawal, erasure or retention).</summary>
    public void RemoveContactDetails()
    {
        Email = null;
        WantsAcknowledgement = false;
        WantsOutcome = false;
    }

    /// <summary>Erases what the person wrote; their chosen options stay in the counts, as the notice says.</summary>
    public void EraseText()
    {
        foreach (var answer in _answers)
        {
            answer.EraseText();
        }
    }
}

/// <summary>One answer of a response: a chosen option, or text (an "Other" answer has both).</summary>
public sealed class ConsultationAnswer
{
    private ConsultationAnswer()
    {
    }

    internal ConsultationAnswer(int questionId, int? optionId, string? text)
    {
        QuestionId = questionId;
        OptionId = optionId;
        Text = text;
    }

    public int Id { get; private set; }
    public int ResponseId { get; private set; }
    public int QuestionId { get; private set; }

    /// <summary>The option chosen; null for a text answer and for "Other".</summary>
    public int? OptionId { get; private set; }

    public string? Text { get; private set; }

    /// <summary>A staff-given theme for a free-text answer (for reading answers together).</summary>
    public string? Theme { get; private set; }

    /// <summary>A priority a commissioner linked the free-text answer to.</summary>
    public int? PriorityNumber { get; private set; }

    public DomainResult Tag(string? theme, int? priorityNumber)
    {
        if (Text is null)
        {
            return DomainResult.Refused("Only a written answer can be tagged");
        }

        if ((theme?.Trim().Length ?? 0) > ConsultationLimits.ThemeMaxLength)
        {
            return DomainResult.Refused($"The theme must be {ConsultationLimits.ThemeMaxLength} characters or fewer", "Theme");
        }

        Theme = string.IsNullOrWhiteSpace(theme) ? null : theme.Trim();
        PriorityNumber = priorityNumber;
        return DomainResult.Ok;
    }

    internal void EraseText()
    {
        if (Text is not null)
        {
            Text = "";
        }
    }
}
