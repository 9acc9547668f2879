using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Engagement.Domain.Consultations;
using Engagement.Domain.Events;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.Web.Features.Consultations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Engagement.IntegrationTests.Consultations.ConsultationJourneySteps;

namespace Engagement.IntegrationTests.Consultations;

/// <summary>Who may answer and when: audiences, opening and closing across the clocks changing, and late responses.</summary>
public sealed class AnsweringRulesTests(ConsultationsFactory factory) : IClassFixture<ConsultationsFactory>
{
    [Fact]
    public async Task A_care_home_consultation_refuses_the_public_and_a_home_care_provider_and_takes_a_care_home_provider()
    {
        factory.Clock.Reset();
        var c = await factory.AddConsultationAsync("Care home fees", ConsultationAudience.CareHomeProviders);

        var anonymous = factory.CreateBrowserClient();
        var (_, refused) = await Html.GetAsync(anonymous, $"/consultations/{c.Id}/answer");
        Assert.Equal("You cannot answer this consultation", refused.QuerySelector("h1").Text());
        Assert.Contains("for care home providers", refused.QuerySelector("#refusal").Text());
        Assert.NotNull(refused.QuerySelector("a[href^='/account/login']"));
        var (_, detail) = await Html.GetAsync(anonymous, $"/consultations/{c.Id}");
        Assert.Null(detail.QuerySelector("#start"));
        Assert.Contains("care home providers", detail.QuerySelector("#cannot-answer").Text());

        var homeCare = factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(homeCare, TestAccounts.HomeCareProvider);
        (_, refused) = await Html.GetAsync(homeCare, $"/consultations/{c.Id}/answer");
        Assert.Equal("This consultation is for care home providers only. Your organisation is registered as a home care provider.", refused.QuerySelector("#refusal").Text());

        // A post straight to a step is refused the same way: nothing is recorded.
        var token = Html.AntiforgeryToken(refused);
        var posted = await homeCare.PostAsync($"/consultations/{c.Id}/answer/check", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.NotEqual(HttpStatusCode.InternalServerError, posted.StatusCode);
        Assert.Empty(await factory.ResponsesAsync(c.Id));

        var careHome = factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(careHome, TestAccounts.CareHomeProvider);
        var sent = await SendAsync(careHome, await ToCheckAsync(careHome, c));
        Assert.NotNull(sent.QuerySelector("#reference"));
        Assert.NotNull((await factory.ResponsesAsync(c.Id)).Single().ProviderUserId);
    }

    [Fact]
    public async Task A_suspended_provider_is_refused_a_providers_consultation_and_answers_again_once_reinstated()
    {
        factory.Clock.Reset();
        var c = await factory.AddConsultationAsync("For approved providers", ConsultationAudience.Providers);
        var provider = factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(provider, TestAccounts.HomeCareProvider);
        var (_, open) = await Html.GetAsync(provider, $"/consultations/{c.Id}/answer");
        Assert.NotNull(open.QuerySelector(Form)); // approved: the first page of questions
        await SuspendedAsync(TestAccounts.HomeCareProvider, true);
        try
        {
            var (_, refused) = await Html.GetAsync(provider, $"/consultations/{c.Id}/answer");
            Assert.Equal("You cannot answer this consultation", refused.QuerySelector("h1").Text());
            Assert.StartsWith("This consultation is for care providers.", refused.QuerySelector("#refusal").Text());
            Assert.Null(refused.QuerySelector(Form));
            var (_, detail) = await Html.GetAsync(provider, $"/consultations/{c.Id}");
            Assert.Null(detail.QuerySelector("#start"));

            // Posting the first page from before the suspension records nothing.
            var role = Question(c, "Which best");
            var rating = Question(c, "How well");
            var posted = await Html.SubmitAsync(provider, open.QuerySelector<IHtmlFormElement>(Form)!, [new(role.FieldName, Option(role, "I work in care")), new(rating.FieldName, Option(rating, "Well"))]);
            Assert.NotEqual(HttpStatusCode.InternalServerError, posted.StatusCode);
            Assert.Empty(await factory.ResponsesAsync(c.Id));
        }
        finally
        {
            await SuspendedAsync(TestAccounts.HomeCareProvider, false);
        }

        var sent = await SendAsync(provider, await ToCheckAsync(provider, c));
        Assert.NotNull(sent.QuerySelector("#reference"));
        Assert.Single(await factory.ResponsesAsync(c.Id));
    }

    private async Task SuspendedAsync(string email, bool suspended)
    {
        await using var db = factory.CreateDbContext();
        await db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(s => s.SetProperty(u => u.SuspendedAt, suspended ? DateTime.UtcNow : null));
    }

    [Fact]
    public async Task It_opens_and_closes_at_the_uk_times_entered_on_either_side_of_the_clocks_changing()
    {
        // Opens 9am on Monday 30 March 2026, the day after the clocks go forward (08:00 UTC, BST).
        var opensAt = UkTime.ToUtc(new DateTime(2026, 3, 30, 9, 0, 0))!.Value;
        // Closes 11:59pm on Saturday 24 October 2026, the night before they go back (22:59 UTC, BST).
        var closesAt = UkTime.ToUtc(new DateTime(2026, 10, 24, 23, 59, 0))!.Value;
        Assert.Equal(new DateTime(2026, 3, 30, 8, 0, 0, DateTimeKind.Utc), opensAt);
        Assert.Equal(new DateTime(2026, 10, 24, 22, 59, 0, DateTimeKind.Utc), closesAt);
        factory.Clock.Set(opensAt.AddDays(-10));
        var c = await factory.AddConsultationAsync("Across the clocks", opensAt: opensAt, closesAt: closesAt);
        var client = factory.CreateBrowserClient();
        try
        {
            factory.Clock.Set(opensAt.AddSeconds(-1));
            var (_, upcoming) = await Html.GetAsync(client, $"/consultations/{c.Id}");
            Assert.Equal("Upcoming", upcoming.QuerySelector("#consultation-phase").Text());
            Assert.Equal("9am on Monday 30 March 2026 (UK time)", upcoming.QuerySelector("#consultation-opens").Text());
            var (_, notYet) = await Html.GetAsync(client, $"/consultations/{c.Id}/answer");
            Assert.Equal("This consultation opens on 9am on Monday 30 March 2026.", notYet.QuerySelector("#refusal").Text());
            var (_, hub) = await Html.GetAsync(client, "/consultations");
            Assert.Contains("Across the clocks", hub.QuerySelector("#upcoming-list").Text());

            factory.Clock.Set(opensAt);
            var (_, open) = await Html.GetAsync(client, $"/consultations/{c.Id}");
            Assert.Equal("Open", open.QuerySelector("#consultation-phase").Text());
            Assert.Equal("11:59pm on Saturday 24 October 2026 (UK time)", open.QuerySelector("#consultation-closes").Text());

            factory.Clock.Set(closesAt.AddSeconds(-1));
            (_, open) = await Html.GetAsync(client, $"/consultations/{c.Id}");
            Assert.Equal("Open", open.QuerySelector("#consultation-phase").Text());

            factory.Clock.Set(closesAt);
            var (_, closed) = await Html.GetAsync(client, $"/consultations/{c.Id}");
            Assert.Equal("Closed", closed.QuerySelector("#consultation-phase").Text());
            Assert.NotNull(closed.QuerySelector("#outcome-to-follow"));
            var (_, tooLate) = await Html.GetAsync(factory.CreateBrowserClient(), $"/consultations/{c.Id}/answer");
            Assert.Equal("This consultation closed on 11:59pm on Saturday 24 October 2026.", tooLate.QuerySelector("#refusal").Text());
            (_, hub) = await Html.GetAsync(client, "/consultations");
            Assert.Contains("Across the clocks", hub.QuerySelector("#closed-list").Text());
        }
        finally
        {
            factory.Clock.Reset();
        }
    }

    [Fact]
    public async Task Someone_part_way_through_when_it_closes_is_told_plainly_and_their_answers_are_kept_as_a_late_response()
    {
        factory.Clock.Reset();
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var c = await factory.AddConsultationAsync("Closing mid-way", closesAt: now.AddMinutes(30));
        var client = factory.CreateBrowserClient();
        try
        {
            var (_, page) = await Html.GetAsync(client, $"/consultations/{c.Id}/answer");
            var role = Question(c, "Which best");
            var rating = Question(c, "How well");
            page = await PostAsync(client, page, (role.FieldName, Option(role, "I draw on care")), (rating.FieldName, Option(rating, "Well")));

            factory.Clock.Set(now.AddMinutes(31));
            var (_, resumed) = await Html.GetAsync(client, $"/consultations/{c.Id}/answer/page-2");
            Assert.Contains("closed at", resumed.QuerySelector("#closed-while-answering").Text());
            Assert.Contains("late response", resumed.QuerySelector("#closed-while-answering").Text());
            var where = Question(c, "Where should");
            page = await PostAsync(client, resumed, (where.FieldName, Option(where, "Leaflets")), (Question(c, "What else").FieldName, "Sent after it closed"));
            page = await PostAsync(client, page);
            var sent = await SendAsync(client, page);
            Assert.NotNull(sent.QuerySelector("#late-notice"));

            var response = (await factory.ResponsesAsync(c.Id)).Single();
            Assert.True(response.IsLate);
            Assert.False(response.IncludeInAnalysis);
            Assert.Contains(response.Answers, a => a.Text == "Sent after it closed");
        }
        finally
        {
            factory.Clock.Reset();
        }
    }

    [Fact]
    public async Task The_hub_filters_by_priority_and_audience_and_drafts_are_not_public()
    {
        factory.Clock.Reset();
        var forProviders = await factory.AddConsultationAsync("Hub providers one", ConsultationAudience.Providers, priority: 3);
        var forEveryone = await factory.AddConsultationAsync("Hub everyone one", ConsultationAudience.Everyone, priority: 10);
        var draft = await factory.AddConsultationAsync("Hub draft one", publish: false);
        var client = factory.CreateBrowserClient();

        var (_, all) = await Html.GetAsync(client, "/consultations");
        var open = all.QuerySelector("#open-list").Text();
        Assert.Contains("Hub providers one", open);
        Assert.Contains("Hub everyone one", open);
        Assert.DoesNotContain("Hub draft one", all.Body!.TextContent);

        var (_, byAudience) = await Html.GetAsync(client, "/consultations?audience=providers");
        Assert.Contains("Hub providers one", byAudience.QuerySelector("#open-list").Text());
        Assert.DoesNotContain("Hub everyone one", byAudience.QuerySelector("#open-list").Text());
        Assert.Equal("providers", byAudience.QuerySelector<IHtmlSelectElement>("#audience")!.Value);

        var (_, byPriority) = await Html.GetAsync(client, "/consultations?priority=10");
        Assert.Contains("Hub everyone one", byPriority.QuerySelector("#open-list").Text());
        Assert.DoesNotContain("Hub providers one", byPriority.QuerySelector("#open-list").Text());

        var (_, nothing) = await Html.GetAsync(client, "/consultations?priority=10&audience=by-invitation");
        Assert.NotNull(nothing.QuerySelector("#no-open"));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/consultations/{draft.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/consultations/{draft.Id}/answer")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/consultations/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/consultations?priority=abc&audience=%3Cscript%3E")).StatusCode);
        Assert.Equal(forProviders.Id + 1, forEveryone.Id);
    }

    [Fact]
    public async Task The_demo_data_has_an_open_consultation_to_answer_and_a_closed_one_whose_page_shows_its_outcome()
    {
        factory.Clock.Reset();
        var client = factory.CreateBrowserClient();
        var (_, hub) = await Html.GetAsync(client, "/consultations");
        Assert.Contains(Engagement.Infrastructure.Seeding.DemoConsultations.ExtraCareTitle, hub.QuerySelector("#open-list").Text());
        var closed = hub.QuerySelectorAll("#closed-list li").Single(li => li.Text().Contains(Engagement.Infrastructure.Seeding.DemoConsultations.ChargingTitle));
        Assert.Contains("Outcome published", closed.Text());

        var (_, page) = await Html.GetAsync(client, closed.QuerySelector("a")!.GetAttribute("href")!);
        Assert.Equal("Closed", page.QuerySelector("#consultation-phase").Text());
        Assert.NotNull(page.QuerySelector("#outcome-we-asked"));
        Assert.Contains("demo", page.QuerySelector("#outcome").Text(), StringComparison.OrdinalIgnoreCase);
        Assert.Null(page.QuerySelector("#outcome-to-follow"));
        Assert.Null(page.QuerySelector("#start"));
    }

    [Fact]
    public async Task Response_email_addresses_are_deleted_the_promised_months_after_the_consultation_closes_and_the_notice_says_so()
    {
        factory.Clock.Reset();
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var policy = factory.GetService<Engagement.Infrastructure.Privacy.RetentionPolicy>();
        factory.Clock.Set(now.AddMonths(-policy.ContactDetailsMonths - 2)); // published while open
        var longAgo = await factory.AddConsultationAsync("Closed long ago", opensAt: now.AddMonths(-policy.ContactDetailsMonths - 3), closesAt: now.AddMonths(-policy.ContactDetailsMonths).AddDays(-1));
        var recently = await factory.AddConsultationAsync("Closed recently", opensAt: now.AddMonths(-policy.ContactDetailsMonths - 3), closesAt: now.AddMonths(-policy.ContactDetailsMonths).AddDays(1));
        factory.Clock.Reset();
        foreach (var c in new[] { longAgo, recently })
        {
            var result = await factory.GetService<SubmitConsultationResponseHandler>().HandleAsync(new SubmitConsultationResponse(c.Id,
                new Dictionary<string, string[]>
                {
                    [Question(c, "Which best").FieldName] = [Option(Question(c, "Which best"), "I am a carer")],
                    [Question(c, "How well").FieldName] = [Option(Question(c, "How well"), "Well")],
                    [Question(c, "Where should").FieldName] = [Option(Question(c, "Where should"), "Leaflets")],
                    [Question(c, "What else").FieldName] = ["Kept without the address"],
                },
                ResponseChannel.Paper, "kept-or-not@example.org", false, true, Engagement.Infrastructure.Security.SecureToken.Create(), Engagement.Infrastructure.Security.SecureToken.Create(), EnteredByUserId: "staff"));
            Assert.True(result.Succeeded, result.Error);
        }

        var counts = await factory.GetService<Engagement.Infrastructure.Privacy.RetentionJob>().RunAsync(CancellationToken.None);
        Assert.Equal(1, counts[Engagement.Infrastructure.Privacy.RetentionJob.Rules.ConsultationEmails]);
        var old = (await factory.ResponsesAsync(longAgo.Id)).Single();
        Assert.Null(old.Email);
        Assert.False(old.WantsOutcome);
        Assert.Contains(old.Answers, a => a.Text == "Kept without the address");
        Assert.Equal("kept-or-not@example.org", (await factory.ResponsesAsync(recently.Id)).Single().Email);

        // Twice changes nothing; the privacy notice states the same period.
        counts = await factory.GetService<Engagement.Infrastructure.Privacy.RetentionJob>().RunAsync(CancellationToken.None);
        Assert.Equal(0, counts[Engagement.Infrastructure.Privacy.RetentionJob.Rules.ConsultationEmails]);
        var (_, privacy) = await Html.GetAsync(factory.CreateBrowserClient(), "/privacy");
        Assert.Contains($"An email address given with a consultation response is deleted once we have emailed you the outcome, or {policy.ContactDetailsMonths} months after the consultation closes", privacy.QuerySelector("#retention").Text());
    }

    [Fact]
    public async Task Signal_words_in_an_answer_mark_the_response_for_a_commissioner_to_look_at_first()
    {
        factory.Clock.Reset();
        var c = await factory.AddConsultationAsync("Signal words");
        var client = factory.CreateBrowserClient();
        await SendAsync(client, await ToCheckAsync(client, c, "My neighbour is being abused by a carer"));
        var other = factory.CreateBrowserClient();
        await SendAsync(other, await ToCheckAsync(other, c, "Leaflets at the library would help"));
        var responses = await factory.ResponsesAsync(c.Id);
        Assert.True(responses[0].PossibleSafeguarding);
        Assert.False(responses[1].PossibleSafeguarding);
    }

    [Fact]
    public async Task Every_xss_payload_is_encoded_on_check_answers_and_the_private_link_and_every_sqli_payload_is_stored_verbatim()
    {
        factory.Clock.Reset();
        var c = await factory.AddConsultationAsync("Hostile answers");
        var client = factory.CreateBrowserClient();
        var (_, start) = await Html.GetAsync(client, $"/consultations/{c.Id}");
        var layoutScripts = start.QuerySelectorAll("script").Length;
        var longText = Question(c, "What else");
        var payloads = TestData.All("xss").Concat(TestData.All("sqli")).Where(p => p.Trim().Length is > 0 and <= 500).ToList();
        Assert.NotEmpty(payloads);
        var check = await ToCheckAsync(client, c, "Before the payloads");
        var where = Question(c, "Where should");
        var submit = factory.Services.CreateScope().ServiceProvider.GetRequiredService<SubmitConsultationResponseHandler>();
        foreach (var payload in payloads)
        {
            // Change the answer through the real journey: the changed text comes back on check your answers.
            var (_, page2) = await Html.GetAsync(client, $"/consultations/{c.Id}/answer/page-2");
            check = await PostAsync(client, page2, (where.FieldName, Option(where, "Leaflets")), (longText.FieldName, payload));
            if (check.Title!.StartsWith("Error", StringComparison.Ordinal))
            {
                // Refused (a hidden control character): shown back only as the textarea's text.
                Assert.Equal(layoutScripts, check.QuerySelectorAll("script").Length);
                continue;
            }

            AssertText(check.QuerySelector($"[data-answer='{longText.Id}']"), payload, check, layoutScripts);

            // Sent through the real handler (the journey's send is tested above): the private link shows it as text.
            var token = Engagement.Infrastructure.Security.SecureToken.Create();
            var receipt = await submit.HandleAsync(new SubmitConsultationResponse(c.Id,
                new Dictionary<string, string[]>
                {
                    [Question(c, "Which best").FieldName] = [Option(Question(c, "Which best"), "I am a carer")],
                    [Question(c, "How well").FieldName] = [Option(Question(c, "How well"), "Well")],
                    [where.FieldName] = [Option(where, "Leaflets")],
                    [longText.FieldName] = [payload],
                },
                ResponseChannel.Online, null, false, false, Engagement.Infrastructure.Security.SecureToken.Create(), token));
            Assert.True(receipt.Succeeded, receipt.Error);
            var (_, mine) = await Html.GetAsync(client, "/consultations/response/" + token);
            var row = mine.QuerySelectorAll("#answers .govuk-summary-list__row").Single(r => r.QuerySelector("dt").Text() == longText.Text);
            AssertText(row.QuerySelector("dd"), payload, mine, layoutScripts);
        }

        var stored = (await factory.ResponsesAsync(c.Id)).SelectMany(r => r.Answers).Where(a => a.QuestionId == longText.Id).Select(a => a.Text).ToHashSet();
        Assert.All(TestData.All("sqli").Where(p => p.Trim().Length <= 500 && !Engagement.Web.Features.Forms.TextInput.HasControlCharacters(p)), p => Assert.Contains(p.Trim(), stored));
    }

    private static void AssertText(IElement? element, string payload, IHtmlDocument page, int layoutScripts)
    {
        Assert.NotNull(element);
        Assert.Equal(payload.Trim(), element!.TextContent.Trim());
        Assert.Empty(element.Children);
        Assert.Equal(layoutScripts, page.QuerySelectorAll("script").Length);
        Assert.DoesNotContain(page.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
    }
}
