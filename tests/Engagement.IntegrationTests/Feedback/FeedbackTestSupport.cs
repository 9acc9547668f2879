using System.Net;
using AngleSharp.Html.Dom;
using Engagement.Domain.Common;
using Engagement.Domain.Feedback;
using Engagement.Infrastructure.Security;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.Web.Features.Feedback;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.IntegrationTests.Feedback;

/// <summary>The app with the minimum completion time off, so that a fast test is not mistaken for a bot.</summary>
public sealed class FeedbackFactory : EngagementFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Feedback:MinimumSecondsToComplete"] = "0" };
}

public static class FeedbackJourney
{
    public static async Task<IHtmlDocument> PostAsync(HttpClient client, IHtmlDocument page, Dictionary<string, string> values, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var (response, next) = await Html.SubmitAndFollowAsync(client, page, values, "form#feedback-form");
        Assert.Equal(expected, response.StatusCode);
        return next;
    }

    /// <summary>Answers every question up to check your answers and returns that page.</summary>
    public static async Task<IHtmlDocument> ToCheckAnswersAsync(HttpClient client, string text, Dictionary<string, string>? contact = null)
    {
        var (_, page) = await Html.GetAsync(client, "/feedback/who");
        page = await PostAsync(client, page, new() { ["Input.Role"] = "CarerOrFamily" });
        Assert.Contains("What is your feedback about?", page.Title);
        page = await PostAsync(client, page, new() { ["Input.Section"] = "HomeCare" });
        page = await PostAsync(client, page, new() { ["Input.Text"] = text });
        Assert.Contains("priorities", page.Title);
        page = await PostAsync(client, page, new() { ["Input.PrioritiesNotSure"] = "true" });
        Assert.Contains("contact you", page.Title);
        page = await PostAsync(client, page, contact ?? []);
        Assert.StartsWith("Check your answers", page.Title);
        return page;
    }

    public static async Task<(HttpResponseMessage Response, IHtmlDocument Page)> SendAsync(HttpClient client, IHtmlDocument checkAnswers)
    {
        var response = await Html.SubmitAsync(client, checkAnswers, new Dictionary<string, string>(), "form#feedback-form");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/feedback/confirmation?receipt=", location);
        return await Html.GetAsync(client, location);
    }

    public static SubmitFeedback Command(string text, string? email = null, bool consent = false) => new(
        SubmitterRole.PersonDrawingOnCare, null, ServiceSection.HomeCare, text, [3], null, FeedbackChannel.OnlineForm,
        email is null ? null : "A Person", email, consent, consent,
        Guid.NewGuid().ToString("N"), SecureToken.Create());

    public static async Task<FeedbackReceipt> SubmitAsync(EngagementFactory factory, SubmitFeedback command)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<SubmitFeedbackHandler>().HandleAsync(command);
    }
}
