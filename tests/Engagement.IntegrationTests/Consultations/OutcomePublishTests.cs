using System.Net;
using System.Text.Json;
using Engagement.Domain.Common;
using Engagement.Domain.Responses;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.Web.Features.Consultations;
using Microsoft.EntityFrameworkCore;
using static Engagement.IntegrationTests.Consultations.AnalysisTestSupport;

namespace Engagement.IntegrationTests.Consultations;

/// <summary>Publishing a closed consultation's outcome: the log entry, the emails, and where the outcome shows in public.</summary>
public sealed class OutcomePublishTests(EngagementFactory factory) : IClassFixture<EngagementFactory>
{
    private static Dictionary<string, string> Form(string youSaid = "Most people who answered found the letters hard to follow.", string links = "") => new()
    {
        ["Input.WeAsked"] = "How should we explain what people pay towards their care?",
        ["Input.YouSaid"] = youSaid,
        ["Input.WeDid"] = "We will **rewrite the letters** with carers.\n\n- Plain words\n- One person to contact",
        ["Input.LinkedEntries"] = links,
    };

    private static async Task<HttpResponseMessage> PublishAsync(HttpClient client, int id, Dictionary<string, string> values)
    {
        var (_, page) = await Html.GetAsync(client, $"/staff/consultations/{id}/outcome");
        return await Html.SubmitAsync(client, page, values, "form#outcome-form");
    }

    [Fact]
    public async Task An_open_consultation_cannot_have_an_outcome_yet()
    {
        var c = await CreateOpenAsync(factory);
        await AnswerAsync(factory, c, "Carer", "Good", []);
        var client = await CommissionerAsync(factory);

        var (_, page) = await Html.GetAsync(client, $"/staff/consultations/{c.Id}/outcome");
        Assert.NotNull(page.QuerySelector("#not-closed"));
        Assert.Null(page.QuerySelector("form#outcome-form"));

        var result = await factory.GetService<PublishConsultationOutcomeHandler>().HandleAsync(
            new PublishConsultationOutcome(c.Id, null, "We asked", "You said", "We did", [], "test-user"));
        Assert.Equal(ResultKind.Invalid, result.Kind);
        Assert.Equal("The outcome can be published once the consultation has closed", result.Error);
        await using var db = factory.CreateDbContext();
        Assert.False((await db.Consultations.AsNoTracking().SingleAsync(x => x.Id == c.Id)).HasOutcome);
    }

