using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Engagement.Domain.Common;
using Engagement.Domain.Consultations;
using Engagement.Domain.Events;
using Engagement.Infrastructure.Security;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.Web.Features.Consultations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Engagement.IntegrationTests.Consultations.StaffConsultationsSupport;

namespace Engagement.IntegrationTests.Consultations;

/// <summary>The commissioner's consultation pages over HTTP: the whole walk, validation, the clocks changing, stale edits.</summary>
public sealed class StaffConsultationTests(EngagementFactory factory) : IClassFixture<EngagementFactory>
{
    private static string Date(DateTime ukLocal) => ukLocal.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Dictionary<string, string> Form(string title, DateTime opensUk, DateTime closesUk, string summary = "We want to know how people are told about extra care housing.") => new()
    {
        ["Input.Title"] = title,
        ["Input.Summary"] = summary,
        ["Input.BackgroundMarkdown"] = "## Why we ask\n\nRead [the review](https://example.org/review.pdf).",
        ["Input.OtherWaysToAnswer"] = "Phone 01225 000000 or ask for a paper copy.",
        ["Input.Section"] = "ExtraCareHousing",
        ["Input.Audience"] = "Everyone",
        ["Input.OpensDate"] = Date(opensUk),
        ["Input.OpensTime"] = opensUk.ToString("HH:mm", CultureInfo.InvariantCulture),
        ["Input.ClosesDate"] = Date(closesUk),
        ["Input.ClosesTime"] = closesUk.ToString("HH:mm", CultureInfo.InvariantCulture),
        ["Input.Priorities"] = "10",
    };

    private async Task<int> CreateThroughFormAsync(HttpClient client, Dictionary<string, string> values)
    {
        var (_, form) = await Html.GetAsync(client, "/staff/consultations/new");
        var response = await Html.SubmitAsync(client, form, values);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return IdFrom(response.Headers.Location);
    }

    private static async Task<HttpResponseMessage> AddQuestionAsync(HttpClient client, int id, Dictionary<string, string> values)
    {
        var (_, form) = await Html.GetAsync(client, $"/staff/consultations/{id}/questions/new");
        return await Html.SubmitAsync(client, form, values);
    }

    [Fact]
    public async Task A_commissioner_creates_a_consultation_with_every_question_type_previews_publishes_enters_a_response_closes_early_and_extends()
    {
        var client = await CommissionerAsync(factory);
        var nowUk = UkTime.FromUtc(DateTime.UtcNow);
        var id = await CreateThroughFormAsync(client, Form("Telling people about extra care housing", nowUk.Date.AddDays(-1).AddHours(9), nowUk.Date.AddDays(30).AddHours(23).AddMinutes(59)));

        var (_, details) = await Html.GetAsync(client, $"/staff/consultations/{id}");
        Assert.Equal("Telling people about extra care housing", details.QuerySelector("#title").Text());
        Assert.Equal("Draft", details.QuerySelector("#phase [data-phase]").Text());
        Assert.Equal("Why we ask", details.QuerySelector("#background h2").Text());
        Assert.Contains("10.", details.QuerySelector("#priorities").Text());

        // Every kind of question: two on page 1, one on page 2, two on page 3.
        var questions = new[]
        {
            new Dictionary<string, string> { ["Input.Kind"] = "OneChoice", ["Input.Text"] = "Which best describes you?", ["Input.Options"] = "I draw on care\nI am a carer\nI work for a provider", ["Input.Required"] = "true", ["Input.AboutYou"] = "true" },
            new Dictionary<string, string> { ["Input.Kind"] = "ShortText", ["Input.Text"] = "Where do you live?", ["Input.Hint"] = "Your town or village", ["Input.MaxLength"] = "100", ["Input.Required"] = "false" },
            new Dictionary<string, string> { ["Input.Kind"] = "SeveralChoices", ["Input.Text"] = "How did you hear about extra care housing?", ["Input.Options"] = "A social worker\nA leaflet\nA friend", ["Input.AllowOther"] = "true", ["Input.PageNumber"] = "2", ["Input.Required"] = "false" },
            new Dictionary<string, string> { ["Input.Kind"] = "RatingScale", ["Input.Text"] = "How well were you told?", ["Input.Options"] = "Very poorly\nPoorly\nAdequately\nWell\nVery well", ["Input.Required"] = "true", ["Input.PageNumber"] = "3" },
            new Dictionary<string, string> { ["Input.Kind"] = "LongText", ["Input.Text"] = "What should we do differently?", ["Input.MaxLength"] = "500", ["Input.PageNumber"] = "3", ["Input.Required"] = "false" },
        };
        foreach (var question in questions)
        {
            var added = await AddQuestionAsync(client, id, question);
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        var saved = await QuestionsAsync(factory, id);
        Assert.Equal([QuestionKind.OneChoice, QuestionKind.ShortText, QuestionKind.SeveralChoices, QuestionKind.RatingScale, QuestionKind.LongText], saved.Select(q => q.Kind));
        Assert.Equal([1, 1, 2, 3, 3], saved.Select(q => q.PageNumber));
        Assert.True(saved[0].IsAboutYou);
        Assert.Equal([true, false, false, true, false], saved.Select(q => q.IsRequired));
        Assert.True(saved[2].AllowOther);
        Assert.Equal(["Very poorly", "Poorly", "Adequately", "Well", "Very well"], saved[3].Options.Select(o => o.Label));
        Assert.Equal(500, saved[4].MaxLength);

        // Reorder within page 3: the long text question moves up.
        (_, details) = await Html.GetAsync(client, $"/staff/consultations/{id}");
        var moveUp = details.QuerySelectorAll("form").First(f => f.QuerySelector($"input[name=questionId][value='{saved[4].Id}']") is not null && f.QuerySelector("input[name=direction][value=up]") is not null);
        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitAsync(client, (IHtmlFormElement)moveUp, [])).StatusCode);
        Assert.Equal([saved[4].Id, saved[3].Id], (await QuestionsAsync(factory, id)).Where(q => q.PageNumber == 3).Select(q => q.Id));

