using System.Globalization;
using Engagement.Domain.Common;
using Engagement.Domain.Consultations;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.Web.Features.Consultations;
using Microsoft.EntityFrameworkCore;

namespace Engagement.IntegrationTests.Consultations;

/// <summary>
/// A consultation built through the domain (the staff pages that create one are another slice), answered through the
/// real <see cref="SubmitConsultationResponseHandler"/> while open, then closed early, as the analysis and outcome
/// tests need it.
/// </summary>
public sealed class TestConsultation
{
    public int Id { get; init; }
    public string Title { get; init; } = "";
    public int RoleQuestion { get; init; }
    public int RatingQuestion { get; init; }
    public int ChoicesQuestion { get; init; }
    public int TextQuestion { get; init; }

    /// <summary>Option ids by label, per question.</summary>
    public Dictionary<int, Dictionary<string, int>> Options { get; init; } = [];

    public string Option(int question, string label) => Options[question][label].ToString(CultureInfo.InvariantCulture);
}

public static class AnalysisTestSupport
{
    public static readonly string[] Roles = ["Resident", "Carer", "Provider"];
    public static readonly string[] Ratings = ["Very poor", "Poor", "OK", "Good", "Very good"];
    public static readonly string[] Choices = ["Lower charges", "Clearer letters", "More time to pay"];

    /// <summary>An open consultation with an "about you" role question, a rating scale, several choices with "Other", and a long text question.</summary>
    public static async Task<TestConsultation> CreateOpenAsync(EngagementFactory factory, string? title = null, string? questionText = null, int priority = 3)
    {
        var now = DateTime.UtcNow;
        await using var db = factory.CreateDbContext();
        var created = Consultation.Create(new ConsultationDetails(
            title ?? "Charging test " + Guid.NewGuid().ToString("N")[..8], "A test consultation", "Background", "Call us",
            ServiceSection.HomeCare, ConsultationAudience.Everyone, now.AddDays(-1), now.AddDays(1), [priority], []), now.AddDays(-2));
        Assert.True(created.Succeeded, created.Error);
        var consultation = created.Value!;
        Assert.True(consultation.AddQuestion(new QuestionDetails(QuestionKind.OneChoice, "Which best describes you?", null, true, true, false, null, 1, Roles), now).Succeeded);
        Assert.True(consultation.AddQuestion(new QuestionDetails(QuestionKind.RatingScale, questionText ?? "How fair is the current policy?", null, false, false, false, null, 1, Ratings), now).Succeeded);
        Assert.True(consultation.AddQuestion(new QuestionDetails(QuestionKind.SeveralChoices, "What would help most?", null, false, false, true, null, 1, Choices), now).Succeeded);
        Assert.True(consultation.AddQuestion(new QuestionDetails(QuestionKind.LongText, "Anything else?", null, false, false, false, null, 1, []), now).Succeeded);
        Assert.True(consultation.Publish(now.AddDays(-2)).Succeeded);
        db.Consultations.Add(consultation);
        await db.SaveChangesAsync();
        var questions = consultation.Ordered.ToList();
        return new TestConsultation
        {
            Id = consultation.Id,
            Title = consultation.Title,
            RoleQuestion = questions[0].Id,
            RatingQuestion = questions[1].Id,
            ChoicesQuestion = questions[2].Id,
            TextQuestion = questions[3].Id,
            Options = questions.ToDictionary(q => q.Id, q => q.Options.ToDictionary(o => o.Label, o => o.Id)),
        };
    }

    /// <summary>One response through the real handler: role, rating (or none), choices (and "Other" text), written answer.</summary>
    public static async Task<string> AnswerAsync(EngagementFactory factory, TestConsultation c, string role, string? rating, string[] choices, string? other = null, string? text = null, string? email = null, bool wantsOutcome = false)
    {
        var answers = new Dictionary<string, string[]>
        {
            [$"q{c.RoleQuestion}"] = [c.Option(c.RoleQuestion, role)],
            [$"q{c.RatingQuestion}"] = rating is null ? [] : [c.Option(c.RatingQuestion, rating)],
            [$"q{c.ChoicesQuestion}"] = choices.Select(x => c.Option(c.ChoicesQuestion, x)).Concat(other is null ? [] : ["other"]).ToArray(),
            [$"q{c.TextQuestion}"] = text is null ? [] : [text],
        };
        if (other is not null)
        {
            answers[$"q{c.ChoicesQuestion}-other"] = [other];
        }

        var handler = factory.GetService<SubmitConsultationResponseHandler>();
        var result = await handler.HandleAsync(new SubmitConsultationResponse(c.Id, answers, ResponseChannel.Online, email, false, wantsOutcome,
            Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N")));
        Assert.True(result.Succeeded, result.Error);
        return result.Value!.Reference;
    }

    public static async Task CloseAsync(EngagementFactory factory, TestConsultation c)
    {
        await using var db = factory.CreateDbContext();
        var consultation = await db.Consultations.SingleAsync(x => x.Id == c.Id);
        Assert.True(consultation.CloseEarly("Closed for the test", "test-user", DateTime.UtcNow.AddSeconds(-1)).Succeeded);
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// The hand-counted fixture: seven counted responses and one late one.
    /// R1 Resident, Good, [Lower charges, Clearer letters], text. R2 Resident, Very good, [Lower charges].
    /// R3 Carer, Poor, [Clearer letters, Other], text. R4 Carer, Good, [all three]. R5 Provider, OK, [More time to pay].
    /// R6 Provider, no rating, [Lower charges]. R7 Resident, Good, no choices. Late: Carer, Very poor, [Lower charges].
    /// </summary>
    public static async Task<TestConsultation> HandCountedAsync(EngagementFactory factory, string? title = null, string? otherText = null, string? writtenText = null, string? lateEmail = null)
    {
        var c = await CreateOpenAsync(factory, title);
        await AnswerAsync(factory, c, "Resident", "Good", ["Lower charges", "Clearer letters"], text: writtenText ?? "The letters are hard to follow");
        await AnswerAsync(factory, c, "Resident", "Very good", ["Lower charges"], email: "r2@example.org", wantsOutcome: true);
        await AnswerAsync(factory, c, "Carer", "Poor", ["Clearer letters"], other: otherText ?? "A named contact", text: "I never know who to ring");
        await AnswerAsync(factory, c, "Carer", "Good", ["Lower charges", "Clearer letters", "More time to pay"], email: "r4@example.org", wantsOutcome: false);
        await AnswerAsync(factory, c, "Provider", "OK", ["More time to pay"]);
        await AnswerAsync(factory, c, "Provider", null, ["Lower charges"]);
        await AnswerAsync(factory, c, "Resident", "Good", []);
        await CloseAsync(factory, c);
        await AnswerAsync(factory, c, "Carer", "Very poor", ["Lower charges"], email: lateEmail, wantsOutcome: lateEmail is not null);
        return c;
    }

    public static async Task<HttpClient> CommissionerAsync(EngagementFactory factory)
    {
        var client = factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(client, TestAccounts.Commissioner);
        return client;
    }
}
