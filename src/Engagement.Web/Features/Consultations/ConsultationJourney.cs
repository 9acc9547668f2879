using System.Globalization;
using Engagement.Domain.Consultations;
using Engagement.Domain.Events;
using Engagement.Infrastructure.Security;
using Engagement.Web.Features.Forms;
using Engagement.Web.Features.Journeys;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Engagement.Web.Features.Consultations;

/// <summary>
/// The answers so far to one consultation, held server-side like the other journeys' drafts
/// (docs/decisions/0013). Values are kept by question field name (q12, q12-other), exactly as posted, so a page shows
/// them again as given. Nothing is recorded as a response until "Send my response".
/// </summary>
public sealed class ConsultationDraft : JourneyDraft
{
    public int ConsultationId { get; set; }

    /// <summary>The private link token, created with the draft: a repeated send is answered with the first response.</summary>
    public string Token { get; set; } = "";

    public string SubmissionKey { get; set; } = "";

    public Dictionary<string, string[]> Values { get; set; } = [];

    public string? Email { get; set; }
    public bool WantsAcknowledgement { get; set; }
    public bool WantsOutcome { get; set; }

    public static ConsultationDraft Start(int consultationId, DateTime now) => new()
    {
        ConsultationId = consultationId,
        Token = SecureToken.Create(),
        SubmissionKey = SecureToken.Create(),
        StartedAt = now,
    };
}

/// <summary>What a person may post on one page of the journey: the questions' values by field name, and their details.</summary>
public sealed partial class ConsultationAnswersInput
{
    public Dictionary<string, string[]> Values { get; set; } = [];
    public string? Email { get; set; }
    public bool WantsAcknowledgement { get; set; }
    public bool WantsOutcome { get; set; }

    /// <summary>The posted form's question fields (anything named q{n} or q{n}-other) and the details fields.</summary>
    public static ConsultationAnswersInput FromForm(IFormCollection form) => new()
    {
        Values = form.Keys.Where(IsQuestionField).ToDictionary(k => k, k => form[k].Select(v => v ?? "").ToArray()),
        Email = form["Input.Email"].FirstOrDefault(),
        WantsAcknowledgement = form["Input.WantsAcknowledgement"].Contains("true"),
        WantsOutcome = form["Input.WantsOutcome"].Contains("true"),
    };

    public static ConsultationAnswersInput From(ConsultationDraft draft) => new()
    {
        Values = new Dictionary<string, string[]>(draft.Values),
        Email = draft.Email,
        WantsAcknowledgement = draft.WantsAcknowledgement,
        WantsOutcome = draft.WantsOutcome,
    };

    private static bool IsQuestionField(string key) => key.Length < 40 && QuestionField().IsMatch(key);

