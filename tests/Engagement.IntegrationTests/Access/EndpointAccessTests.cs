using System.Net;
using Engagement.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Engagement.IntegrationTests.Access.Outcome;

namespace Engagement.IntegrationTests.Access;

/// <summary>What a user gets from an endpoint.</summary>
public enum Outcome
{
    /// <summary>The endpoint answers (a page, a redirect elsewhere, or a 404 for a sample value that does not exist).</summary>
    Allowed,

    /// <summary>Sent to the sign-in page.</summary>
    Login,

    /// <summary>Sent to the access-denied page, or answered 403.</summary>
    Forbidden,

    /// <summary>Not checked for this user (say why in the table).</summary>
    NotApplicable,
}

/// <summary>
/// One row of the access table: an endpoint (route pattern as the app declares it, and the handler for Razor Pages
/// named handlers), the address to request (with {feedback} and {entry} standing for real ids), and what anonymous
/// users, providers, commissioners and administrators get. <see cref="Antiforgery"/> false marks a POST handler that
/// deliberately accepts posts without a token.
/// </summary>
public sealed record AccessRule(string Method, string Route, string? Handler, string Sample, Outcome Anonymous, Outcome Provider, Outcome Commissioner, Outcome Admin, bool Antiforgery = true)
{
    public string Key => EndpointAccessTests.Key(Method, Route, Handler);
}

[Collection(HangfireDashboardCollection.Name)]
public sealed class EndpointAccessTests(EngagementFactory factory) : IClassFixture<EngagementFactory>
{
    private static readonly (Outcome, Outcome, Outcome, Outcome) Public = (Allowed, Allowed, Allowed, Allowed);
    private static readonly (Outcome, Outcome, Outcome, Outcome) Staff = (Login, Forbidden, Allowed, Allowed);
    private static readonly (Outcome, Outcome, Outcome, Outcome) AdminOnly = (Login, Forbidden, Forbidden, Allowed);
    private static readonly (Outcome, Outcome, Outcome, Outcome) ProviderOnly = (Login, Allowed, Forbidden, Forbidden);

    private static AccessRule Get(string route, (Outcome A, Outcome P, Outcome C, Outcome D) who, string? sample = null) =>
        new("GET", route, null, sample ?? route, who.A, who.P, who.C, who.D);

    private static AccessRule Post(string route, (Outcome A, Outcome P, Outcome C, Outcome D) who, string? handler = null, string? sample = null, bool antiforgery = true) =>
        new("POST", route, handler, sample ?? route, who.A, who.P, who.C, who.D, antiforgery);

