using System.Net;
using System.Text.Json;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.Web.Features.Consultations;
using Microsoft.EntityFrameworkCore;
using static Engagement.IntegrationTests.Consultations.AnalysisTestSupport;

namespace Engagement.IntegrationTests.Consultations;

/// <summary>Reading and tagging the written answers, and the staff's response-level CSV and JSON downloads.</summary>
public sealed class AnalysisAnswersAndDownloadTests(EngagementFactory factory) : IClassFixture<EngagementFactory>
{
    [Fact]
    public async Task A_written_answer_is_tagged_with_a_theme_and_a_priority()
    {
        var c = await HandCountedAsync(factory);
        var client = await CommissionerAsync(factory);
        var (_, page) = await Html.GetAsync(client, $"/staff/consultations/{c.Id}/analysis?question={c.TextQuestion}");
        Assert.Equal(2, page.QuerySelectorAll("#written-answers > li").Length);
        await using var db = factory.CreateDbContext();
        var answerId = await db.ConsultationAnswers.Where(a => a.QuestionId == c.TextQuestion && a.Text == "I never know who to ring").Select(a => a.Id).SingleAsync();

        var response = await Html.SubmitAsync(client, page, new Dictionary<string, string> { ["Tag.Theme"] = "Who to contact", ["Tag.PriorityNumber"] = "3" }, $"#answer-{answerId} form");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var tagged = await db.ConsultationAnswers.AsNoTracking().SingleAsync(a => a.Id == answerId);
        Assert.Equal("Who to contact", tagged.Theme);
        Assert.Equal(3, tagged.PriorityNumber);
        Assert.True(await db.AuditRecords.AnyAsync(a => a.Action == TagConsultationAnswerHandler.Action && a.EntityId == answerId.ToString()));
        var (_, after) = await Html.GetAsync(client, response.Headers.Location!.OriginalString);
        Assert.Equal("Who to contact", after.QuerySelector($"#theme-{answerId}")!.GetAttribute("value"));
    }

    [Fact]
    public async Task A_theme_that_is_too_long_is_refused_with_the_GOV_UK_error_and_kept()
    {
        var c = await HandCountedAsync(factory);
        var client = await CommissionerAsync(factory);
        var (_, page) = await Html.GetAsync(client, $"/staff/consultations/{c.Id}/analysis");
        await using var db = factory.CreateDbContext();
        var answerId = await db.ConsultationAnswers.Where(a => a.QuestionId == c.TextQuestion).Select(a => a.Id).FirstAsync();
        var theme = new string('x', 101);

        var response = await Html.SubmitAsync(client, page, new Dictionary<string, string> { ["Tag.Theme"] = theme }, $"#answer-{answerId} form");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errorPage = await Html.ParseAsync(response);
        Assert.Equal(["The theme must be 100 characters or fewer"], Html.ErrorSummary(errorPage));
        Assert.StartsWith("Error: ", errorPage.Title);
        Assert.Equal(theme, errorPage.QuerySelector("#Tag_Theme")!.GetAttribute("value"));
        Assert.Null((await db.ConsultationAnswers.AsNoTracking().SingleAsync(a => a.Id == answerId)).Theme);
    }

    [Fact]
    public async Task The_csv_has_one_row_per_response_and_leaves_out_email_unless_asked_and_is_audited()
    {
        var c = await HandCountedAsync(factory);
        var client = await CommissionerAsync(factory);

        var response = await client.GetAsync($"/staff/consultations/{c.Id}/responses.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var rows = PublicLog.PublicLogTestSupport.ParseCsv(text);
        Assert.Equal(["Reference", "Received at (UK time)", "Channel", "Late", "Sent too quickly", "Counted in the analysis",
            "Q1. Which best describes you?", "Q2. How fair is the current policy?", "Q3. What would help most?", "Q4. Anything else?"], rows[0]);
        Assert.Equal(9, rows.Count); // header + 8 responses, the late one too
        Assert.Equal(["Carer", "Good", "Lower charges; Clearer letters; More time to pay", ""], rows[4].Skip(6));
        Assert.Equal(["Carer", "Poor", "Clearer letters; Other: A named contact", "I never know who to ring"], rows[3].Skip(6));
        Assert.Equal(["Yes", "No", "No"], rows[8].Skip(3).Take(3));
        Assert.DoesNotContain("r2@example.org", text);

        var personal = await client.GetStringAsync($"/staff/consultations/{c.Id}/responses.csv?personal=true");
        var personalRows = PublicLog.PublicLogTestSupport.ParseCsv(personal);
        Assert.Equal(["Email (personal)", "Wants the outcome (personal)"], personalRows[0].TakeLast(2));
        Assert.Equal(["r2@example.org", "Yes"], personalRows[2].TakeLast(2));

        await using var db = factory.CreateDbContext();
        var audits = await db.AuditRecords.AsNoTracking().Where(a => a.Action == AnalysisDownload.Action && a.EntityId == c.Id.ToString()).Select(a => a.Detail).ToListAsync();
        Assert.Equal(["format=csv;personal=no;rows=8", "format=csv;personal=yes;rows=8"], audits.Order());
        Assert.All(audits, d => Assert.DoesNotContain("@", d));
    }

    [Fact]
    public async Task The_json_has_one_object_per_response_and_personal_details_only_when_asked()
    {
        var c = await HandCountedAsync(factory);
        var client = await CommissionerAsync(factory);

        using var json = JsonDocument.Parse(await client.GetStringAsync($"/staff/consultations/{c.Id}/responses.json"));
        var responses = json.RootElement.GetProperty("responses").EnumerateArray().ToList();
        Assert.Equal(8, responses.Count);
        Assert.False(responses[1].TryGetProperty("personal", out _));
        Assert.Equal("Resident", responses[1].GetProperty("answers")[0].GetString());
        Assert.True(responses[7].GetProperty("late").GetBoolean());

        using var personal = JsonDocument.Parse(await client.GetStringAsync($"/staff/consultations/{c.Id}/responses.json?personal=true"));
        Assert.Equal("r2@example.org", personal.RootElement.GetProperty("responses")[1].GetProperty("personal").GetProperty("email").GetString());
    }

    [Fact]
    public async Task A_provider_account_cannot_download_the_responses()
    {
        var c = await HandCountedAsync(factory);
        var client = factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(client, TestAccounts.CareHomeProvider);
        var response = await client.GetAsync($"/staff/consultations/{c.Id}/responses.csv?personal=true");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }
}
