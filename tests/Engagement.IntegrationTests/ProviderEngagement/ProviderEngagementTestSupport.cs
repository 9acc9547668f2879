using System.Net;
using AngleSharp.Html.Dom;
using Engagement.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Engagement.IntegrationTests.ProviderEngagement;

/// <summary>Signing in, recording, approving: the steps the provider engagement tests share, all through the real pages.</summary>
public static class ProviderEngagementTestSupport
{
    public static async Task<HttpClient> SignedInAsync(EngagementFactory factory, string email)
    {
        var client = factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(client, email);
        return client;
    }

    public static Dictionary<string, string> Form(string heard, string? serviceName = null, string type = "CareHome", int priority = 7) => new()
    {
        ["Input.ServiceName"] = serviceName ?? "Riverside Care Home",
        ["Input.ServiceType"] = type,
        ["Input.CqcLocationId"] = "1-123456789",
        ["Input.HeldOn.Day"] = "3",
        ["Input.HeldOn.Month"] = "2",
        ["Input.HeldOn.Year"] = "2026",
        ["Input.Kind"] = "ResidentsMeeting",
        ["Input.ParticipantCount"] = "14",
        ["Input.Participants"] = "PeopleUsingTheService",
        ["Input.WhatWeHeard"] = heard,
        ["Input.WhatWeDid"] = "We added a second hot option at lunch.",
        ["Input.Priorities"] = priority.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Records an engagement through the form; returns its id.</summary>
    public static async Task<int> RecordAsync(HttpClient provider, Dictionary<string, string> values)
    {
        var (_, page) = await Html.GetAsync(provider, "/provider/engagement/new");
        var response = await Html.SubmitAsync(provider, page, values, "form#record-form");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/provider/engagement/", location, StringComparison.Ordinal);
        return int.Parse(location["/provider/engagement/".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<HttpResponseMessage> ReviewAsync(HttpClient commissioner, int id, bool approve, string? reason = null)
    {
        var (_, page) = await Html.GetAsync(commissioner, $"/staff/provider-engagement/{id}");
        return approve
            ? await Html.SubmitAsync(commissioner, page, new Dictionary<string, string>(), "form#approve-form")
            : await Html.SubmitAsync(commissioner, page, new Dictionary<string, string> { ["Review.Reason"] = reason ?? "" }, "form#send-back-form");
    }

    public static async Task<string> SlugOfAsync(EngagementFactory factory, string email)
    {
        await using var db = factory.CreateDbContext();
        return (await db.Users.Where(u => u.Email == email).Select(u => u.ProviderSlug).SingleAsync())!;
    }

    public static async Task<IHtmlDocument> PublicAsync(EngagementFactory factory, string url)
    {
        using var anonymous = factory.CreateBrowserClient();
        var (response, page) = await Html.GetAsync(anonymous, url);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{url}: {(int)response.StatusCode}");
        return page;
    }
}