    /// <summary>
    /// Every endpoint of the app. Add a row for each new page, handler or mapped endpoint; the test fails for any endpoint
    /// that is missing here, and for any row that no longer matches an endpoint.
    /// </summary>
    public static readonly AccessRule[] Table =
    [
        // Public pages
        Get("/", Public),
        Get("/index", Public),
        Get("/priorities", Public),
        Get("/priorities/{number:int}", Public, "/priorities/5"),
        Get("/accessibility", Public),
        Get("/privacy", Public),
        Get("/cookies", Public),
        Get("/contact", Public),
        Get("/safeguarding", Public),
        Get("/complaints", Public),
        Get("/alerts", Public),
        Post("/alerts", Public),
        Get("/alerts/check-your-email", Public),
        Get("/alerts/confirm/{token}", Public, "/alerts/confirm/not-a-real-token"), // 404
        Get("/alerts/manage/{token}", Public, "/alerts/manage/not-a-real-token"), // 404
        Get("/error/{code:int?}", Public, "/error/404"),
        Post("/error/{code:int?}", Public, sample: "/error/404", antiforgery: false), // re-executed for errors on POSTs; shows an error page only

        // Accounts
        Get("/account/login", Public),
        Post("/account/login", Public),
        Get("/account/logout", Public),
        Post("/account/logout", Public),
        Get("/account/forgot-password", Public),
        Post("/account/forgot-password", Public),
        Get("/account/reset-password", Public),
        Post("/account/reset-password", Public),
        Get("/account/login-2fa", (Login, Login, Login, Login)), // without a password step in progress: back to sign-in
        Post("/account/login-2fa", Public),
        Get("/account/login-recovery", (Login, Login, Login, Login)), // likewise
        Post("/account/login-recovery", Public),
        Get("/account/setup-2fa", (Login, Allowed, Allowed, Allowed)), // any signed-in user; staff must use it
        Post("/account/setup-2fa", (Login, Allowed, Allowed, Allowed)),
        new("GET", "/account/access-denied", null, "/account/access-denied", Forbidden, Forbidden, Forbidden, Forbidden), // the page itself answers 403

        // Giving and tracking feedback
        Get("/feedback", Public),
        Get("/feedback/{step:regex(^(who|provider-type|about|tell-us|priorities|contact|check)$)}", Public, "/feedback/who"),
        Post("/feedback/{step:regex(^(who|provider-type|about|tell-us|priorities|contact|check)$)}", Public, sample: "/feedback/who"),
        Get("/feedback/confirmation", Public),
        Get("/feedback/track/{token}", Public, "/feedback/track/not-a-real-token"),
        Get("/feedback/track/{token}/{choice:regex(^(stop-emails|remove-details|delete)$)}", Public, "/feedback/track/not-a-real-token/delete"),
        Post("/feedback/track/{token}/{choice:regex(^(stop-emails|remove-details|delete)$)}", Public, sample: "/feedback/track/not-a-real-token/delete"),
        Get("/unsubscribe/{token:length(20,1000)}", Public, "/unsubscribe/not-a-real-unsubscribe-address"),
        Post("/unsubscribe/{token:length(20,1000)}", Public, sample: "/unsubscribe/not-a-real-unsubscribe-address", antiforgery: false), // RFC 8058 one-click: only the one-click body, only for an address the app issued

        // The public log and open data
        Get("/you-said-we-did", Public),
        Get("/you-said-we-did/{reference}", Public, "/you-said-we-did/{reference}"),
        Get("/you-said-we-did/feed", Public),
        Get("/you-said-we-did.csv", Public),
        Get("/priorities/{number:int}/feed", Public, "/priorities/3/feed"),
        Get("/api/v1/you-said-we-did", Public),
        Get("/api/v1/you-said-we-did/{reference}", Public, "/api/v1/you-said-we-did/{reference}"),
        Get("/insights", Public),
        Get("/providers", Public),
        Get("/providers/{slug:length(1,80)}", Public, "/providers/no-such-provider"), // 404

        // Events and bookings
        Get("/events/{period:regex(^past$)?}", Public, "/events"),
        Get("/events/{id:int}", Public, "/events/{event}"),
        Get("/events/{id:int}.ics", Public, "/events/{event}.ics"),
        Get("/events/{id:int}/register/{step:regex(^(details|access-needs|check)$)?}", Public, "/events/{event}/register"),
        Post("/events/{id:int}/register/{step:regex(^(details|access-needs|check)$)?}", Public, sample: "/events/{event}/register/details"),
        Get("/events/{id:int}/booked", Public, "/events/{event}/booked"),

        // Consultations: public (a sample id that does not exist answers 404; the journey is tested in Consultations/)
        Get("/consultations", Public),
        Get("/consultations/{id:int}", Public, "/consultations/999999"),
        Get("/consultations/{id:int}/answer/{step:regex(^(page-\\d{{1,3}}|your-details|check|save)$)?}", Public, "/consultations/999999/answer"),
        Post("/consultations/{id:int}/answer/{step:regex(^(page-\\d{{1,3}}|your-details|check|save)$)?}", Public, sample: "/consultations/999999/answer/page-1"),
        Get("/consultations/{id:int}/sent", Public, "/consultations/999999/sent"),
        Get("/consultations/resume/{key}", Public, "/consultations/resume/not-a-real-key"),
        Get("/consultations/response/{token}", Public, "/consultations/response/not-a-real-token"), // 404
        Post("/consultations/response/{token}", Public, "RemoveEmail", "/consultations/response/not-a-real-token"),
        Get("/registrations/{token:length(20,100)}", Public, "/registrations/not-a-real-booking-token-0000"),
        Post("/registrations/{token:length(20,100)}", Public, sample: "/registrations/not-a-real-booking-token-0000"),
        Get("/registrations/{token:length(20,100)}/{choice:regex(^(stop-reminders|remove-details)$)}", Public, "/registrations/not-a-real-booking-token-0000/remove-details"),
        Post("/registrations/{token:length(20,100)}/{choice:regex(^(stop-reminders|remove-details)$)}", Public, sample: "/registrations/not-a-real-booking-token-0000/remove-details"),
        Get("/account/register-provider", Public),
        Post("/account/register-provider", Public),
        Get("/account/confirm-email", Public),
        Get("/account/invitation", Public), // without a link's userId and code: 404
        Post("/account/invitation", Public),

        // Staff: commissioners and administrators
        Get("/staff", Staff),
        Post("/staff", Staff, "OverdueEmail"),
        Get("/staff/events", Staff),
        Get("/staff/events/new", Staff),
        Post("/staff/events/new", Staff),
        Get("/staff/events/series", Staff),
        Post("/staff/events/series", Staff),
        Get("/staff/events/{id:int}", Staff, "/staff/events/{event}"),
        Post("/staff/events/{id:int}", Staff, "Message", "/staff/events/{event}"),
        Post("/staff/events/{id:int}", Staff, "Attendance", "/staff/events/{event}"),
        Post("/staff/events/{id:int}", Staff, "Cancel", "/staff/events/{event}"),
        Get("/staff/events/{id:int}/edit", Staff, "/staff/events/{event}/edit"),
        Post("/staff/events/{id:int}/edit", Staff, sample: "/staff/events/{event}/edit"),
        Get("/staff/events/{id:int}/attendees.csv", Staff, "/staff/events/{event}/attendees.csv"),
        Get("/staff/data-requests", Staff),
        Get("/staff/data-requests/new", Staff),
        Post("/staff/data-requests/new", Staff),
        Get("/staff/data-requests/{id:int}", Staff, "/staff/data-requests/999999"), // 404 for staff
        Post("/staff/data-requests/{id:int}", Staff, "Search", "/staff/data-requests/999999"),
        Post("/staff/data-requests/{id:int}", Staff, "Export", "/staff/data-requests/999999"),
        Post("/staff/data-requests/{id:int}", Staff, "Erase", "/staff/data-requests/999999"),
        Post("/staff/data-requests/{id:int}", Staff, "Complete", "/staff/data-requests/999999"),
        Get("/staff/providers", Staff),
        Post("/staff/providers", Staff, "Approve"),
        Get("/staff/providers/{id}", Staff, "/staff/providers/not-a-real-organisation"), // 404 for staff
        Post("/staff/providers/{id}", Staff, "Approve", "/staff/providers/not-a-real-organisation"),
        Post("/staff/providers/{id}", Staff, "Reject", "/staff/providers/not-a-real-organisation"),
        Post("/staff/providers/{id}", Staff, "Suspend", "/staff/providers/not-a-real-organisation"), // administrators only: 403 for commissioners
        Post("/staff/providers/{id}", Staff, "Reinstate", "/staff/providers/not-a-real-organisation"), // likewise
        Post("/staff/providers/{id}", Staff, "Update", "/staff/providers/not-a-real-organisation"), // likewise
        Get("/staff/email", Staff),
        Post("/staff/email", Staff, "Retry", "/staff/email?id=1"),
        Get("/staff/feedback/new", Staff),
        Post("/staff/feedback/new", Staff),
        Get("/staff/feedback/created", Staff),
        Get("/staff/feedback", Staff),
        Get("/staff/feedback/{id:int}", Staff, "/staff/feedback/{feedback}"),
        Post("/staff/feedback/{id:int}", Staff, "Safeguarding", "/staff/feedback/{feedback}"),
        Post("/staff/feedback/{id:int}", Staff, "Complaint", "/staff/feedback/{feedback}"),
        Post("/staff/feedback/{id:int}", Staff, "NotForPublication", "/staff/feedback/{feedback}"),
        Post("/staff/feedback/{id:int}", Staff, "Priorities", "/staff/feedback/{feedback}"),
        Post("/staff/feedback/{id:int}", Staff, "Link", "/staff/feedback/{feedback}"),
        Post("/staff/feedback/{id:int}", Staff, "NewEntry", "/staff/feedback/{feedback}"),
        Post("/staff/feedback/{id:int}", Staff, "Assign", "/staff/feedback/{feedback}"),
        Post("/staff/feedback/{id:int}", Staff, "Note", "/staff/feedback/{feedback}"),
        Post("/staff/feedback/{id:int}", Staff, "Hold", "/staff/feedback/{feedback}"),
        Post("/staff/feedback/{id:int}", Staff, "ReleaseHold", "/staff/feedback/{feedback}"),
        Get("/staff/responses", Staff),
        Get("/staff/responses/new", Staff),
        Post("/staff/responses/new", Staff),
        Post("/staff/responses/new", Staff, "Preview"),
        Get("/staff/responses/{id:int}", Staff, "/staff/responses/{entry}"),
        Post("/staff/responses/{id:int}", Staff, sample: "/staff/responses/{entry}"),
        Post("/staff/responses/{id:int}", Staff, "Preview", "/staff/responses/{entry}"),
        Post("/staff/responses/{id:int}", Staff, "Status", "/staff/responses/{entry}"),
        Post("/staff/responses/{id:int}", Staff, "Publish", "/staff/responses/{entry}"),
        Post("/staff/responses/{id:int}", Staff, "Unpublish", "/staff/responses/{entry}"),

        // Consultations: staff (999999 is a 404 for staff; real ids are walked in Consultations/StaffConsultationTests)
        Get("/staff/consultations", Staff),
        Get("/staff/consultations/new", Staff),
        Post("/staff/consultations/new", Staff),
        Get("/staff/consultations/{id:int}", Staff, "/staff/consultations/999999"),
        Post("/staff/consultations/{id:int}", Staff, "CloseEarly", "/staff/consultations/999999"),
        Post("/staff/consultations/{id:int}", Staff, "Extend", "/staff/consultations/999999"),
        Post("/staff/consultations/{id:int}", Staff, "RemoveQuestion", "/staff/consultations/999999"),
        Post("/staff/consultations/{id:int}", Staff, "MoveQuestion", "/staff/consultations/999999"),
        Get("/staff/consultations/{id:int}/edit", Staff, "/staff/consultations/999999/edit"),
        Post("/staff/consultations/{id:int}/edit", Staff, sample: "/staff/consultations/999999/edit"),
        Get("/staff/consultations/{id:int}/publish", Staff, "/staff/consultations/999999/publish"),
        Post("/staff/consultations/{id:int}/publish", Staff, sample: "/staff/consultations/999999/publish"),
        Get("/staff/consultations/{id:int}/preview", Staff, "/staff/consultations/999999/preview"),
        Get("/staff/consultations/{id:int}/questions/new", Staff, "/staff/consultations/999999/questions/new"),
        Post("/staff/consultations/{id:int}/questions/new", Staff, sample: "/staff/consultations/999999/questions/new"),
        Get("/staff/consultations/{id:int}/questions/{questionId:int}", Staff, "/staff/consultations/999999/questions/1"),
        Post("/staff/consultations/{id:int}/questions/{questionId:int}", Staff, sample: "/staff/consultations/999999/questions/1"),
        Get("/staff/consultations/{id:int}/responses", Staff, "/staff/consultations/999999/responses"),
        Get("/staff/consultations/{id:int}/responses/new", Staff, "/staff/consultations/999999/responses/new"),
        Post("/staff/consultations/{id:int}/responses/new", Staff, sample: "/staff/consultations/999999/responses/new"),
        Get("/staff/consultations/{id:int}/responses/entered", Staff, "/staff/consultations/999999/responses/entered?reference=CR-2026-0001"),
        Get("/staff/consultations/{id:int}/responses/{responseId:int}", Staff, "/staff/consultations/999999/responses/1"),
        Post("/staff/consultations/{id:int}/responses/{responseId:int}", Staff, "Flag", "/staff/consultations/999999/responses/1"),
        Post("/staff/consultations/{id:int}/responses/{responseId:int}", Staff, "Count", "/staff/consultations/999999/responses/1"),

        Get("/staff/priorities", Staff),
        Get("/staff/priorities/{number:int}", Staff, "/staff/priorities/18"),
        Get("/staff/priorities/{number:int}/evidence.csv", Staff, "/staff/priorities/18/evidence.csv"),

        Get("/staff/provider-engagement", Staff),
        Get("/staff/provider-engagement/{id:int}", Staff, "/staff/provider-engagement/999999"), // 404 for staff
        Post("/staff/provider-engagement/{id:int}", Staff, "Approve", "/staff/provider-engagement/999999"),
        Post("/staff/provider-engagement/{id:int}", Staff, "SendBack", "/staff/provider-engagement/999999"),
        Get("/staff/market-standard", Staff),
        Get("/staff/market-standard/new", Staff),
        Post("/staff/market-standard/new", Staff),
        Get("/staff/market-standard/{id:int}", Staff, "/staff/market-standard/999999"), // 404 for staff
        Post("/staff/market-standard/{id:int}", Staff, sample: "/staff/market-standard/999999"),
        Post("/staff/market-standard/{id:int}", Staff, "Retire", "/staff/market-standard/999999"),
        Get("/staff/market-standard/market", Staff),
        Get("/staff/market-standard/market.csv", Staff),
        Get("/staff/market-standard/providers/{id}", Staff, "/staff/market-standard/providers/not-a-real-organisation"), // 404 for staff
        Post("/staff/market-standard/providers/{id}", Staff, "Judge", "/staff/market-standard/providers/not-a-real-organisation"),

        // Consultations: analysis and outcome (999999 is a 404 for staff)
        Get("/staff/consultations/{id:int}/analysis", Staff, "/staff/consultations/999999/analysis"),
        Post("/staff/consultations/{id:int}/analysis", Staff, "Tag", "/staff/consultations/999999/analysis"),
        Get("/staff/consultations/{id:int}/responses.csv", Staff, "/staff/consultations/999999/responses.csv"),
        Get("/staff/consultations/{id:int}/responses.json", Staff, "/staff/consultations/999999/responses.json"),
        Get("/staff/consultations/{id:int}/outcome", Staff, "/staff/consultations/999999/outcome"),
        Post("/staff/consultations/{id:int}/outcome", Staff, sample: "/staff/consultations/999999/outcome"),
        Post("/staff/consultations/{id:int}/outcome", Staff, "Preview", "/staff/consultations/999999/outcome"),

        // Provider organisations: their own records only (another organisation's record is a 404, tested in ProviderEngagement)
        Get("/provider/engagement", ProviderOnly),
        Get("/provider/engagement/new", ProviderOnly),
        Post("/provider/engagement/new", ProviderOnly),
        Get("/provider/engagement/{id:int}", ProviderOnly, "/provider/engagement/999999"), // 404 for a provider
        Post("/provider/engagement/{id:int}", ProviderOnly, sample: "/provider/engagement/999999"),
        Post("/provider/engagement/{id:int}", ProviderOnly, "Status", "/provider/engagement/999999"),
        Get("/provider/engagement/standard", ProviderOnly),

        // Forum agendas: providers suggest items for their own audience's forums (another organisation's item is a 404,
        // another audience is refused with a message: tested in Forums/ForumLoopTests); staff build agendas and minutes.
        Get("/provider/forums", ProviderOnly),
        Get("/provider/forums/{id:int}/suggest", ProviderOnly, "/provider/forums/{event}/suggest"), // a workshop: "not a provider forum"
        Post("/provider/forums/{id:int}/suggest", ProviderOnly, sample: "/provider/forums/{event}/suggest"),
        Get("/provider/forums/items/{id:int}", ProviderOnly, "/provider/forums/items/999999"), // 404 for a provider
        Post("/provider/forums/items/{id:int}", ProviderOnly, "Withdraw", "/provider/forums/items/999999"),
        Get("/staff/events/{id:int}/agenda", Staff, "/staff/events/{event}/agenda"), // a workshop: 404 for staff
        Post("/staff/events/{id:int}/agenda", Staff, "Decide", "/staff/events/{event}/agenda"),
        Post("/staff/events/{id:int}/agenda", Staff, "Add", "/staff/events/{event}/agenda"),
        Post("/staff/events/{id:int}/agenda", Staff, "Publish", "/staff/events/{event}/agenda"),
        Get("/staff/events/{id:int}/minutes", Staff, "/staff/events/{event}/minutes"),
        Post("/staff/events/{id:int}/minutes", Staff, sample: "/staff/events/{event}/minutes"),
        Post("/staff/events/{id:int}/minutes", Staff, "Action", "/staff/events/{event}/minutes"),

        // Administrators only
        Get("/admin", AdminOnly),
        Get("/admin/staff", AdminOnly),
        Get("/admin/providers", AdminOnly),
        Get("/admin/audit", AdminOnly),
        Get("/admin/audit.csv", AdminOnly),
        Get("/admin/staff/invite", AdminOnly),
        Post("/admin/staff/invite", AdminOnly),
        Get("/admin/staff/{id}", AdminOnly, "/admin/staff/not-a-real-account"), // 404 for an administrator
        Post("/admin/staff/{id}", AdminOnly, "Role", "/admin/staff/not-a-real-account"),
        Post("/admin/staff/{id}", AdminOnly, "Disable", "/admin/staff/not-a-real-account"),
        Post("/admin/staff/{id}", AdminOnly, "Enable", "/admin/staff/not-a-real-account"),
        Post("/admin/staff/{id}", AdminOnly, "Unlock", "/admin/staff/not-a-real-account"),
        Post("/admin/staff/{id}", AdminOnly, "ResetTwoFactor", "/admin/staff/not-a-real-account"),
        Post("/admin/staff/{id}", AdminOnly, "Resend", "/admin/staff/not-a-real-account"),
        Get("/admin/jobs", AdminOnly),
        Post("/admin/jobs", AdminOnly, "Retry"),
        Post("/admin/jobs", AdminOnly, "Delete"),
        Post("/admin/jobs", AdminOnly, "Run"),
        Get("/hangfire/{**path}", AdminOnly, "/hangfire"),

        // Operations
        Get("/health/live", Public),
        Get("/health/ready", Public),

        // Anything else is a 404 for everyone
        Get("/{*path:nonfile}", Public, "/no-such-page"),
    ];