    [Fact]
    public async Task Missing_text_and_an_unknown_entry_are_refused_with_GOV_UK_errors_and_the_answers_kept()
    {
        var c = await HandCountedAsync(factory);
        var client = await CommissionerAsync(factory);

        var response = await PublishAsync(client, c.Id, new Dictionary<string, string> { ["Input.WeAsked"] = "", ["Input.YouSaid"] = "Kept summary", ["Input.WeDid"] = "" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal(["Enter what we asked, in brief", "Enter what we did"], Html.ErrorSummary(page).Order());
        Assert.StartsWith("Error: ", page.Title);
        Assert.Equal("Kept summary", page.QuerySelector("#Input_YouSaid")!.TextContent);
        Html.AssertErrorsDescribeTheirFields(page);

        response = await PublishAsync(client, c.Id, Form(links: "WD-1999-9999"));
        page = await Html.ParseAsync(response);
        Assert.Equal(["There is no other published entry WD-1999-9999"], Html.ErrorSummary(page));
        Assert.Equal("WD-1999-9999", page.QuerySelector("#Input_LinkedEntries")!.TextContent);
        await using var db = factory.CreateDbContext();
        Assert.False((await db.Consultations.AsNoTracking().SingleAsync(x => x.Id == c.Id)).HasOutcome);
        Assert.Equal(0, await db.OutboxMessages.CountAsync(m => m.Kind == ConsultationEmails.OutcomeKind && m.ToAddress == "r2@example.org" && m.Subject.Contains(c.Title)));
    }

    [Fact]
    public async Task Publishing_creates_a_completed_entry_emails_those_who_asked_and_removes_their_addresses()
    {
        var c = await HandCountedAsync(factory, lateEmail: "late@example.org");
        var client = await CommissionerAsync(factory);

        var response = await PublishAsync(client, c.Id, Form());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (_, after) = await Html.GetAsync(client, response.Headers.Location!.OriginalString);
        Assert.Contains("2 people will be emailed", after.QuerySelector("#banner").Text());

        await using var db = factory.CreateDbContext();
        var consultation = await db.Consultations.AsNoTracking().SingleAsync(x => x.Id == c.Id);
        Assert.True(consultation.HasOutcome);
        var entry = await db.ResponseEntries.AsNoTracking().Include(e => e.History).Include(e => e.Priorities).SingleAsync(e => e.Id == consultation.OutcomeEntryId);
        Assert.True(entry.IsPublished);
        Assert.Equal(ResponseStatus.Completed, entry.Status);
        Assert.Equal("We asked: " + c.Title, entry.Title);
        Assert.Equal("Most people who answered found the letters hard to follow.", entry.YouSaidSummary);
        Assert.Equal([3], entry.Priorities.Select(p => p.PriorityNumber));
        Assert.Equal([ResponseStatus.Received, ResponseStatus.UnderReview, ResponseStatus.ActionPlanned, ResponseStatus.Completed], entry.History.OrderBy(h => h.Id).Select(h => h.ToStatus));

        var emails = await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == ConsultationEmails.OutcomeKind && m.Subject == "Consultation outcome: " + c.Title).ToListAsync();
        Assert.Equal(["late@example.org", "r2@example.org"], emails.Select(m => m.ToAddress).Order());
        Assert.All(emails, m => Assert.Contains($"https://localhost/consultations/{c.Id}", m.TextBody));
        var responses = await db.ConsultationResponses.AsNoTracking().Where(r => r.ConsultationId == c.Id).ToListAsync();
        Assert.DoesNotContain(responses, r => r.Email is "r2@example.org" or "late@example.org");
        Assert.Equal(2, responses.Count(r => r.OutcomeEmailedAt != null));
        Assert.Contains(responses, r => r.Email == "r4@example.org"); // gave an address but did not ask for the outcome

        // Correcting it: the same entry, new words, nobody emailed twice.
        response = await PublishAsync(client, c.Id, Form(youSaid: "Corrected summary of what people said."));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db2 = factory.CreateDbContext();
        var corrected = await db2.ResponseEntries.AsNoTracking().SingleAsync(e => e.Id == consultation.OutcomeEntryId);
        Assert.Equal("Corrected summary of what people said.", corrected.YouSaidSummary);
        Assert.Equal(entry.Reference, corrected.Reference);
        Assert.Equal(2, await db2.OutboxMessages.CountAsync(m => m.Kind == ConsultationEmails.OutcomeKind && m.Subject == "Consultation outcome: " + c.Title));
        Assert.True(await db2.AuditRecords.AnyAsync(a => a.Action == PublishConsultationOutcomeHandler.CorrectedAction && a.EntityId == c.Id.ToString()));
    }

    [Fact]
    public async Task The_outcome_shows_in_the_log_as_its_own_kind_on_its_permalink_feed_csv_json_and_priority_page()
    {
        var c = await HandCountedAsync(factory);
        var other = await PublicLog.PublicLogTestSupport.AddEntryAsync(factory, "Letters about charges", "A related entry", DateTime.UtcNow.AddDays(-3));
        var client = await CommissionerAsync(factory);
        Assert.Equal(HttpStatusCode.Redirect, (await PublishAsync(client, c.Id, Form(links: other.Reference))).StatusCode);
        await using var db = factory.CreateDbContext();
        var reference = await db.Consultations.Where(x => x.Id == c.Id)
            .Join(db.ResponseEntries, x => x.OutcomeEntryId, e => e.Id, (x, e) => e.Reference).SingleAsync();
        var consultationUrl = $"https://localhost/consultations/{c.Id}";
        var anonymous = factory.CreateBrowserClient();

        var (_, filtered) = await Html.GetAsync(anonymous, "/you-said-we-did?kind=consultation");
        var listed = filtered.QuerySelectorAll("#log-entries li[data-reference]").Select(li => li.GetAttribute("data-reference")).ToList();
        Assert.Contains(reference, listed);
        Assert.DoesNotContain(other.Reference, listed);
        Assert.Equal("Consultation outcome", filtered.QuerySelector($"li[data-reference='{reference}'] .app-kind-tag").Text());
        Assert.Equal("consultation", filtered.QuerySelector("#kind option[selected]")!.GetAttribute("value"));

        var (_, permalink) = await Html.GetAsync(anonymous, $"/you-said-we-did/{reference}");
        Assert.Equal($"/consultations/{c.Id}", permalink.QuerySelector("#consultation-outcome a")!.GetAttribute("href"));
        var figures = permalink.QuerySelectorAll("#table-outcome-q3 tbody tr").Select(r => string.Join("|", r.Children.Select(x => x.Text()))).ToList();
        Assert.Equal(["Lower charges|67%", "Clearer letters|50%", "More time to pay|33%", "Other|17%"], figures);
        Assert.Null(permalink.QuerySelector("#table-outcome-q4")); // the written question: never published
        Assert.DoesNotContain("I never know who to ring", permalink.DocumentElement.TextContent);
        Assert.DoesNotContain("A named contact", permalink.DocumentElement.TextContent);
        Assert.Equal($"/you-said-we-did/{other.Reference}", permalink.QuerySelector("#outcome-links a")!.GetAttribute("href"));

        var feed = await anonymous.GetStringAsync("/you-said-we-did/feed?kind=consultation");
        Assert.Contains(consultationUrl, feed);
        Assert.Contains("term=\"consultation-outcome\"", feed);

        var csv = PublicLog.PublicLogTestSupport.ParseCsv(await anonymous.GetStringAsync("/you-said-we-did.csv?kind=consultation"));
        var row = csv.Single(r => r[0] == reference);
        Assert.Equal(["consultation-outcome", consultationUrl], row.TakeLast(2));

        using var json = JsonDocument.Parse(await anonymous.GetStringAsync($"/api/v1/you-said-we-did/{reference}"));
        Assert.Equal("consultation-outcome", json.RootElement.GetProperty("item").GetProperty("kind").GetString());
        Assert.Equal(consultationUrl, json.RootElement.GetProperty("item").GetProperty("consultationUrl").GetString());

        var (_, priority) = await Html.GetAsync(anonymous, "/priorities/3");
        var item = priority.QuerySelector($"#consultation-list li[data-consultation='{c.Id}']")!;
        Assert.Equal($"/consultations/{c.Id}", item.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("Closed", item.QuerySelector(".govuk-tag").Text());
    }

    [Fact]
    public async Task The_demo_data_has_the_closed_charging_consultation_with_its_outcome_labelled_as_demo()
    {
        await using var db = factory.CreateDbContext();
        var demo = await db.Consultations.AsNoTracking().SingleAsync(x => x.Title == Engagement.Infrastructure.Seeding.DemoConsultations.ChargingTitle);
        Assert.Equal(Engagement.Domain.Consultations.ConsultationPhase.Closed, demo.PhaseAt(DateTime.UtcNow));
        Assert.True(demo.HasOutcome);
        Assert.Equal(40, await db.ConsultationResponses.CountAsync(r => r.ConsultationId == demo.Id));
        var entry = await db.ResponseEntries.AsNoTracking().SingleAsync(e => e.Id == demo.OutcomeEntryId);
        Assert.Equal(ResponseStatus.Completed, entry.Status);

        var (_, page) = await Html.GetAsync(factory.CreateBrowserClient(), $"/you-said-we-did/{entry.Reference}");
        Assert.Contains("DEMO DATA", page.QuerySelector("#you-said").Text());
        Assert.Contains("Demo data", page.QuerySelector("#we-did, .app-markdown")?.TextContent ?? page.DocumentElement.TextContent);
        Assert.Equal("40 responses were counted. Each percentage is of the responses that answered that question, rounded to a whole number.",
            System.Text.RegularExpressions.Regex.Replace(page.QuerySelector("#outcome-counted").Text(), @"\s+", " "));
        Assert.Equal(4, page.QuerySelectorAll("#table-outcome-q1 tbody tr").Length);
        Assert.Equal(5, page.QuerySelectorAll("#table-outcome-q2 tbody tr").Length);
        Assert.Null(page.QuerySelector("#table-outcome-q4"));
    }
}