    [System.Text.RegularExpressions.GeneratedRegex("^q[0-9]+(-other)?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex QuestionField();
}

/// <summary>
/// Answering a consultation as a table of steps, built from its questions: one step per page of questions
/// ("page-1", "page-2"...), then "your-details" (an optional email address with separate consents), then check your
/// answers. The page steps check their questions with the same rules staff entry uses (<see cref="ConsultationAnswers"/>).
/// </summary>
public static class ConsultationJourney
{
    public const string Name = "consultation";
    public const string Details = "your-details";
    public const string Check = Journey<ConsultationDraft, ConsultationAnswersInput, Consultation>.CheckSlug;

    /// <summary>How long answers are kept while someone is part-way through (and the "come back later" link works).</summary>
    public static readonly TimeSpan DraftLifetime = TimeSpan.FromDays(30);

    public static string PageSlug(int page) => "page-" + page.ToString(CultureInfo.InvariantCulture);

    public static int? PageOf(string slug) =>
        slug.StartsWith("page-", StringComparison.Ordinal) && int.TryParse(slug.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var page) ? page : null;

    public static string BasePath(int consultationId) => $"/consultations/{consultationId.ToString(CultureInfo.InvariantCulture)}/answer";

    public static Journey<ConsultationDraft, ConsultationAnswersInput, Consultation> For(Consultation consultation)
    {
        var pages = consultation.Pages;
        var steps = pages.Select(page => new JourneyStep<ConsultationDraft, ConsultationAnswersInput, Consultation>(
                PageSlug(page),
                pages.Count == 1 ? "Your answers" : $"Page {page} of {pages.Count}",
                (a, c, errors) => AddErrors(errors, ConsultationAnswers.Check(c, a.Values, QuestionsOn(c, page))),
                (a, d) => SavePage(consultation, page, a, d)))
            .Append(new(Details, "Your email address (optional)", ValidateDetails, (a, d) =>
            {
                var email = a.Email?.Trim();
                d.Email = string.IsNullOrEmpty(email) ? null : email;
                d.WantsAcknowledgement = d.Email is not null && a.WantsAcknowledgement;
                d.WantsOutcome = d.Email is not null && a.WantsOutcome;
            }))
            .ToList();
        return new Journey<ConsultationDraft, ConsultationAnswersInput, Consultation>(
            Name, d => BasePath(d.ConsultationId), "Check your answers before sending", steps);
    }

    public static IReadOnlyList<ConsultationQuestion> QuestionsOn(Consultation consultation, int page) =>
        consultation.Ordered.Where(q => q.PageNumber == page).ToList();

    private static void AddErrors(ModelStateDictionary errors, Domain.Common.IDomainResult result)
    {
        foreach (var error in result.Errors)
        {
            errors.AddModelError(error.Property ?? "", error.Message);
        }
    }

    private static void SavePage(Consultation consultation, int page, ConsultationAnswersInput answers, ConsultationDraft draft)
    {
        foreach (var question in QuestionsOn(consultation, page))
        {
            draft.Values.Remove(question.FieldName);
            draft.Values.Remove(question.OtherFieldName);
            var (values, other) = ConsultationAnswers.Of(question, answers.Values);
            var given = values.Where(v => !string.IsNullOrWhiteSpace(v)).ToArray();
            if (given.Length > 0)
            {
                draft.Values[question.FieldName] = given;
            }

            if (!string.IsNullOrWhiteSpace(other) && given.Contains("other"))
            {
                draft.Values[question.OtherFieldName] = [other];
            }
        }
    }

    private static void ValidateDetails(ConsultationAnswersInput a, Consultation _, ModelStateDictionary errors)
    {
        var email = a.Email?.Trim() ?? "";
        if (email.Length == 0)
        {
            if (a.WantsAcknowledgement || a.WantsOutcome)
            {
                errors.AddModelError("Input.Email", "Enter your email address, or untick the emails you asked for");
            }

            return;
        }

        if (email.Length > EventLimits.EmailMaxLength || !PersonDetails.IsEmail(email))
        {
            errors.AddModelError("Input.Email", "Enter an email address in the correct format, like name@example.com");
        }
        else if (!a.WantsAcknowledgement && !a.WantsOutcome)
        {
            errors.AddModelError("Input.WantsAcknowledgement", "Select at least one email you would like, or remove your email address");
        }
    }
}

/// <summary>What the confirmation page shows: the reference, the private link and whether it arrived late.</summary>
public sealed record ConsultationSent(int ConsultationId, string Title, string Reference, string Token, bool Late, bool Emailed);

/// <summary>Encrypts and authenticates the confirmation page's receipt with ASP.NET Core Data Protection.</summary>
public sealed class ConsultationProtector(IDataProtectionProvider provider, TimeProvider clock)
{
    private readonly ProtectedState<ConsultationSent> _receipts = new(provider, clock, "Engagement.Consultations.Sent.v1", TimeSpan.FromHours(2));

    public string Protect(ConsultationSent sent) => _receipts.Protect(sent);

    public ConsultationSent? Unprotect(string? value) => _receipts.Unprotect(value);
}