    public static string Key(string method, string route, string? handler) =>
        $"{method} /{route.TrimStart('/')}".ToLowerInvariant() + (handler is null ? "" : "?handler=" + handler);

    /// <summary>Every endpoint the running app has, as method + route (+ named handler) keys.</summary>
    private async Task<List<(string Key, string Method, string Route, string? Handler)>> EndpointsAsync()
    {
        var sources = factory.Services.GetRequiredService<EndpointDataSource>();
        var loader = factory.Services.GetRequiredService<PageLoader>();
        var found = new List<(string, string, string, string?)>();
        foreach (var endpoint in sources.Endpoints.OfType<RouteEndpoint>())
        {
            var route = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                var handlers = compiled.HandlerMethods.Select(h => (Method: h.HttpMethod.ToUpperInvariant(), h.Name)).Distinct().ToList();
                if (handlers.All(h => h.Method != "GET" || h.Name is not null))
                {
                    handlers.Add(("GET", null)); // a page without OnGet still renders on GET
                }

                found.AddRange(handlers.Select(h => (Key(h.Method, route, h.Name), h.Method, route, h.Name)));
            }
            else
            {
                var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
                found.AddRange(methods.Where(m => m is "GET" or "POST").Select(m => (Key(m, route, null), m, route, (string?)null)));
            }
        }

