using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Engagement.Domain.Consultations;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.Web.Features.Consultations;
using Microsoft.EntityFrameworkCore;
using static Engagement.IntegrationTests.Consultations.ConsultationJourneySteps;

namespace Engagement.IntegrationTests.Consultations;

public sealed class AnsweringTests(ConsultationsFactory factory) : IClassFixture<ConsultationsFactory>
{
    [Fact]
    public async Task A_resident_answers_every_kind_of_question_with_plain_posts_and_gets_a_reference_and_private_link()
    {
        factory.Clock.Reset();
        var c = await factory.AddConsultationAsync("Every kind of question");
        var client = factory.CreateBrowserClient();

        var (_, detail) = await Html.GetAsync(client, $"/consultations/{c.Id}");
        Assert.Equal("Every kind of question", detail.QuerySelector("#consultation-title").Text());
        Assert.Equal("Open", detail.QuerySelector("#consultation-phase").Text());
        Assert.Equal("/consultations/" + c.Id + "/answer", detail.QuerySelector("#start")!.GetAttribute("href"));
        Assert.Equal("background", detail.QuerySelector("#consultation-background strong").Text());

        // Each page is its own address; the first page's address is named.
        var first = await client.GetAsync($"/consultations/{c.Id}/answer");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var check = await ToCheckAsync(client, c, "Tell us at the library");
        var answers = check.QuerySelectorAll("[data-answer]").ToDictionary(e => int.Parse(e.GetAttribute("data-answer")!), e => e.Text());
        Assert.Equal("I am a carer", answers[Question(c, "Which best").Id]);
        Assert.Equal("Poorly", answers[Question(c, "How well").Id]);
        Assert.Equal("Leaflets, Other: Community radio", answers[Question(c, "Where should").Id]);
        Assert.Equal("Not answered", answers[Question(c, "Your town").Id]);
        Assert.Equal("Tell us at the library", answers[Question(c, "What else").Id]);

        var sent = await SendAsync(client, check);
        Assert.Equal("Response sent", sent.QuerySelector(".govuk-panel__title").Text());
        var reference = sent.QuerySelector("#reference").Text();
        Assert.Matches("^CR-\\d{4}-\\d{4}$", reference);
        Assert.Null(sent.QuerySelector("#late-notice"));

        var response = (await factory.ResponsesAsync(c.Id)).Single();
        Assert.Equal(reference, response.Reference);
        Assert.Equal(ResponseChannel.Online, response.Channel);
        Assert.False(response.IsLate);
        Assert.Null(response.Email);
        var where = Question(c, "Where should");
        Assert.Equal(
            [(Question(c, "Which best").Id, (int?)int.Parse(Option(Question(c, "Which best"), "I am a carer")), (string?)null),
             (Question(c, "How well").Id, int.Parse(Option(Question(c, "How well"), "Poorly")), null),
             (where.Id, int.Parse(Option(where, "Leaflets")), null),
             (where.Id, null, "Community radio"),
             (Question(c, "What else").Id, null, "Tell us at the library")],
            response.Answers.OrderBy(a => a.Id).Select(a => (a.QuestionId, a.OptionId, a.Text)).ToList());

        // The private link shows the answers; anonymous, so nothing was emailed.
        var (_, mine) = await Html.GetAsync(client, sent.QuerySelector("#private-link")!.GetAttribute("href")!);
        Assert.Equal(reference, mine.QuerySelector("#reference").Text());
        Assert.Contains("Leaflets, Other: Community radio", mine.QuerySelector("#answers").Text());
        Assert.NotNull(mine.QuerySelector("#no-email"));
        await using var db = factory.CreateDbContext();
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.RelatedId == response.Id.ToString() && m.Kind == ConsultationEmails.AcknowledgementKind));

        // Sending twice (refresh, double click) does not make a second response: the draft is gone.
        var again = await Html.SubmitAsync(client, check, new Dictionary<string, string>(), "main form[method=post]");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Single(await factory.ResponsesAsync(c.Id));
    }

    [Fact]
    public async Task Missing_and_wrong_answers_get_govuk_errors_with_the_other_answers_kept_and_nothing_saved()
    {
        factory.Clock.Reset();
        var c = await factory.AddConsultationAsync("Validation");
        var client = factory.CreateBrowserClient();
        var (_, page) = await Html.GetAsync(client, $"/consultations/{c.Id}/answer");
        var role = Question(c, "Which best");
        var rating = Question(c, "How well");

        // Nothing chosen on a page of two required questions.
        page = await PostAsync(client, page);
        Assert.StartsWith("Error: ", page.Title);
        Assert.Equal(["Select an answer to \"Which best describes you\"", "Select an answer to \"How well do we explain extra care housing\""], Html.ErrorSummary(page));
        Assert.Equal("#" + role.FieldName, page.QuerySelector(".govuk-error-summary a")!.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("#" + role.FieldName));
        Html.AssertErrorsDescribeTheirFields(page);

        // One answered, one not: the answered one stays chosen.
        page = await PostAsync(client, page, (role.FieldName, Option(role, "I draw on care")));
        Assert.Equal(["Select an answer to \"How well do we explain extra care housing\""], Html.ErrorSummary(page));
        Assert.True(page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>($"input[name={role.FieldName}][value='{Option(role, "I draw on care")}']")!.IsChecked);

        // A made-up option is refused.
        page = await PostAsync(client, page, (role.FieldName, "999999"), (rating.FieldName, Option(rating, "Well")));
        Assert.Equal(["Select one of the choices given"], Html.ErrorSummary(page));

        page = await PostAsync(client, page, (role.FieldName, Option(role, "I draw on care")), (rating.FieldName, Option(rating, "Well")));
        Assert.Equal("Page 2 of 2", page.QuerySelector("h1").Text());
        var where = Question(c, "Where should");
        var longText = Question(c, "What else");

        // "Other" without saying what, and a long answer over its limit (500 here): both refused, the text kept.
        var tooLong = new string('x', 501);
        page = await PostAsync(client, page, (where.FieldName, "other"), (longText.FieldName, tooLong));
        Assert.Equal(["Enter what \"Other\" means for you", "Your answer must be 500 characters or fewer"], Html.ErrorSummary(page));
        Assert.Equal(tooLong, page.QuerySelector($"textarea[name={longText.FieldName}]").Text());
        Assert.Equal("#" + where.OtherFieldName, page.QuerySelectorAll(".govuk-error-summary a")[0].GetAttribute("href"));

        // A hidden control character is refused with its own message.
        page = await PostAsync(client, page, (where.FieldName, Option(where, "Leaflets")), (longText.FieldName, "Bell\u0007"));
        Assert.Equal(["Your answer contains a hidden character that cannot be saved: remove it, or type the text again"], Html.ErrorSummary(page));

        // An email asked for without an address, and an address with no email chosen.
        page = await PostAsync(client, page, (where.FieldName, Option(where, "Leaflets")), (longText.FieldName, "Fine"));
        page = await PostAsync(client, page, ("Input.WantsOutcome", "true"));
        Assert.Equal(["Enter your email address, or untick the emails you asked for"], Html.ErrorSummary(page));
        page = await PostAsync(client, page, ("Input.Email", "rita@example.org"), ("Input.WantsOutcome", "false"));
        Assert.Equal(["Select at least one email you would like, or remove your email address"], Html.ErrorSummary(page));
        Assert.Equal("rita@example.org", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_Email")!.Value);

        Assert.Empty(await factory.ResponsesAsync(c.Id));
    }

    [Fact]
    public async Task An_email_with_both_consents_gets_an_acknowledgement_with_a_stop_link_and_the_address_is_kept_for_the_outcome()
    {
        factory.Clock.Reset();
        var c = await factory.AddConsultationAsync("With email");
        var client = factory.CreateBrowserClient();
        var sent = await SendAsync(client, await ToCheckAsync(client, c, email: "carer@example.org"));
        Assert.NotNull(sent.QuerySelector("#reference"));

        var response = (await factory.ResponsesAsync(c.Id)).Single();
        Assert.Equal("carer@example.org", response.Email);
        Assert.True(response.WantsOutcome);
        await using var db = factory.CreateDbContext();
        var email = await db.OutboxMessages.SingleAsync(m => m.RelatedId == response.Id.ToString() && m.Kind == ConsultationEmails.AcknowledgementKind);
        Assert.Equal("carer@example.org", email.ToAddress);
        Assert.Contains(response.Reference, email.Subject);
        Assert.NotNull(email.UnsubscribeUrl);

        // The one-click stop link removes the address.
        var stop = await client.PostAsync(new Uri(email.UnsubscribeUrl!).PathAndQuery, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.True(stop.IsSuccessStatusCode || stop.StatusCode == HttpStatusCode.Redirect, stop.StatusCode.ToString());
        var after = (await factory.ResponsesAsync(c.Id)).Single();
        Assert.Null(after.Email);
        Assert.False(after.WantsOutcome);
    }

    [Fact]
    public async Task The_private_link_removes_the_email_address_at_once()
    {
        factory.Clock.Reset();
        var c = await factory.AddConsultationAsync("Remove my email");
        var client = factory.CreateBrowserClient();
        var sent = await SendAsync(client, await ToCheckAsync(client, c, email: "remove@example.org"));
        var (_, mine) = await Html.GetAsync(client, sent.QuerySelector("#private-link")!.GetAttribute("href")!);
        var (_, done) = await Html.SubmitAndFollowAsync(client, mine, new Dictionary<string, string>(), "main form[method=post]");
        Assert.Contains("We have removed your email address", done.QuerySelector("#status-message").Text());
        Assert.NotNull(done.QuerySelector("#no-email"));
        Assert.Null((await factory.ResponsesAsync(c.Id)).Single().Email);
    }

    [Fact]
    public async Task Save_and_come_back_later_emails_a_link_that_reopens_the_answers_on_another_device()
    {
        factory.Clock.Reset();
        var c = await factory.AddConsultationAsync("Save and return");
        var client = factory.CreateBrowserClient();
        var (_, page) = await Html.GetAsync(client, $"/consultations/{c.Id}/answer");
        var role = Question(c, "Which best");
        var rating = Question(c, "How well");
        page = await PostAsync(client, page, (role.FieldName, Option(role, "I work in care")), (rating.FieldName, Option(rating, "Very well")));
        var where = Question(c, "Where should");
        page = await PostAsync(client, page, (where.FieldName, Option(where, "Our website")), ("action", "save"));
        Assert.Equal("Save your answers and come back later", page.QuerySelector("h1").Text());
        page = await PostAsync(client, page);
        Assert.Equal(["Enter your email address"], Html.ErrorSummary(page));
        var check = await PostAsync(client, page, ("Input.Email", "later@example.org"));
        Assert.Equal("Check your email", check.QuerySelector("h1").Text());
        Assert.Contains("later@example.org", check.QuerySelector("#saved-to").Text());

        await using var db = factory.CreateDbContext();
        var email = await db.OutboxMessages.Where(m => m.Kind == ConsultationEmails.SaveAndReturnKind && m.ToAddress == "later@example.org").SingleAsync();
        var link = System.Text.RegularExpressions.Regex.Match(email.TextBody ?? "", "https://localhost(/consultations/resume/\\S+)").Groups[1].Value;
        Assert.NotEmpty(link);
        Assert.Empty(await factory.ResponsesAsync(c.Id));

        // Another device: the link opens the draft; page 1 is answered, page 2 holds the choice made before saving.
        var other = factory.CreateBrowserClient();
        var resumed = await other.GetAsync(link);
        Assert.Equal(HttpStatusCode.Redirect, resumed.StatusCode);
        while (resumed.StatusCode == HttpStatusCode.Redirect)
        {
            resumed = await other.GetAsync(resumed.Headers.Location);
        }

        var next = await Html.ParseAsync(resumed);
        Assert.Equal("Page 2 of 2", next.QuerySelector("h1").Text());
        Assert.True(next.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>($"input[name={where.FieldName}][value='{Option(where, "Our website")}']")!.IsChecked);
        next = await PostAsync(other, next, (where.FieldName, Option(where, "Our website")), (Question(c, "What else").FieldName, "Finished on my phone"));
        next = await PostAsync(other, next);
        var sent = await SendAsync(other, next);
        Assert.NotNull(sent.QuerySelector("#reference"));
        var response = (await factory.ResponsesAsync(c.Id)).Single();
        Assert.Contains(response.Answers, a => a.Text == "Finished on my phone");

        // Once sent, the link has nothing to open.
        var (expired, gone) = await Html.GetAsync(factory.CreateBrowserClient(), link);
        Assert.Equal(HttpStatusCode.OK, expired.StatusCode);
        Assert.NotNull(gone.QuerySelector("#expired"));
    }
}
