using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Engagement.Domain.Common;
using Engagement.Domain.Consultations;
using Engagement.IntegrationTests.Deadlines;
using Engagement.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Engagement.IntegrationTests.Consultations;

/// <summary>The app with a settable clock, and consultations built through the domain model as staff would.</summary>
public class ConsultationsFactory : EngagementFactory
{
    public TestClock Clock { get; } = new();

    /// <summary>
    /// The clock stands still, so every journey would be sent "too quickly": the minimum time is off here and tested at
    /// its default in <see cref="BotCheckTests"/>.
    /// </summary>
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Consultations:MinimumSecondsToComplete"] = "0" };

    protected override TimeProvider TestTime => Clock;

    /// <summary>
    /// A published consultation with one question of every kind over two pages: page 1 a required one-choice "about
    /// you" role question and a required rating scale; page 2 several choices with "Other", an optional short text and
    /// a required long text.
    /// </summary>
    public async Task<Consultation> AddConsultationAsync(
        string title = "Telling people about extra care housing",
        ConsultationAudience audience = ConsultationAudience.Everyone,
        DateTime? opensAt = null,
        DateTime? closesAt = null,
        int priority = 10,
        bool publish = true)
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        await using var db = CreateDbContext();
        var consultation = Consultation.Create(
            new ConsultationDetails(title, "How should we tell people about extra care housing?", "Read the **background**.", "Phone 0300 000 0000.",
                ServiceSection.ExtraCareHousing, audience, opensAt ?? now.AddDays(-1), closesAt ?? now.AddDays(14), [priority], []),
            now).Value!;
        Add(consultation, QuestionKind.OneChoice, "Which best describes you?", page: 1, required: true, aboutYou: true, options: ["I draw on care", "I am a carer", "I work in care"]);
        Add(consultation, QuestionKind.RatingScale, "How well do we explain extra care housing?", page: 1, required: true, options: ["Very poorly", "Poorly", "Well", "Very well"]);
        Add(consultation, QuestionKind.SeveralChoices, "Where should we tell people?", page: 2, required: true, allowOther: true, options: ["Leaflets", "Our website", "At GP surgeries"]);
        Add(consultation, QuestionKind.ShortText, "Your town (optional detail)", page: 2, required: false);
        Add(consultation, QuestionKind.LongText, "What else should we know?", page: 2, required: true, maxLength: 500);
        if (publish)
        {
            Assert.True(consultation.Publish(now).Succeeded);
        }

        db.Consultations.Add(consultation);
        await db.SaveChangesAsync();
        return await LoadAsync(consultation.Id);
    }

    public async Task<Consultation> LoadAsync(int id)
    {
        await using var db = CreateDbContext();
        return await db.Consultations.AsNoTracking().AsSplitQuery().Include(c => c.Questions).ThenInclude(q => q.Options).SingleAsync(c => c.Id == id);
    }

    public async Task<List<ConsultationResponse>> ResponsesAsync(int consultationId)
    {
        await using var db = CreateDbContext();
        return await db.ConsultationResponses.AsNoTracking().Include(r => r.Answers).Where(r => r.ConsultationId == consultationId).OrderBy(r => r.Id).ToListAsync();
    }

    private static void Add(Consultation consultation, QuestionKind kind, string text, int page, bool required, bool aboutYou = false, bool allowOther = false, int? maxLength = null, string[]? options = null) =>
        Assert.True(consultation.AddQuestion(new QuestionDetails(kind, text, null, required, aboutYou, allowOther, maxLength, page, options ?? []), DateTime.UtcNow).Succeeded);
}

/// <summary>Walking the public answering journey over HTTP, as a browser without JavaScript would.</summary>
public static class ConsultationJourneySteps
{
    public const string Form = "form#consultation-form";

    public static ConsultationQuestion Question(Consultation c, string startsWith) => c.Questions.Single(q => q.Text.StartsWith(startsWith, StringComparison.Ordinal));

    public static string Option(ConsultationQuestion q, string label) => q.Options.Single(o => o.Label == label).Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Posts one page with these values (several values under one name allowed) and follows the redirect.</summary>
    public static async Task<IHtmlDocument> PostAsync(HttpClient client, IHtmlDocument page, params (string Name, string Value)[] values)
    {
        var form = page.QuerySelector<IHtmlFormElement>(Form) ?? throw new InvalidOperationException($"No consultation form on {page.Title}.");
        var response = await Html.SubmitAsync(client, form, values.Select(v => new KeyValuePair<string, string>(v.Name, v.Value)).ToList());
        for (var hops = 0; response.StatusCode == System.Net.HttpStatusCode.Redirect && hops < 5; hops++)
        {
            response = await client.GetAsync(response.Headers.Location);
        }

        return await Html.ParseAsync(response);
    }

    /// <summary>Answers both pages validly, gives no email, and returns check your answers.</summary>
    public static async Task<IHtmlDocument> ToCheckAsync(HttpClient client, Consultation c, string longText = "Tell us at the library", string? email = null)
    {
        var (_, page) = await Html.GetAsync(client, $"/consultations/{c.Id}/answer");
        var role = Question(c, "Which best");
        var rating = Question(c, "How well");
        page = await PostAsync(client, page, (role.FieldName, Option(role, "I am a carer")), (rating.FieldName, Option(rating, "Poorly")));
        var where = Question(c, "Where should");
        page = await PostAsync(client, page, (where.FieldName, Option(where, "Leaflets")), (where.FieldName, "other"), (where.OtherFieldName, "Community radio"),
            (Question(c, "What else").FieldName, longText));
        Assert.StartsWith("Your email address", page.Title);
        page = email is null
            ? await PostAsync(client, page)
            : await PostAsync(client, page, ("Input.Email", email), ("Input.WantsAcknowledgement", "true"), ("Input.WantsOutcome", "true"));
        Assert.StartsWith("Check your answers", page.Title);
        return page;
    }

    /// <summary>Sends from check your answers; returns the confirmation page.</summary>
    public static async Task<IHtmlDocument> SendAsync(HttpClient client, IHtmlDocument check)
    {
        var response = await Html.SubmitAsync(client, check, new Dictionary<string, string>(), "main form[method=post]");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        var (sent, page) = await Html.GetAsync(client, response.Headers.Location!.OriginalString);
        Assert.Equal(System.Net.HttpStatusCode.OK, sent.StatusCode);
        return page;
    }
}