        return found.DistinctBy(f => f.Item1).ToList();
    }

    [Fact]
    public async Task Every_endpoint_is_in_the_access_table_and_gives_each_user_what_the_table_says()
    {
        using var anonymous = factory.CreateBrowserClient();
        var endpoints = await EndpointsAsync();
        var table = Table.ToDictionary(r => r.Key);

        var missing = endpoints.Where(e => !table.ContainsKey(e.Key)).Select(e => $"endpoint {e.Key} is not in the access table").ToList();
        Assert.True(missing.Count == 0, string.Join("\n", missing));
        var stale = Table.Where(r => endpoints.All(e => e.Key != r.Key)).Select(r => $"table row {r.Key} matches no endpoint").ToList();
        Assert.True(stale.Count == 0, string.Join("\n", stale));

        var clients = new Dictionary<string, HttpClient> { ["anonymous"] = anonymous };
        foreach (var (name, email) in new[] { ("provider", TestAccounts.CareHomeProvider), ("commissioner", TestAccounts.Commissioner), ("admin", TestAccounts.Admin) })
        {
            clients[name] = factory.CreateBrowserClient();
            await TestAccounts.SignInAsync(clients[name], email);
        }

        var samples = await SamplesAsync();
        var failures = new List<string>();
        foreach (var rule in Table.Where(r => r.Method == "GET"))
        {
            var url = Fill(rule.Sample, samples) + (rule.Handler is null ? "" : "?handler=" + rule.Handler);
            foreach (var (name, expected) in new[] { ("anonymous", rule.Anonymous), ("provider", rule.Provider), ("commissioner", rule.Commissioner), ("admin", rule.Admin) })
            {
                if (expected == NotApplicable)
                {
                    continue;
                }

                var response = await clients[name].GetAsync(url);
                var actual = Classify(response);
                if (actual != expected)
                {
                    failures.Add($"GET {url} as {name}: expected {expected}, got {actual} ({(int)response.StatusCode} {response.Headers.Location})");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures) + string.Join("\n", factory.Logs.Lines.Where(l => l.Contains("rror") || l.Contains("xception")).Take(5)));
    }

    [Fact]
    public async Task Every_post_handler_refuses_a_post_without_an_antiforgery_token()
    {
        var admin = factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(admin, TestAccounts.Admin);
        var provider = factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(provider, TestAccounts.CareHomeProvider);
        using var anonymous = factory.CreateBrowserClient();
        var samples = await SamplesAsync();
        var failures = new List<string>();
        var posts = Table.Where(r => r.Method == "POST").ToList();
        Assert.Contains(posts, r => r.Route == "/staff/responses/{id:int}" && r.Handler == "Status");

        foreach (var rule in posts)
        {
            var url = Fill(rule.Sample, samples);
            url += (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + (rule.Handler is null ? "" : "handler=" + rule.Handler);
            var client = rule.Anonymous == Allowed ? anonymous : rule.Admin == Allowed ? admin : provider;
            var response = await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Title"] = "no token" }));
            if (rule.Antiforgery && response.StatusCode != HttpStatusCode.BadRequest)
            {
                failures.Add($"POST {url}: expected 400 without a token, got {(int)response.StatusCode}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures) + string.Join("\n", factory.Logs.Lines.Where(l => l.Contains("rror") || l.Contains("xception")).Take(5)));
        await using var db = factory.CreateDbContext();
        Assert.False(await db.ResponseEntries.AnyAsync(e => e.Title == "no token"));
    }

    [Fact]
    public async Task A_missing_endpoint_is_reported_by_name()
    {
        var endpoints = await EndpointsAsync();
        var withoutOne = Table.Where(r => r.Key != Key("POST", "/staff/responses/{id:int}", "Publish")).Select(r => r.Key).ToHashSet();

        var missing = endpoints.Where(e => !withoutOne.Contains(e.Key)).Select(e => $"endpoint {e.Key} is not in the access table").ToList();

        Assert.Equal(["endpoint post /staff/responses/{id:int}?handler=Publish is not in the access table"], missing);
    }

    private static Outcome Classify(HttpResponseMessage response)
    {
        var location = response.Headers.Location?.OriginalString ?? "";
        if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect)
        {
            if (location.Contains("/account/login", StringComparison.OrdinalIgnoreCase))
            {
                return Login;
            }

            if (location.Contains("/account/access-denied", StringComparison.OrdinalIgnoreCase))
            {
                return Forbidden;
            }
        }

        if (response.StatusCode == HttpStatusCode.Forbidden)
        {
            return Forbidden;
        }

        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            return Login;
        }

        return (int)response.StatusCode < 500 ? Allowed : NotApplicable;
    }

    private async Task<Dictionary<string, string>> SamplesAsync()
    {
        await using var db = factory.CreateDbContext();
        return new Dictionary<string, string>
        {
            ["{feedback}"] = (await db.FeedbackItems.OrderBy(f => f.Id).Select(f => f.Id).FirstAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{entry}"] = (await db.ResponseEntries.OrderBy(e => e.Id).Select(e => e.Id).FirstAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{reference}"] = await db.ResponseEntries.Where(e => e.IsPublished).OrderBy(e => e.Id).Select(e => e.Reference).FirstAsync(),
            ["{event}"] = (await db.Events.Where(e => e.Audience == Engagement.Domain.Events.EventAudience.Anyone).OrderBy(e => e.Id).Select(e => e.Id).FirstAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    private static string Fill(string sample, Dictionary<string, string> samples) =>
        samples.Aggregate(sample, (url, s) => url.Replace(s.Key, s.Value, StringComparison.Ordinal));
}
