using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Engagement.Domain.Consultations;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.Web.Features.Consultations;
using Engagement.Web.Features.Triage;
using Microsoft.EntityFrameworkCore;
using static Engagement.IntegrationTests.Consultations.StaffConsultationsSupport;

namespace Engagement.IntegrationTests.Consultations;

/// <summary>Responses for staff: flags escalated as for feedback, and every hostile string encoded on the staff pages.</summary>
public sealed class StaffConsultationResponseTests(EngagementFactory factory) : IClassFixture<EngagementFactory>
{
    [Fact]
    public async Task A_response_flagged_as_a_safeguarding_concern_is_escalated_like_feedback_and_the_flag_cannot_change()
    {
        var client = await CommissionerAsync(factory);
        var id = await CreateAsync(factory);
        var questions = await QuestionsAsync(factory, id);
        const string sentinel = "Sentinel-b41d: my neighbour is hurting me";
        var receipt = await RespondAsync(factory, id, new() { [questions[1].FieldName] = [sentinel] });
        Assert.True(receipt.Succeeded);
        var responseId = await ResponseIdAsync(receipt.Value!.Reference);
        var url = $"/staff/consultations/{id}/responses/{responseId}";

        var (_, page) = await Html.GetAsync(client, url);
        Assert.NotNull(page.QuerySelector("#possible-safeguarding"));
        Assert.Contains(sentinel, page.QuerySelector("#answers").Text());

        // Nothing chosen: a GOV.UK error, nothing flagged.
        var none = await Html.SubmitAsync(client, page, new Dictionary<string, string>(), "#flag-form");
        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
        Assert.Contains("Select what the response holds", Html.ErrorSummary(await Html.ParseAsync(none)));

        var (_, flagged) = await Html.SubmitAndFollowAsync(client, page, new() { ["Flag.Flag"] = "SafeguardingConcern" }, "#flag-form");
        Assert.Contains("Safeguarding concern", flagged.QuerySelector("#flag").Text());
        Assert.Contains("escalated, never published", flagged.QuerySelector(".govuk-warning-text").Text());
        Assert.Null(flagged.QuerySelector("#flag-form"));

        var commissionerId = await CommissionerIdAsync(factory);
        await using (var db = factory.CreateDbContext())
        {
            var response = await db.ConsultationResponses.AsNoTracking().SingleAsync(r => r.Id == responseId);
            Assert.Equal(ResponseFlag.SafeguardingConcern, response.Flag);
            Assert.Equal(commissionerId, response.FlaggedByUserId);
            var email = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Kind == TriageEmails.SafeguardingKind && m.RelatedId == "consultation-response-" + Id(responseId));
            Assert.Equal("safeguarding@example.gov.uk", email.ToAddress);
            Assert.Contains(receipt.Value.Reference, email.Subject);
            Assert.Contains($"https://localhost{url}", email.TextBody);
            Assert.DoesNotContain("Sentinel-b41d", email.TextBody + email.HtmlBody + email.Subject);
            Assert.True(await db.AuditRecords.AnyAsync(a => a.Action == ConsultationAudit.ResponseSafeguardingFlagged && a.EntityId == Id(responseId) && a.ActorUserId == commissionerId));
        }

