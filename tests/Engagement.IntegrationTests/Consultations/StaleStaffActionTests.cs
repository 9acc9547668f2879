using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Engagement.Domain.Consultations;
using Engagement.Domain.Events;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.Web.Features.Consultations;
using Microsoft.EntityFrameworkCore;
using static Engagement.IntegrationTests.Consultations.StaffConsultationsSupport;

namespace Engagement.IntegrationTests.Consultations;

/// <summary>
/// Two commissioners read the same page; one acts; the other's form, posted from the page as it was, is refused with
/// the GOV.UK error summary ("Someone else changed...") and nothing changes. Every staff action on a consultation and
/// on a response carries the version its page was read at.
/// </summary>
public sealed class StaleStaffActionTests(EngagementFactory factory) : IClassFixture<EngagementFactory>
{
    private async Task<Consultation> LoadAsync(int id)
    {
        await using var db = factory.CreateDbContext();
        return await db.Consultations.AsNoTracking().AsSplitQuery().Include(c => c.Questions).Include(c => c.DateChanges).SingleAsync(c => c.Id == id);
    }

    private static async Task<IHtmlDocument> RefusedAsync(HttpResponseMessage response, string message)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.StartsWith("Error: ", page.Title);
        Assert.Contains(message, Html.ErrorSummary(page));
        return page;
    }

    [Fact]
    public async Task After_one_closes_it_early_the_others_stale_extend_and_close_are_refused_and_the_dates_stay()
    {
        var id = await CreateAsync(factory);
        var first = await CommissionerAsync(factory);
        var second = await CommissionerAsync(factory);
        var (_, firstPage) = await Html.GetAsync(first, $"/staff/consultations/{id}");
        var (_, secondPage) = await Html.GetAsync(second, $"/staff/consultations/{id}");

        var closed = await Html.SubmitAsync(first, firstPage, new Dictionary<string, string> { ["CloseEarly.Reason"] = "Enough responses" }, "#close-early-form");
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        var afterClose = await LoadAsync(id);

        var later = UkTime.FromUtc(DateTime.UtcNow).Date.AddDays(60).AddHours(17);
        var staleExtend = await Html.SubmitAsync(second, secondPage, new Dictionary<string, string>
        {
            ["Extend.ClosesDate"] = later.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Extend.ClosesTime"] = "17:00",
            ["Extend.Reason"] = "More time for carers",
        }, "#extend-form");
        var refused = await RefusedAsync(staleExtend, ManageConsultationHandler.StaleMessage);
        Assert.Equal("More time for carers", refused.QuerySelector<IHtmlTextAreaElement>("#Extend_Reason")!.Value); // what they typed is kept

        var staleClose = await Html.SubmitAsync(second, secondPage, new Dictionary<string, string> { ["CloseEarly.Reason"] = "A second reason" }, "#close-early-form");
        await RefusedAsync(staleClose, ManageConsultationHandler.StaleMessage);

        var now = await LoadAsync(id);
        Assert.Equal(afterClose.Version, now.Version);
        Assert.Equal(afterClose.ClosesAt, now.ClosesAt);
        Assert.Equal(["Enough responses"], now.DateChanges.Select(d => d.Reason));

        // Read again, the same extension goes through.
        var (_, fresh) = await Html.GetAsync(second, $"/staff/consultations/{id}");
        var extended = await Html.SubmitAsync(second, fresh, new Dictionary<string, string>
        {
            ["Extend.ClosesDate"] = later.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Extend.ClosesTime"] = "17:00",
            ["Extend.Reason"] = "More time for carers",
        }, "#extend-form");
        Assert.Equal(HttpStatusCode.Redirect, extended.StatusCode);
        Assert.Equal(2, (await LoadAsync(id)).DateChanges.Count);
    }

    [Fact]
    public async Task A_stale_publish_and_stale_question_changes_are_refused_and_nothing_changes()
    {
        var id = await CreateAsync(factory, publish: false);
        var first = await CommissionerAsync(factory);
        var second = await CommissionerAsync(factory);
        var before = await LoadAsync(id);
        var (q1, q2) = (before.Questions.OrderBy(q => q.Position).First(), before.Questions.OrderBy(q => q.Position).Last());

        // The question's wording: both open the change form, the first saves, the second's save is refused and kept.
        var (_, firstQuestion) = await Html.GetAsync(first, $"/staff/consultations/{id}/questions/{q1.Id}");
        var (_, secondQuestion) = await Html.GetAsync(second, $"/staff/consultations/{id}/questions/{q1.Id}");
        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitAsync(first, firstQuestion, new Dictionary<string, string> { ["Input.Text"] = "Do you agree with the plan?" })).StatusCode);
        var staleQuestion = await Html.SubmitAsync(second, secondQuestion, new Dictionary<string, string> { ["Input.Text"] = "Do you support it?" });
        var refused = await RefusedAsync(staleQuestion, SaveConsultationHandler.ConflictMessage);
        Assert.Equal("Do you support it?", refused.QuerySelector<IHtmlInputElement>("#Input_Text")?.Value ?? refused.QuerySelector<IHtmlTextAreaElement>("#Input_Text")!.Value);
        Assert.Equal("Do you agree with the plan?", (await LoadAsync(id)).Questions.Single(q => q.Id == q1.Id).Text);

        // Reordering and removing from the consultation's page.
        var (_, firstDetails) = await Html.GetAsync(first, $"/staff/consultations/{id}");
        var (_, secondDetails) = await Html.GetAsync(second, $"/staff/consultations/{id}");
        var moveUp = firstDetails.QuerySelectorAll<IHtmlFormElement>("form").Single(f => f.QuerySelector<IHtmlInputElement>("input[name=direction]")?.Value == "up");
        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitAsync(first, moveUp, [])).StatusCode);
        var moved = await LoadAsync(id);
        var remove = secondDetails.QuerySelectorAll<IHtmlFormElement>("form[action*='RemoveQuestion']")
            .Single(f => f.QuerySelector<IHtmlInputElement>("input[name=questionId]")!.Value == q1.Id.ToString(CultureInfo.InvariantCulture));
        await RefusedAsync(await Html.SubmitAsync(second, remove, []), ManageConsultationHandler.StaleMessage);
        var afterRemove = await LoadAsync(id);
        Assert.Equal(moved.Version, afterRemove.Version);
        Assert.Equal([q2.Id, q1.Id], afterRemove.Questions.OrderBy(q => q.Position).Select(q => q.Id));

        // Publishing: both open the confirmation, the first publishes, the second's confirmation is refused.
        var (_, firstPublish) = await Html.GetAsync(first, $"/staff/consultations/{id}/publish");
        var (_, secondPublish) = await Html.GetAsync(second, $"/staff/consultations/{id}/publish");
        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitAsync(first, firstPublish, new Dictionary<string, string>())).StatusCode);
        var published = await LoadAsync(id);
        await RefusedAsync(await Html.SubmitAsync(second, secondPublish, new Dictionary<string, string>()), ManageConsultationHandler.StaleMessage);
        Assert.Equal(published.Version, (await LoadAsync(id)).Version);
        await using var db = factory.CreateDbContext();
        Assert.Equal(1, await db.AuditRecords.CountAsync(a => a.Action == ConsultationAudit.Published && a.EntityId == id.ToString(CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task After_one_counts_a_late_response_in_the_others_stale_count_and_flag_are_refused_and_nothing_changes()
    {
        var c = await AnalysisTestSupport.CreateOpenAsync(factory);
        await AnalysisTestSupport.CloseAsync(factory, c);
        await AnalysisTestSupport.AnswerAsync(factory, c, "Carer", "Poor", []);
        int responseId;
        await using (var db = factory.CreateDbContext())
        {
            var late = await db.ConsultationResponses.AsNoTracking().SingleAsync(r => r.ConsultationId == c.Id);
            Assert.True(late.IsLate);
            Assert.False(late.IncludeInAnalysis);
            responseId = late.Id;
        }

        var first = await CommissionerAsync(factory);
        var second = await CommissionerAsync(factory);
        var url = $"/staff/consultations/{c.Id}/responses/{responseId}";
        var (_, firstPage) = await Html.GetAsync(first, url);
        var (_, secondPage) = await Html.GetAsync(second, url);

        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitAsync(first, firstPage, new Dictionary<string, string>(), "#count-form")).StatusCode);
        ConsultationResponse counted;
        await using (var db = factory.CreateDbContext())
        {
            counted = await db.ConsultationResponses.AsNoTracking().SingleAsync(r => r.Id == responseId);
            Assert.True(counted.IncludeInAnalysis);
        }

        // The second's page still offers "Count it in": posting it again is refused, as is a flag from the same page.
        await RefusedAsync(await Html.SubmitAsync(second, secondPage, new Dictionary<string, string>(), "#count-form"), ResponseVersion.StaleMessage);
        await RefusedAsync(await Html.SubmitAsync(second, secondPage, new Dictionary<string, string> { ["Flag.Flag"] = "Complaint" }, "#flag-form"), ResponseVersion.StaleMessage);

        await using (var db = factory.CreateDbContext())
        {
            var now = await db.ConsultationResponses.AsNoTracking().SingleAsync(r => r.Id == responseId);
            Assert.Equal(counted.Version, now.Version);
            Assert.True(now.IncludeInAnalysis);
            Assert.Equal(ResponseFlag.None, now.Flag);
            Assert.Equal(1, await db.AuditRecords.CountAsync(a => a.Action == ConsultationAudit.ResponseCounted && a.EntityId == responseId.ToString(CultureInfo.InvariantCulture)));
        }

        // Read again, the flag goes through.
        var (_, fresh) = await Html.GetAsync(second, url);
        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitAsync(second, fresh, new Dictionary<string, string> { ["Flag.Flag"] = "Complaint" }, "#flag-form")).StatusCode);
        await using (var db = factory.CreateDbContext())
        {
            Assert.Equal(ResponseFlag.Complaint, (await db.ConsultationResponses.AsNoTracking().SingleAsync(r => r.Id == responseId)).Flag);
        }
    }
}