        // Preview: page by page, exactly the public fields, a banner, nothing to send.
        var (_, preview1) = await Html.GetAsync(client, $"/staff/consultations/{id}/preview");
        Assert.Contains("Nothing you enter here is saved", preview1.QuerySelector("#preview-banner").Text());
        Assert.Null(preview1.QuerySelector("main form"));
        Assert.True(preview1.QuerySelector<IHtmlButtonElement>("#preview-continue")!.IsDisabled);
        Assert.Equal([saved[0].FieldName, saved[1].FieldName], preview1.QuerySelectorAll("#preview-questions [data-question]").Select(e => "q" + e.GetAttribute("data-question")));
        Assert.Equal(3, preview1.QuerySelectorAll($"input[type=radio][name={saved[0].FieldName}]").Length);
        Assert.Null(preview1.QuerySelector("#preview-questions h1"));
        var (_, preview2) = await Html.GetAsync(client, $"/staff/consultations/{id}/preview?page=2");
        Assert.Equal("How did you hear about extra care housing? (optional)", preview2.QuerySelector("#preview-questions h1.govuk-fieldset__heading").Text());
        Assert.Equal(4, preview2.QuerySelectorAll($"input[type=checkbox][name={saved[2].FieldName}]").Length);
        Assert.NotNull(preview2.QuerySelector($"input[name={saved[2].OtherFieldName}]"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/staff/consultations/{id}/preview?page=4")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/staff/consultations/{id}/preview?page=two")).StatusCode);
        var (_, preview3) = await Html.GetAsync(client, $"/staff/consultations/{id}/preview?page=3");
        Assert.Equal([saved[4].FieldName, saved[3].FieldName], preview3.QuerySelectorAll("#preview-questions [data-question]").Select(e => "q" + e.GetAttribute("data-question")));
        Assert.Equal(0, await CountResponsesAsync(id));

        // Publish, after the confirmation.
        var (_, confirm) = await Html.GetAsync(client, $"/staff/consultations/{id}/publish");
        Assert.Contains("Are you sure", confirm.QuerySelector("h1").Text());
        var (_, published) = await Html.SubmitAndFollowAsync(client, confirm, [], "main form");
        Assert.Equal("Open", published.QuerySelector("#phase [data-phase]").Text());
        Assert.Contains("Consultation published", published.QuerySelector("main").Text());

        // Enter a response received by phone: all questions on one page, through the one submit handler.
        var (_, entry) = await Html.GetAsync(client, $"/staff/consultations/{id}/responses/new");
        Assert.Equal(5, entry.QuerySelectorAll("form [data-question]").Length);
        var answers = new List<KeyValuePair<string, string>>
        {
            new("Input.Channel", "Phone"),
            new(saved[0].FieldName, Id(saved[0].Options[1].Id)),
            new(saved[1].FieldName, "Keynsham"),
            new(saved[2].FieldName, Id(saved[2].Options[0].Id)),
            new(saved[2].FieldName, "other"),
            new(saved[2].OtherFieldName, "The radio"),
            new(saved[3].FieldName, Id(saved[3].Options[3].Id)),
            new(saved[4].FieldName, "Tell people sooner."),
        };
        var entered = await Html.SubmitAsync(client, entry.QuerySelector<IHtmlFormElement>("main form")!, answers);
        Assert.Equal(HttpStatusCode.Redirect, entered.StatusCode);
        var (_, confirmation) = await Html.GetAsync(client, entered.Headers.Location!.OriginalString);
        var reference = confirmation.QuerySelector("#reference").Text();
        Assert.Matches(@"^CR-\d{4}-\d{4}$", reference);

        var commissionerId = await CommissionerIdAsync(factory);
        await using (var db = factory.CreateDbContext())
        {
            var response = await db.ConsultationResponses.AsNoTracking().Include(r => r.Answers).SingleAsync(r => r.Reference == reference);
            Assert.Equal(ResponseChannel.Phone, response.Channel);
            Assert.Equal(commissionerId, response.EnteredByUserId);
            Assert.False(response.IsLate);
            Assert.Equal(6, response.Answers.Count);
            Assert.Contains(response.Answers, a => a.QuestionId == saved[2].Id && a.OptionId == null && a.Text == "The radio");
            Assert.True(await db.AuditRecords.AnyAsync(a => a.Action == ConsultationAudit.Published && a.EntityId == Id(id) && a.ActorUserId == commissionerId));
        }

        var (_, list) = await Html.GetAsync(client, $"/staff/consultations/{id}/responses");
        Assert.Contains(reference, list.QuerySelector("#responses").Text());
        Assert.Contains("Phone", list.QuerySelector("#responses").Text());
        var (_, one) = await Html.GetAsync(client, list.QuerySelector<IHtmlAnchorElement>("#responses a")!.PathName);
        Assert.Contains("Other: The radio", one.QuerySelector("#answers").Text());
        Assert.Contains("Well", one.QuerySelector("#answers").Text());

        // After answers: questions can no longer be removed (no button).
        (_, details) = await Html.GetAsync(client, $"/staff/consultations/{id}");
        Assert.NotNull(details.QuerySelector("#answered-notice"));
        Assert.Empty(details.QuerySelectorAll("form[action*='RemoveQuestion']"));

        // Close early, with a reason shown publicly.
        var (_, closed) = await Html.SubmitAndFollowAsync(client, details, new() { ["CloseEarly.Reason"] = "We have heard enough to decide." }, "#close-early-form");
        Assert.Equal("Closed", closed.QuerySelector("#phase [data-phase]").Text());
        Assert.Contains("We have heard enough to decide.", closed.QuerySelector("#date-changes").Text());

        // A response entered after closing is recorded as late and left out until a commissioner counts it.
        (_, entry) = await Html.GetAsync(client, $"/staff/consultations/{id}/responses/new");
        Assert.NotNull(entry.QuerySelector("#late-warning"));
        var late = await Html.SubmitAsync(client, entry.QuerySelector<IHtmlFormElement>("main form")!,
            [new("Input.Channel", "Paper"), new(saved[0].FieldName, Id(saved[0].Options[0].Id)), new(saved[3].FieldName, Id(saved[3].Options[0].Id))]);
        Assert.Equal(HttpStatusCode.Redirect, late.StatusCode);
        var (_, lateConfirmation) = await Html.GetAsync(client, late.Headers.Location!.OriginalString);
        Assert.NotNull(lateConfirmation.QuerySelector("#late"));
        var lateReference = lateConfirmation.QuerySelector("#reference").Text();
        int lateId;
        await using (var db = factory.CreateDbContext())
        {
            var response = await db.ConsultationResponses.AsNoTracking().SingleAsync(r => r.Reference == lateReference);
            Assert.True(response.IsLate);
            Assert.False(response.IncludeInAnalysis);
            lateId = response.Id;
        }

        var (_, latePage) = await Html.GetAsync(client, $"/staff/consultations/{id}/responses/{lateId}");
        var (_, counted) = await Html.SubmitAndFollowAsync(client, latePage, [], "#count-form");
        Assert.Contains("counted in the figures", counted.QuerySelector("#late").Text());
        await using (var db = factory.CreateDbContext())
        {
            Assert.True(await db.ConsultationResponses.Where(r => r.Id == lateId).Select(r => r.IncludeInAnalysis).SingleAsync());
        }

        // Extend (reopen) to a new closing date, with a reason.
        var newClose = nowUk.Date.AddDays(40).AddHours(17);
        (_, details) = await Html.GetAsync(client, $"/staff/consultations/{id}");
        var (_, extended) = await Html.SubmitAndFollowAsync(client, details, new()
        {
            ["Extend.ClosesDate"] = Date(newClose),
            ["Extend.ClosesTime"] = "17:00",
            ["Extend.Reason"] = "More time for people who answer on paper.",
        }, "#extend-form");
        Assert.Equal("Open", extended.QuerySelector("#phase [data-phase]").Text());
        await using (var db = factory.CreateDbContext())
        {
            var consultation = await db.Consultations.AsNoTracking().Include(c => c.DateChanges).SingleAsync(c => c.Id == id);
            Assert.Equal(UkTime.ToUtc(newClose), consultation.ClosesAt);
            Assert.Equal(2, consultation.DateChanges.Count);
            Assert.Contains(consultation.DateChanges, d => d.IsExtension && d.Reason == "More time for people who answer on paper.");
            var actions = await db.AuditRecords.AsNoTracking().Where(a => a.EntityType == nameof(Consultation) && a.EntityId == Id(id)).Select(a => a.Action).ToListAsync();
            Assert.Contains(ConsultationAudit.Created, actions);
            Assert.Contains(ConsultationAudit.ClosedEarly, actions);
            Assert.Contains(ConsultationAudit.Extended, actions);
        }

        var (_, index) = await Html.GetAsync(client, "/staff/consultations");
        var row = index.QuerySelector($"tr[data-consultation='{id}']")!;
        Assert.Equal("2", row.QuerySelector("[data-count=responses]").Text());
        Assert.Equal("1", row.QuerySelector("[data-count=late]").Text());
        var (_, home) = await Html.GetAsync(client, "/staff");
        Assert.NotNull(home.QuerySelector("a[href='/staff/consultations']"));
    }

    private async Task<int> CountResponsesAsync(int id)
    {
        await using var db = factory.CreateDbContext();
        return await db.ConsultationResponses.CountAsync(r => r.ConsultationId == id);
    }

    [Fact]
    public async Task Validation_errors_follow_the_GOV_UK_pattern_keep_the_answers_and_save_nothing()
    {
        var client = await CommissionerAsync(factory);
        var (_, form) = await Html.GetAsync(client, "/staff/consultations/new");
        var values = Form("", new DateTime(2027, 6, 10, 9, 0, 0), new DateTime(2027, 6, 1, 9, 0, 0), summary: "Kept summary 7f3a");
        values.Remove("Input.Audience");
        values["Input.OpensTime"] = "";
        var response = await Html.SubmitAsync(client, form, values);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.StartsWith("Error: ", page.Title);
        var errors = Html.ErrorSummary(page);
        Assert.Contains("Enter a title", errors);
        Assert.Contains("Select who the consultation is for", errors);
        Assert.Contains("Enter the time it opens, like 09:00", errors);
        Assert.Equal("#Input_Title", page.QuerySelector(".govuk-error-summary__list a")!.GetAttribute("href"));
        Assert.Equal("Kept summary 7f3a", page.QuerySelector<IHtmlTextAreaElement>("#Input_Summary")!.Value);
        Assert.Equal("2027-06-01", page.QuerySelector<IHtmlInputElement>("#Input_ClosesDate")!.Value);
        Html.AssertErrorsDescribeTheirFields(page);

        // Closing before opening: the domain's rule beside the closing date.
        values = Form("Dates the wrong way round", new DateTime(2027, 6, 10, 9, 0, 0), new DateTime(2027, 6, 1, 9, 0, 0), summary: "Kept summary 7f3a");
        page = await Html.ParseAsync(await Html.SubmitAsync(client, form, values));
        Assert.Contains("The closing date must be after the opening date", Html.ErrorSummary(page));
        Assert.NotNull(page.QuerySelector("#Input_ClosesDate-error"));
        await using (var db = factory.CreateDbContext())
        {
            Assert.False(await db.Consultations.AnyAsync(c => c.Summary == "Kept summary 7f3a"));
        }

        // A question with too few choices: refused, text kept, nothing added.
        var id = await CreateAsync(factory, publish: false);
        var (_, questionForm) = await Html.GetAsync(client, $"/staff/consultations/{id}/questions/new");
        var refused = await Html.SubmitAsync(client, questionForm, new Dictionary<string, string> { ["Input.Kind"] = "OneChoice", ["Input.Text"] = "Only one way?", ["Input.Options"] = "Yes", ["Input.MaxLength"] = "lots" });
        var questionPage = await Html.ParseAsync(refused);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Enter the character limit as a number, like 500", Html.ErrorSummary(questionPage));
        refused = await Html.SubmitAsync(client, questionForm, new Dictionary<string, string> { ["Input.Kind"] = "OneChoice", ["Input.Text"] = "Only one way?", ["Input.Options"] = "Yes", ["Input.AboutYou"] = "true" });
        questionPage = await Html.ParseAsync(refused);
        Assert.Contains("Enter at least 2 choices, one per line", Html.ErrorSummary(questionPage));
        Assert.Equal("Only one way?", questionPage.QuerySelector<IHtmlInputElement>("#Input_Text")!.Value);
        Assert.Equal("Yes", questionPage.QuerySelector<IHtmlTextAreaElement>("#Input_Options")!.Value);
        Assert.True(questionPage.QuerySelector<IHtmlInputElement>("#Input_AboutYou")!.IsChecked);
        Html.AssertErrorsDescribeTheirFields(questionPage);
        var aboutYou = await Html.SubmitAsync(client, questionForm, new Dictionary<string, string> { ["Input.Kind"] = "SeveralChoices", ["Input.Text"] = "Your roles", ["Input.Options"] = "A\nB", ["Input.AboutYou"] = "true" });
        Assert.Contains("An \"about you\" question must be a one-choice question, so answers can be split by it", Html.ErrorSummary(await Html.ParseAsync(aboutYou)));
        Assert.Equal(2, (await QuestionsAsync(factory, id)).Count);

        // Staff entry: a required question unanswered and no channel; the other answers are kept and nothing is saved.
        var required = await CreateAsync(factory, questions:
        [
            Question(QuestionKind.OneChoice, "Do you agree?", "Yes", "No") with { Required = true },
            Question(QuestionKind.LongText, "Why?"),
        ]);
        var saved = await QuestionsAsync(factory, required);
        var (_, entry) = await Html.GetAsync(client, $"/staff/consultations/{required}/responses/new");
        var entered = await Html.SubmitAsync(client, entry.QuerySelector<IHtmlFormElement>("main form")!, [new(saved[1].FieldName, "Because it matters 51c2")]);
        var entryPage = await Html.ParseAsync(entered);
        Assert.Equal(HttpStatusCode.OK, entered.StatusCode);
        var entryErrors = Html.ErrorSummary(entryPage);
        Assert.Contains("Select how the response reached us", entryErrors);
        Assert.Contains("Select an answer to \"Do you agree\"", entryErrors);
        Assert.Contains($"#{saved[0].FieldName}", entryPage.QuerySelectorAll(".govuk-error-summary__list a").Select(a => a.GetAttribute("href")));
        Assert.Equal("Because it matters 51c2", entryPage.QuerySelector<IHtmlTextAreaElement>($"#{saved[1].FieldName}")!.Value);
        Html.AssertErrorsDescribeTheirFields(entryPage);
        Assert.Equal(0, await CountResponsesAsync(required));
    }

    [Fact]
    public async Task Once_people_have_answered_questions_cannot_be_removed_or_their_choices_changed_only_reworded()
    {
        var client = await CommissionerAsync(factory);
        var id = await CreateAsync(factory);
        var questions = await QuestionsAsync(factory, id);
        var choice = questions[0];
        Assert.True((await RespondAsync(factory, id, new() { [choice.FieldName] = [Id(choice.Options[0].Id)] })).Succeeded);

        var (_, form) = await Html.GetAsync(client, $"/staff/consultations/{id}/questions/{choice.Id}");
        Assert.NotNull(form.QuerySelector("#wording-only"));
        Assert.Null(form.QuerySelector("input[type=radio][name='Input.Kind']"));

        // Another choice: refused with a clear message, nothing changed.
        var added = await Html.SubmitAsync(client, form, new Dictionary<string, string> { ["Input.Options"] = "Yes\nNo\nNot sure" });
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Contains("People have answered: choices cannot be added or removed now, only reworded", Html.ErrorSummary(await Html.ParseAsync(added)));

        // A different kind, posted by hand: refused.
        var kind = await Html.SubmitAsync(client, form, new Dictionary<string, string> { ["Input.Kind"] = "SeveralChoices" });
        Assert.Contains("People have answered: only the wording can change now, so their answers keep their meaning", Html.ErrorSummary(await Html.ParseAsync(kind)));

        // Removing it, posted by hand (the page offers no button): refused.
        var (_, details) = await Html.GetAsync(client, $"/staff/consultations/{id}");
        var remove = await client.PostAsync($"/staff/consultations/{id}?handler=RemoveQuestion", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Html.AntiforgeryToken(details),
            ["Version"] = details.QuerySelector<IHtmlInputElement>("input[name=Version]")!.Value,
            ["questionId"] = Id(choice.Id),
        }));
        Assert.Equal(HttpStatusCode.OK, remove.StatusCode);
        Assert.Contains("People have answered: a question cannot be removed now, so their answers keep their meaning", Html.ErrorSummary(await Html.ParseAsync(remove)));

        var unchanged = await QuestionsAsync(factory, id);
        Assert.Equal(2, unchanged.Count);
        Assert.Equal(QuestionKind.OneChoice, unchanged[0].Kind);
        Assert.Equal(["Yes", "No"], unchanged[0].Options.Select(o => o.Label));

        // The wording can be mended: the same options, reworded one for one, keep their ids (and so the answers).
        var reworded = await Html.SubmitAsync(client, form, new Dictionary<string, string> { ["Input.Text"] = "Do you agree with the plan?", ["Input.Options"] = "Yes, I agree\nNo, I do not" });
        Assert.Equal(HttpStatusCode.Redirect, reworded.StatusCode);
        var after = (await QuestionsAsync(factory, id))[0];
        Assert.Equal("Do you agree with the plan?", after.Text);
        Assert.Equal(["Yes, I agree", "No, I do not"], after.Options.Select(o => o.Label));
        Assert.Equal(choice.Options.Select(o => o.Id), after.Options.Select(o => o.Id));
    }

    [Fact]
    public async Task Before_anyone_answers_a_question_can_be_removed_and_moved()
    {
        var client = await CommissionerAsync(factory);
        var id = await CreateAsync(factory, questions: [Question(QuestionKind.ShortText, "First"), Question(QuestionKind.ShortText, "Second"), Question(QuestionKind.ShortText, "Third")], publish: false);
        var questions = await QuestionsAsync(factory, id);
        var (_, details) = await Html.GetAsync(client, $"/staff/consultations/{id}");
        var remove = details.QuerySelectorAll("form[action*='RemoveQuestion']").First(f => f.QuerySelector($"input[name=questionId][value='{questions[1].Id}']") is not null);
        var (_, after) = await Html.SubmitAndFollowAsync(client, details, [], $"form[action*='RemoveQuestion']:has(input[value='{questions[1].Id}'])");
        Assert.NotNull(remove);
        Assert.Contains("Question removed", after.QuerySelector("main").Text());
        Assert.Equal(["First", "Third"], (await QuestionsAsync(factory, id)).Select(q => q.Text));

        var (_, moved) = await Html.SubmitAndFollowAsync(client, after, [], $"form[action*='MoveQuestion']:has(input[value='{questions[0].Id}'])");
        Assert.Contains("Question moved down", moved.QuerySelector("main").Text());
        Assert.Equal(["Third", "First"], (await QuestionsAsync(factory, id)).Select(q => q.Text));
    }

    [Fact]
    public async Task Opening_and_closing_times_entered_across_the_clocks_changing_are_stored_in_UTC()
    {
        var client = await CommissionerAsync(factory);

        // 01:30 on the last Sunday of March does not exist in the UK.
        var (_, form) = await Html.GetAsync(client, "/staff/consultations/new");
        var skipped = await Html.SubmitAsync(client, form, Form("Skipped time", new DateTime(2027, 3, 28, 1, 30, 0), new DateTime(2027, 4, 30, 12, 0, 0)));
        var skippedPage = await Html.ParseAsync(skipped);
        Assert.Equal(HttpStatusCode.OK, skipped.StatusCode);
        Assert.Equal(["That time does not exist in the UK on that day because the clocks go forward. Choose another time"], Html.ErrorSummary(skippedPage));
        Assert.Equal("#Input_OpensTime", skippedPage.QuerySelector(".govuk-error-summary__list a")!.GetAttribute("href"));

        // Opens on the Saturday before the clocks go forward (GMT) and closes the Sunday after (BST).
        var spring = await CreateThroughFormAsync(client, Form("Across March", new DateTime(2027, 3, 27, 12, 0, 0), new DateTime(2027, 3, 28, 12, 0, 0)));

        // Opens the Saturday before the clocks go back (BST); closes at 01:30 on the Sunday, which happens twice: read as GMT.
        var autumn = await CreateThroughFormAsync(client, Form("Across October", new DateTime(2027, 10, 30, 12, 0, 0), new DateTime(2027, 10, 31, 1, 30, 0)));

        await using (var db = factory.CreateDbContext())
        {
            var s = await db.Consultations.AsNoTracking().SingleAsync(c => c.Id == spring);
            Assert.Equal(new DateTime(2027, 3, 27, 12, 0, 0, DateTimeKind.Utc), s.OpensAt);
            Assert.Equal(new DateTime(2027, 3, 28, 11, 0, 0, DateTimeKind.Utc), s.ClosesAt);
            var a = await db.Consultations.AsNoTracking().SingleAsync(c => c.Id == autumn);
            Assert.Equal(new DateTime(2027, 10, 30, 11, 0, 0, DateTimeKind.Utc), a.OpensAt);
            Assert.Equal(new DateTime(2027, 10, 31, 1, 30, 0, DateTimeKind.Utc), a.ClosesAt);
        }

        // Shown and edited again in UK time.
        var (_, details) = await Html.GetAsync(client, $"/staff/consultations/{spring}");
        Assert.Equal("midday on Sunday 28 March 2027", details.QuerySelector("#closes").Text());
        var (_, edit) = await Html.GetAsync(client, $"/staff/consultations/{spring}/edit");
        Assert.Equal("2027-03-28", edit.QuerySelector<IHtmlInputElement>("#Input_ClosesDate")!.Value);
        Assert.Equal("12:00", edit.QuerySelector<IHtmlInputElement>("#Input_ClosesTime")!.Value);

        // Extending into a skipped time is refused the same way.
        var open = await CreateAsync(factory, Details(closesAt: DateTime.UtcNow.AddDays(5)));
        (_, details) = await Html.GetAsync(client, $"/staff/consultations/{open}");
        var response = await Html.SubmitAsync(client, details, new Dictionary<string, string>
        {
            ["Extend.ClosesDate"] = "2099-03-29",
            ["Extend.ClosesTime"] = "01:30",
            ["Extend.Reason"] = "Clocks",
        }, "#extend-form");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("That time does not exist in the UK on that day because the clocks go forward. Choose another time", Html.ErrorSummary(await Html.ParseAsync(response)));
    }

    [Fact]
    public async Task A_stale_edit_is_refused_with_a_message_and_nothing_is_overwritten()
    {
        var first = await CommissionerAsync(factory);
        var second = await CommissionerAsync(factory);
        var id = await CreateAsync(factory, Details(title: "Before anyone edits"), publish: false);
        var (_, firstForm) = await Html.GetAsync(first, $"/staff/consultations/{id}/edit");
        var (_, secondForm) = await Html.GetAsync(second, $"/staff/consultations/{id}/edit");

        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitAsync(first, firstForm, new Dictionary<string, string> { ["Input.Title"] = "The first edit" })).StatusCode);
        var stale = await Html.SubmitAsync(second, secondForm, new Dictionary<string, string> { ["Input.Title"] = "The stale edit", ["Input.Summary"] = "Stale summary" });

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var page = await Html.ParseAsync(stale);
        Assert.Contains(SaveConsultationHandler.ConflictMessage, Html.ErrorSummary(page));
        Assert.Equal("The stale edit", page.QuerySelector<IHtmlInputElement>("#Input_Title")!.Value);
        await using var db = factory.CreateDbContext();
        var saved = await db.Consultations.AsNoTracking().SingleAsync(c => c.Id == id);
        Assert.Equal("The first edit", saved.Title);
        Assert.Equal("A test.", saved.Summary);
    }

    [Fact]
    public async Task A_published_consultation_can_be_reworded_but_its_dates_move_only_by_closing_early_or_extending()
    {
        var client = await CommissionerAsync(factory);
        var id = await CreateAsync(factory);
        var (_, details) = await Html.GetAsync(client, $"/staff/consultations/{id}");
        await Html.SubmitAndFollowAsync(client, details, new() { ["CloseEarly.Reason"] = "Enough answers." }, "#close-early-form");
        DateTime closesAt;
        await using (var db = factory.CreateDbContext())
        {
            closesAt = await db.Consultations.Where(c => c.Id == id).Select(c => c.ClosesAt).SingleAsync();
        }

        var (_, edit) = await Html.GetAsync(client, $"/staff/consultations/{id}/edit");
        Assert.NotNull(edit.QuerySelector("#dates-locked"));
        Assert.Null(edit.QuerySelector("#Input_ClosesDate"));
        var saved = await Html.SubmitAsync(client, edit, new Dictionary<string, string> { ["Input.Title"] = "Reworded after closing", ["Input.ClosesDate"] = "2099-01-01", ["Input.ClosesTime"] = "12:00" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using (var db = factory.CreateDbContext())
        {
            var consultation = await db.Consultations.AsNoTracking().SingleAsync(c => c.Id == id);
            Assert.Equal("Reworded after closing", consultation.Title);
            Assert.Equal(closesAt, consultation.ClosesAt);
            Assert.True(await db.AuditRecords.AnyAsync(a => a.Action == ConsultationAudit.Updated && a.EntityId == Id(id)));
        }
    }

    [Fact]
    public async Task Providers_and_anonymous_people_cannot_reach_the_staff_consultation_pages()
    {
        var id = await CreateAsync(factory);
        var provider = factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(provider, TestAccounts.HomeCareProvider);
        foreach (var url in new[] { "/staff/consultations", $"/staff/consultations/{id}", $"/staff/consultations/{id}/responses", $"/staff/consultations/{id}/preview" })
        {
            var asProvider = await provider.GetAsync(url);
            Assert.Contains("/account/access-denied", asProvider.Headers.Location?.OriginalString ?? ((int)asProvider.StatusCode).ToString(CultureInfo.InvariantCulture), StringComparison.OrdinalIgnoreCase);
            var anonymous = await factory.CreateBrowserClient().GetAsync(url);
            Assert.Contains("/account/login", anonymous.Headers.Location?.OriginalString ?? "", StringComparison.OrdinalIgnoreCase);
        }
    }
}


/// <summary>Set-up for the staff consultation tests: consultations, questions and responses through the real handlers.</summary>
public static class StaffConsultationsSupport
{
    public static async Task<HttpClient> CommissionerAsync(EngagementFactory factory)
    {
        var client = factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(client, TestAccounts.Commissioner);
        return client;
    }

    public static async Task<string> CommissionerIdAsync(EngagementFactory factory)
    {
        await using var db = factory.CreateDbContext();
        return await db.Users.Where(u => u.Email == TestAccounts.Commissioner).Select(u => u.Id).SingleAsync();
    }

    public static ConsultationDetails Details(string title = "Test consultation", string summary = "A test.", DateTime? opensAt = null, DateTime? closesAt = null,
        string background = "", string otherWays = "", ConsultationAudience audience = ConsultationAudience.Everyone) =>
        new(title, summary, background, otherWays, ServiceSection.ExtraCareHousing, audience,
            opensAt ?? DateTime.UtcNow.AddDays(-1), closesAt ?? DateTime.UtcNow.AddDays(30), [10], []);

    public static QuestionDetails Question(QuestionKind kind, string text, params string[] options) =>
        new(kind, text, null, Required: false, AboutYou: false, AllowOther: false, MaxLength: null, PageNumber: null, options);

    public static async Task<int> CreateAsync(EngagementFactory factory, ConsultationDetails? details = null, IEnumerable<QuestionDetails>? questions = null, bool publish = true)
    {
        using var scope = factory.Services.CreateScope();
        var services = scope.ServiceProvider;
        var created = await services.GetRequiredService<SaveConsultationHandler>().CreateAsync(details ?? Details(), null);
        Assert.True(created.Succeeded, created.Error);
        foreach (var question in questions ?? [Question(QuestionKind.OneChoice, "Do you agree?", "Yes", "No"), Question(QuestionKind.LongText, "Why?")])
        {
            var added = await services.GetRequiredService<ManageQuestionsHandler>().AddAsync(created.Value, question, null);
            Assert.True(added.Succeeded, added.Error);
        }

        if (publish)
        {
            var published = await services.GetRequiredService<ManageConsultationHandler>().PublishAsync(created.Value, "test");
            Assert.True(published.Succeeded, published.Error);
        }

        return created.Value;
    }

    public static async Task<List<ConsultationQuestion>> QuestionsAsync(EngagementFactory factory, int consultationId)
    {
        await using var db = factory.CreateDbContext();
        return (await db.ConsultationQuestions.AsNoTracking().Include(q => q.Options).Where(q => q.ConsultationId == consultationId).ToListAsync())
            .OrderBy(q => q.PageNumber).ThenBy(q => q.Position).ToList();
    }

    public static async Task<DomainResult<ConsultationReceipt>> RespondAsync(EngagementFactory factory, int consultationId, Dictionary<string, string[]> answers, ResponseChannel channel = ResponseChannel.Online)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<SubmitConsultationResponseHandler>().HandleAsync(new SubmitConsultationResponse(
            consultationId, answers, channel, null, false, false, Guid.NewGuid().ToString("N"), SecureToken.Create()));
    }

    public static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The id at the end of a staff address like /staff/consultations/12.</summary>
    public static int IdFrom(Uri? location) => int.Parse(location!.OriginalString.TrimEnd('/').Split('/')[^1], CultureInfo.InvariantCulture);

    /// <summary>Nothing in the page's main content runs: no script, no event handler, no active element.</summary>
    public static void AssertInert(IHtmlDocument page, string url)
    {
        var main = page.QuerySelector("main")!;
        Assert.True(main.QuerySelectorAll("script, iframe, object, embed, img, video, audio, math, form[action^='javascript'], a[href^='javascript' i]").Length == 0, url + " has active content");
        Assert.True(main.QuerySelectorAll("*").All(e => e.Attributes.All(a => !a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase))), url + " has an event handler attribute");
        Assert.True(main.QuerySelectorAll("svg").All(s => s.ClassList.Contains("govuk-button__start-icon")), url + " has an unexpected svg");
    }
}