        // The flag cannot be changed back, even by a hand-made post.
        var complaint = await client.PostAsync(url + "?handler=Flag", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Html.AntiforgeryToken(flagged),
            ["Version"] = await VersionAsync(responseId),
            ["Flag.Flag"] = "Complaint",
        }));
        Assert.Equal(HttpStatusCode.OK, complaint.StatusCode);
        Assert.Contains("This response is flagged as a safeguarding concern; that flag cannot change", Html.ErrorSummary(await Html.ParseAsync(complaint)));
        await using (var db = factory.CreateDbContext())
        {
            Assert.Equal(ResponseFlag.SafeguardingConcern, (await db.ConsultationResponses.AsNoTracking().SingleAsync(r => r.Id == responseId)).Flag);
        }

        var (_, list) = await Html.GetAsync(client, $"/staff/consultations/{id}/responses");
        Assert.Contains("Safeguarding concern", list.QuerySelector($"tr[data-response='{responseId}']").Text());
    }

    [Fact]
    public async Task A_response_flagged_as_a_complaint_is_recorded_without_a_safeguarding_email_and_only_late_responses_can_be_left_out()
    {
        var client = await CommissionerAsync(factory);
        var id = await CreateAsync(factory);
        var receipt = await RespondAsync(factory, id, []);
        var responseId = await ResponseIdAsync(receipt.Value!.Reference);
        var url = $"/staff/consultations/{id}/responses/{responseId}";
        var (_, page) = await Html.GetAsync(client, url);
        Assert.Null(page.QuerySelector("#count-form"));

        var (_, flagged) = await Html.SubmitAndFollowAsync(client, page, new() { ["Flag.Flag"] = "Complaint" }, "#flag-form");
        Assert.Contains("Complaint", flagged.QuerySelector("#flag").Text());
        var count = await client.PostAsync(url + "?handler=Count", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Html.AntiforgeryToken(flagged),
            ["Version"] = await VersionAsync(responseId),
            ["include"] = "no",
        }));
        Assert.Contains("Only a late response or one sent too quickly can be left out of the figures", Html.ErrorSummary(await Html.ParseAsync(count)));

        await using var db = factory.CreateDbContext();
        var response = await db.ConsultationResponses.AsNoTracking().SingleAsync(r => r.Id == responseId);
        Assert.Equal(ResponseFlag.Complaint, response.Flag);
        Assert.True(response.IncludeInAnalysis);
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.RelatedId == "consultation-response-" + Id(responseId)));
        Assert.True(await db.AuditRecords.AnyAsync(a => a.Action == ConsultationAudit.ResponseFlagged && a.EntityId == Id(responseId)));

        // Another consultation's response is not found through this one.
        var other = await CreateAsync(factory);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/staff/consultations/{other}/responses/{responseId}")).StatusCode);
    }

    [Fact]
    public async Task Every_xss_payload_comes_out_encoded_on_the_staff_consultation_pages()
    {
        var payloads = TestData.All("xss");
        Assert.NotEmpty(payloads);
        var client = await CommissionerAsync(factory);
        static string Cut(string s, int max) => s.Length > max ? s[..max] : s;
        static bool Typeable(string s) => !s.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t');

        foreach (var group in payloads.Chunk(20))
        {
            var options = group.Select(p => Cut(p, ConsultationLimits.OptionMaxLength).Trim()).Where(p => p.Length > 0).DistinctBy(p => p.ToUpperInvariant()).ToArray();
            var questions = group.Select(p => new QuestionDetails(QuestionKind.LongText, Cut(p, ConsultationLimits.QuestionTextMaxLength), Cut(p, ConsultationLimits.HintMaxLength), false, false, false, null, null, []))
                .Where(q => !string.IsNullOrWhiteSpace(q.Text))
                .Append(new QuestionDetails(QuestionKind.SeveralChoices, "Which of these?", null, false, false, true, null, null, options.Length >= 2 ? options : [.. options, "A", "B"]))
                .ToList();
            var id = await CreateAsync(factory, Details(
                title: Cut(group[0], ConsultationLimits.TitleMaxLength),
                summary: Cut(group[^1], ConsultationLimits.SummaryMaxLength),
                background: string.Join("\n\n", group),
                otherWays: Cut(string.Join("\n", group), ConsultationLimits.OtherWaysMaxLength)), questions);
            var saved = await QuestionsAsync(factory, id);
            var answers = saved.Where(q => q.Kind == QuestionKind.LongText).Zip(group.Where(Typeable)).ToDictionary(x => x.First.FieldName, x => new[] { Cut(x.Second, ConsultationLimits.LongTextDefaultMaxLength) });
            var choice = saved.Single(q => q.Kind == QuestionKind.SeveralChoices);
            answers[choice.FieldName] = [Id(choice.Options[0].Id), "other"];
            answers[choice.OtherFieldName] = [Cut(group.First(Typeable), ConsultationLimits.OtherAnswerMaxLength)];
            var receipt = await RespondAsync(factory, id, answers);
            Assert.True(receipt.Succeeded, receipt.Error);
            var responseId = await ResponseIdAsync(receipt.Value!.Reference);

            foreach (var url in new[]
            {
                $"/staff/consultations/{id}", $"/staff/consultations/{id}/edit", $"/staff/consultations/{id}/preview",
                $"/staff/consultations/{id}/questions/{saved[0].Id}", $"/staff/consultations/{id}/responses/new",
                $"/staff/consultations/{id}/responses", $"/staff/consultations/{id}/responses/{responseId}",
            })
            {
                var (response, page) = await Html.GetAsync(client, url);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                AssertInert(page, url);
            }

            var (_, details) = await Html.GetAsync(client, $"/staff/consultations/{id}");
            Assert.Equal(Cut(group[0], ConsultationLimits.TitleMaxLength).Trim(), details.QuerySelector("#title")!.TextContent);
            var (_, one) = await Html.GetAsync(client, $"/staff/consultations/{id}/responses/{responseId}");
            Assert.Contains(answers[saved[0].FieldName][0].Trim().Split('\n')[0], one.QuerySelector("#answers")!.TextContent);
        }

        var (_, list) = await Html.GetAsync(client, "/staff/consultations");
        AssertInert(list, "/staff/consultations");
    }

    /// <summary>The response's current version, as its page would post it (these posts are made by hand).</summary>
    private async Task<string> VersionAsync(int responseId)
    {
        await using var db = factory.CreateDbContext();
        return (await db.ConsultationResponses.AsNoTracking().SingleAsync(r => r.Id == responseId)).Version.ToString();
    }

    private async Task<int> ResponseIdAsync(string reference)
    {
        await using var db = factory.CreateDbContext();
        return await db.ConsultationResponses.Where(r => r.Reference == reference).Select(r => r.Id).SingleAsync();
    }
}
