using System.Text.RegularExpressions;
using Engagement.Domain.Common;
using Engagement.Domain.Consultations;
using Engagement.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Engagement.BrowserTests;

/// <summary>
/// A resident answers a consultation from the hub to the private link, with JavaScript on and off: a page with an
/// error, every kind of question, "Other, please say", check your answers and a change, sending. axe on every page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsultationJourneyTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_resident_answers_a_consultation_from_the_hub_to_their_private_link(bool javaScript)
    {
        var title = $"Browser consultation {Guid.NewGuid():N}"[..32];
        var id = await AddConsultationAsync(title);
        await using var context = await fixture.NewContextAsync(javaScript);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/consultations");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await page.WaitForURLAsync($"**/consultations/{id}");
        await Assertions.Expect(page.Locator("#consultation-phase")).ToHaveTextAsync("Open");
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.Locator("#start").ClickAsync();
        await page.WaitForURLAsync($"**/consultations/{id}/answer");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(page).ToHaveTitleAsync(new Regex("^Error: "));
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Select an answer to \"Which best describes you\"");
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GetByLabel("I am a carer").CheckAsync();
        await page.GetByLabel("Poorly", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForURLAsync($"**/consultations/{id}/answer/page-2");
        await page.GetByLabel("Leaflets").CheckAsync();
        await page.GetByLabel("Other", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Please say").FillAsync("Community radio");
        await page.GetByLabel("What else should we know?").FillAsync("Tell people at the library");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForURLAsync($"**/consultations/{id}/answer/your-details");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForURLAsync($"**/consultations/{id}/answer/check");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Leaflets, Other: Community radio");
        await BrowserFixture.AssertAccessibleAsync(page);

        // Change an answer: back to check your answers after it.
        await page.GetByRole(AriaRole.Link, new() { Name = "Change your answer to: How well do we explain extra care housing?" }).ClickAsync();
        await page.WaitForURLAsync($"**/consultations/{id}/answer/page-1");
        await page.GetByLabel("Very well").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForURLAsync($"**/consultations/{id}/answer/check");
        await Assertions.Expect(page.Locator(".govuk-summary-list").First).ToContainTextAsync("Very well");

        await page.GetByRole(AriaRole.Button, new() { Name = "Send my response" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-panel__title")).ToHaveTextAsync("Response sent");
        await BrowserFixture.AssertAccessibleAsync(page);
        var reference = await page.Locator("#reference").TextContentAsync();

        // The link is absolute, on the service's public address; follow it here.
        var link = await page.Locator("#private-link").GetAttributeAsync("href");
        await page.GotoAsync(new Uri(link!).PathAndQuery);
        await Assertions.Expect(page.Locator("#reference")).ToHaveTextAsync(reference!);
        await Assertions.Expect(page.Locator("#answers")).ToContainTextAsync("Tell people at the library");
        await BrowserFixture.AssertAccessibleAsync(page);
    }

    private async Task<int> AddConsultationAsync(string title)
    {
        using var scope = fixture.Server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EngagementDbContext>();
        var now = DateTime.UtcNow;
        var consultation = Consultation.Create(
            new ConsultationDetails(title, "How should we tell people about extra care housing?", "Read the [plan](/priorities/10).", "Phone us.",
                ServiceSection.ExtraCareHousing, ConsultationAudience.Everyone, now.AddDays(-1), now.AddDays(14), [10], []),
            now).Value!;
        consultation.AddQuestion(new QuestionDetails(QuestionKind.OneChoice, "Which best describes you?", null, true, true, false, null, 1, ["I draw on care", "I am a carer", "I work in care"]), now);
        consultation.AddQuestion(new QuestionDetails(QuestionKind.RatingScale, "How well do we explain extra care housing?", "From very poorly to very well.", true, false, false, null, 1, ["Very poorly", "Poorly", "Well", "Very well"]), now);
        consultation.AddQuestion(new QuestionDetails(QuestionKind.SeveralChoices, "Where should we tell people?", null, true, false, true, null, 2, ["Leaflets", "Our website", "At GP surgeries"]), now);
        consultation.AddQuestion(new QuestionDetails(QuestionKind.LongText, "What else should we know?", null, true, false, false, 1000, 2, []), now);
        Assert.True(consultation.Publish(now).Succeeded);
        db.Consultations.Add(consultation);
        await db.SaveChangesAsync();
        return consultation.Id;
    }
}
