using Engagement.Domain.Consultations;

namespace Engagement.Web.Features.Consultations;

/// <summary>
/// One question as a GOV.UK form field (Pages/Shared/_ConsultationQuestion.cshtml), with the values to show in it. The
/// public journey, the staff preview and staff entry all render questions through it, so the preview is exactly what
/// the public sees. Field names are the question's <see cref="ConsultationQuestion.FieldName"/>, and so are the
/// ModelState keys of its errors.
/// </summary>
public sealed record QuestionField(ConsultationQuestion Question, IReadOnlyList<string> Values, string? Other, bool IsPageHeading)
{
    public static QuestionField For(ConsultationQuestion question, IReadOnlyDictionary<string, string[]> values, bool isPageHeading)
    {
        var (given, other) = ConsultationAnswers.Of(question, values);
        return new QuestionField(question, given, other, isPageHeading);
    }

    public bool IsChosen(string value) => Values.Contains(value);

    public string Text => Values.FirstOrDefault() ?? "";
}
