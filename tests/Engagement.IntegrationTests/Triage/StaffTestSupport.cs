using System.Net;
using AngleSharp.Html.Dom;
using Engagement.Domain.Feedback;
using Engagement.Infrastructure.Deadlines;
using Engagement.IntegrationTests.Feedback;
using Engagement.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.IntegrationTests.Triage;

/// <summary>Signed-in staff clients, fresh feedback items and posting the staff pages' forms.</summary>
public static class Staff
{
    public static async Task<HttpClient> CommissionerAsync(EngagementFactory factory)
    {
        var client = factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(client, TestAccounts.Commissioner);
        return client;
    }

    public static async Task<string> UserIdAsync(EngagementFactory factory, string email)
    {
        await using var db = factory.CreateDbContext();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    /// <summary>A new feedback item through the real handler; with an email, the person opted in to contact and progress emails.</summary>
    public static async Task<FeedbackItem> NewItemAsync(EngagementFactory factory, string text, string? email = null)
    {
        var receipt = await FeedbackJourney.SubmitAsync(factory, FeedbackJourney.Command(text, email, consent: email is not null));
        return await ItemAsync(factory, receipt.Reference);
    }

    /// <summary>Each inbox quick filter's count from scratch, by its label, for one person at the app's current time.</summary>
    public static async Task<Dictionary<string, int>> InboxCountsFromScratchAsync(EngagementFactory factory, string email)
    {
        var userId = await UserIdAsync(factory, email);
        await using var scope = factory.Services.CreateAsyncScope();
        var promise = scope.ServiceProvider.GetRequiredService<FirstResponsePromise>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        await using var db = factory.CreateDbContext();
        var inbox = db.FeedbackItems.AsNoTracking().Where(f => !f.IsQuarantined);
        return new Dictionary<string, int>
        {
            ["All"] = await inbox.CountAsync(),
            ["New"] = await inbox.Where(FeedbackItem.IsNew).CountAsync(),
            ["Possible safeguarding"] = await inbox.CountAsync(f => f.PossibleSafeguarding || f.Flag == FeedbackFlag.SafeguardingConcern),
            ["Not yet linked"] = await inbox.Where(FeedbackItem.IsOpenAndUnlinked).CountAsync(),
            ["Assigned to me"] = await inbox.CountAsync(f => f.AssignedToUserId == userId),
            ["Due this week"] = await inbox.DueThisWeek(promise, now).CountAsync(),
            ["Overdue"] = await inbox.Overdue(promise, now).CountAsync(),
            ["Quarantined"] = await db.FeedbackItems.CountAsync(f => f.IsQuarantined),
        };
    }

    public static async Task<FeedbackItem> ItemAsync(EngagementFactory factory, string reference)
    {
        await using var db = factory.CreateDbContext();
        return await db.FeedbackItems.AsNoTracking().Include(f => f.Priorities).Include(f => f.ResponseEntry).SingleAsync(f => f.Reference == reference);
    }

    /// <summary>Posts a form on a page; <paramref name="action"/> reaches a handler whose form is not shown.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string pageUrl, string formSelector, Dictionary<string, string> values, string? action = null)
    {
        var (response, page) = await Html.GetAsync(client, pageUrl);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Html.SubmitAsync(client, page, values, formSelector, action);
    }

    public static async Task<IHtmlDocument> PostExpectingErrorAsync(HttpClient client, string pageUrl, string formSelector, Dictionary<string, string> values, string? action = null)
    {
        var response = await PostAsync(client, pageUrl, formSelector, values, action);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.StartsWith("Error: ", page.Title);
        Assert.NotEmpty(Html.ErrorSummary(page));
        return page;
    }

    public static void AssertRedirect(HttpResponseMessage response, string location)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(location, response.Headers.Location!.OriginalString);
    }
}
