using System.Net;
using AngleSharp.Html.Dom;
using Engagement.Domain.Consultations;
using Engagement.Domain.Feedback;
using Engagement.IntegrationTests.Consultations;
using Engagement.IntegrationTests.Events;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.IntegrationTests.ProviderEngagement;
using Engagement.Web.Features.Privacy;
using Engagement.Web.Features.Triage;
using Microsoft.EntityFrameworkCore;

namespace Engagement.IntegrationTests.Privacy;

/// <summary>/staff/data-requests through the real pages, signed in as a commissioner.</summary>
public sealed class DataRequestsPageTests(PrivacyFactory factory) : IClassFixture<PrivacyFactory>
{
    private async Task<HttpClient> StaffAsync()
    {
        var client = factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(client, TestAccounts.Commissioner);
        return client;
    }

    private static async Task<IHtmlDocument> PostAsync(HttpClient client, IHtmlDocument page, string handler, Dictionary<string, string> values, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await Html.SubmitAsync(client, page, values, $"form[action*='handler={handler}']");
        Assert.Equal(expected, response.StatusCode);
        return await Html.ParseAsync(response);
    }

    private async Task<(int Id, IHtmlDocument Page)> RecordAsync(HttpClient client, string kind, DateOnly received)
    {
        var (_, form) = await Html.GetAsync(client, "/staff/data-requests/new");
        var response = await Html.SubmitAsync(client, form, new Dictionary<string, string>
        {
            ["Input.Kind"] = kind,
            ["Input.ReceivedOn.Day"] = received.Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.ReceivedOn.Month"] = received.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.ReceivedOn.Year"] = received.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.CaseReference"] = "DP-" + Guid.NewGuid().ToString("N")[..6],
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        var (_, page) = await Html.GetAsync(client, location);
        return (int.Parse(location.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture), page);
    }

    [Fact]
    public async Task Recording_a_request_needs_a_kind_and_a_date_and_the_list_marks_due_soon_and_overdue_in_words()
    {
        var client = await StaffAsync();
        var (_, form) = await Html.GetAsync(client, "/staff/data-requests/new");
        var refused = await Html.SubmitAsync(client, form, new Dictionary<string, string> { ["Input.ReceivedOn.Day"] = "", ["Input.ReceivedOn.Month"] = "", ["Input.ReceivedOn.Year"] = "", ["Input.CaseReference"] = "DP-KEPT" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var errors = await Html.ParseAsync(refused);
        Assert.StartsWith("Error: ", errors.Title);
        Assert.Contains("Select the kind of request", Html.ErrorSummary(errors));
        Assert.Contains("Enter the date the request was received", Html.ErrorSummary(errors));
        Assert.Equal("DP-KEPT", errors.QuerySelector("#Input_CaseReference")!.GetAttribute("value"));
        Html.AssertErrorsDescribeTheirFields(errors);

        var today = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime);
        var (future, _) = (await Html.SubmitAsync(client, form, new Dictionary<string, string>
        {
            ["Input.Kind"] = "Access",
            ["Input.ReceivedOn.Day"] = today.AddDays(3).Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.ReceivedOn.Month"] = today.AddDays(3).Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.ReceivedOn.Year"] = today.AddDays(3).Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }), 0);
        Assert.Equal(HttpStatusCode.OK, future.StatusCode);

        var (onTime, page) = await RecordAsync(client, "Access", today);
        Assert.Equal(today.AddMonths(1).ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector("#due")!.Text().Trim());
        var (soon, _) = await RecordAsync(client, "Objection", today.AddDays(-25));
        var (late, _) = await RecordAsync(client, "Rectification", today.AddDays(-40));
        var (_, list) = await Html.GetAsync(client, "/staff/data-requests");
        string Status(int id) => list.QuerySelectorAll("#open-requests tbody tr").Single(r => r.QuerySelector($"a[href='/staff/data-requests/{id}']") is not null).QuerySelector(".govuk-tag")!.Text();
        Assert.Equal("Open", Status(onTime));
        Assert.Equal("Due soon", Status(soon));
        Assert.Equal("Overdue", Status(late));

        var (_, latePage) = await Html.GetAsync(client, $"/staff/data-requests/{late}");
        var completed = await Html.SubmitAsync(client, latePage, new Dictionary<string, string>(), "form[action*='handler=Complete']");
        Assert.Equal(HttpStatusCode.Redirect, completed.StatusCode);
        (_, list) = await Html.GetAsync(client, "/staff/data-requests");
        Assert.Null(list.QuerySelector($"a[href='/staff/data-requests/{late}']"));
    }

    [Fact]
    public async Task Search_export_and_erasure_find_everything_for_an_address_need_a_safeguarding_decision_and_are_audited_without_it()
    {
        const string email = "requester@example.org";
        var staff = await factory.StaffUserIdAsync();
        var plain = await factory.SubmitAsync("Requester's plain feedback", email);
        var flagged = await factory.SubmitAsync("Requester's safeguarding feedback", email);
        await factory.HandleAsync<FlagSafeguardingConcernHandler>(h => h.HandleAsync(new FlagSafeguardingConcern(flagged.Id, null, staff)));
        var eventId = await EventsTestSupport.AddEventAsync(factory);
        Assert.True((await EventsTestSupport.RegisterAsync(factory, EventsTestSupport.Command(eventId, email, "Requester Person"))).Succeeded);

        var client = await StaffAsync();
        var (id, page) = await RecordAsync(client, "Erasure", DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime));

        var bad = await PostAsync(client, page, "Search", new() { ["Query"] = "not an address" });
        Assert.Contains(Html.ErrorSummary(bad), e => e.StartsWith("Enter an email address", StringComparison.Ordinal));
        Assert.Equal("not an address", bad.QuerySelector("#Query")!.GetAttribute("value"));

        var found = await PostAsync(client, page, "Search", new() { ["Query"] = " Requester@Example.org " });
        Assert.Equal(2, found.QuerySelectorAll(".app-held-feedback").Length);
        Assert.Contains("Requester's plain feedback", found.QuerySelector("#results")!.ParentElement!.TextContent);
        Assert.Single(found.QuerySelectorAll(".app-held-booking"));
        Assert.True(found.QuerySelectorAll(".app-held-email").Length >= 3);
        Assert.Contains("Safeguarding concern", found.DocumentElement.TextContent);

        var export = await Html.SubmitAsync(client, found, new Dictionary<string, string>(), "form[action*='handler=Export']");
        Assert.Equal("application/json", export.Content.Headers.ContentType!.MediaType);
        var json = System.Text.Json.JsonDocument.Parse(await export.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(2, json.GetProperty("Feedback").GetArrayLength());
        Assert.Equal("Requester Person", json.GetProperty("Bookings")[0].GetProperty("Name").GetString());

        var undecided = await PostAsync(client, found, "Erase", new() { ["Reason"] = "Identity checked" });
        Assert.Contains("Select what to do with the safeguarding feedback", Html.ErrorSummary(undecided));
        Assert.Equal("Identity checked", undecided.QuerySelector("#Reason")!.TextContent);
        Html.AssertErrorsDescribeTheirFields(undecided);
        Assert.Equal("Requester's plain feedback", (await factory.ItemAsync(plain.Id)).Text);

        var erased = await PostAsync(client, undecided, "Erase", new() { ["Reason"] = "Identity checked", ["Decision"] = "Keep" });
        Assert.Contains("Erased 1 feedback item(s), 1 booking(s)", erased.QuerySelector("#erasure-result")!.Text());
        Assert.Contains("Identity checked", erased.QuerySelector("#erased")!.Text());
        Assert.Equal(FeedbackItem.ErasedText, (await factory.ItemAsync(plain.Id)).Text);
        Assert.Equal("Requester's safeguarding feedback", (await factory.ItemAsync(flagged.Id)).Text);
        await using var db = factory.CreateDbContext();
        Assert.False(await db.Registrations.AnyAsync(r => r.NormalisedEmail == email));
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.ToAddress == email));
        var audit = await db.AuditRecords.Where(a => a.EntityType == "DataRequest" && a.EntityId == id.ToString()).ToListAsync();
        Assert.Equal(
            [DataRequestAudit.Erased, DataRequestAudit.Exported, DataRequestAudit.Recorded, DataRequestAudit.Searched],
            audit.Select(a => a.Action).Distinct().Order());
        Assert.All(audit, a => Assert.DoesNotContain("requester", a.Detail ?? "", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(audit, a => a.Action == DataRequestAudit.Erased && a.Detail == "feedback=1;bookings=1;emails=" + a.Detail!.Split("emails=")[1].Split(';')[0] + ";alerts=0;responses=0;accounts=0;kept-for-safeguarding=1;decision=Keep");
        Assert.All(audit, a => Assert.NotNull(a.ActorUserId));
    }

    [Fact]
    public async Task Consultation_responses_are_found_by_address_and_reference_exported_and_erased_keeping_the_options_chosen_with_a_safeguarding_decision()
    {
        const string email = "respondent@example.org";
        var staff = await factory.StaffUserIdAsync();
        var consultation = await AnalysisTestSupport.CreateOpenAsync(factory);
        var plain = await AnalysisTestSupport.AnswerAsync(factory, consultation, "Carer", "Poor", ["Clearer letters"], other: "Respondent's other answer",
            text: "Respondent's written answer", email: email, wantsOutcome: true);
        var flagged = await AnalysisTestSupport.AnswerAsync(factory, consultation, "Resident", "Good", ["Lower charges"], text: "Respondent's worrying answer", email: email);
        await using (var db = factory.CreateDbContext())
        {
            var response = await db.ConsultationResponses.SingleAsync(r => r.Reference == flagged);
            Assert.True(response.FlagAs(ResponseFlag.SafeguardingConcern, staff, factory.Clock.GetUtcNow().UtcDateTime).Succeeded);
            await db.SaveChangesAsync();
        }

        var client = await StaffAsync();
        var (id, page) = await RecordAsync(client, "Erasure", DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime));

        var byReference = await PostAsync(client, page, "Search", new() { ["Query"] = plain.ToLowerInvariant() });
        var one = Assert.Single(byReference.QuerySelectorAll(".app-held-response"));
        Assert.Contains(plain, one.TextContent, StringComparison.Ordinal);
        Assert.Contains("Respondent's written answer", one.TextContent, StringComparison.Ordinal);
        Assert.Contains("Clearer letters", one.TextContent, StringComparison.Ordinal);
        Assert.Empty(byReference.QuerySelectorAll(".app-held-feedback"));

        var found = await PostAsync(client, page, "Search", new() { ["Query"] = email });
        Assert.Equal(2, found.QuerySelectorAll(".app-held-response").Length);
        Assert.Contains("Safeguarding concern", found.QuerySelectorAll(".app-held-response")[1].TextContent, StringComparison.Ordinal);

        var export = await Html.SubmitAsync(client, found, new Dictionary<string, string>(), "form[action*='handler=Export']");
        var json = System.Text.Json.JsonDocument.Parse(await export.Content.ReadAsStringAsync()).RootElement;
        var exported = json.GetProperty("ConsultationResponses");
        Assert.Equal(2, exported.GetArrayLength());
        Assert.Equal(email, exported[0].GetProperty("Email").GetString());
        Assert.Contains(exported[0].GetProperty("Answers").EnumerateArray(), a => a.GetProperty("Text").GetString() == "Respondent's other answer");

        var undecided = await PostAsync(client, found, "Erase", new() { ["Reason"] = "Identity checked" });
        Assert.Contains("Select what to do with the safeguarding feedback", Html.ErrorSummary(undecided));
        var erased = await PostAsync(client, undecided, "Erase", new() { ["Reason"] = "Identity checked", ["Decision"] = "Keep" });
        Assert.Contains("1 consultation response(s)", erased.QuerySelector("#erasure-result")!.Text());
        Assert.Contains("1 safeguarding item(s) kept", erased.QuerySelector("#erasure-result")!.Text());

        await using var check = factory.CreateDbContext();
        var responses = await check.ConsultationResponses.AsNoTracking().Include(r => r.Answers).Where(r => r.ConsultationId == consultation.Id).ToListAsync();
        var gone = responses.Single(r => r.Reference == plain);
        Assert.Null(gone.Email);
        Assert.False(gone.WantsOutcome);
        Assert.All(gone.Answers.Where(a => a.Text is not null), a => Assert.Equal("", a.Text));
        Assert.Equal(
            [int.Parse(consultation.Option(consultation.RoleQuestion, "Carer")), int.Parse(consultation.Option(consultation.RatingQuestion, "Poor")), int.Parse(consultation.Option(consultation.ChoicesQuestion, "Clearer letters"))],
            gone.Answers.Where(a => a.OptionId is not null).Select(a => a.OptionId!.Value).Order());
        var kept = responses.Single(r => r.Reference == flagged);
        Assert.Equal(email, kept.Email);
        Assert.Contains(kept.Answers, a => a.Text == "Respondent's worrying answer");
        var audit = await check.AuditRecords.Where(a => a.EntityType == "DataRequest" && a.EntityId == id.ToString() && a.Action == DataRequestAudit.Erased).SingleAsync();
        Assert.Contains("responses=1;accounts=0;kept-for-safeguarding=1;decision=Keep", audit.Detail, StringComparison.Ordinal);
        Assert.True(await check.AuditRecords.AnyAsync(a => a.Action == WithdrawalAudit.ConsultationResponseErased && a.EntityId == gone.Id.ToString()));
    }

    [Fact]
    public async Task A_provider_account_is_erased_and_closed_for_good_its_published_record_stays_and_a_staff_account_is_refused()
    {
        var provider = await ProviderEngagementTestSupport.SignedInAsync(factory, TestAccounts.CareHomeProvider);
        var recordId = await ProviderEngagementTestSupport.RecordAsync(provider, ProviderEngagementTestSupport.Form("Residents asked for a later breakfast."));
        var client = await StaffAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await ProviderEngagementTestSupport.ReviewAsync(client, recordId, approve: true)).StatusCode);
        var slug = await ProviderEngagementTestSupport.SlugOfAsync(factory, TestAccounts.CareHomeProvider);
        string accountId;
        await using (var db = factory.CreateDbContext())
        {
            var user = await db.Users.SingleAsync(u => u.Email == TestAccounts.CareHomeProvider);
            accountId = user.Id;
            user.PhoneNumber = "07700 900461";
            await db.SaveChangesAsync();
        }

        var (id, page) = await RecordAsync(client, "Erasure", DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime));
        var found = await PostAsync(client, page, "Search", new() { ["Query"] = TestAccounts.CareHomeProvider });
        var account = Assert.Single(found.QuerySelectorAll(".app-held-account"));
        Assert.Contains("07700 900461", account.TextContent, StringComparison.Ordinal);
        Assert.Contains("1 engagement record(s)", account.TextContent, StringComparison.Ordinal);
        var export = await Html.SubmitAsync(client, found, new Dictionary<string, string>(), "form[action*='handler=Export']");
        var json = System.Text.Json.JsonDocument.Parse(await export.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(TestAccounts.CareHomeProvider, json.GetProperty("Accounts")[0].GetProperty("Email").GetString());

        var erased = await PostAsync(client, found, "Erase", new() { ["Reason"] = "Left the organisation" });
        Assert.Contains("1 provider account(s)", erased.QuerySelector("#erasure-result")!.Text());

        await using (var db = factory.CreateDbContext())
        {
            var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == accountId);
            Assert.Null(user.Email);
            Assert.Null(user.NormalizedEmail);
            Assert.Null(user.PasswordHash);
            Assert.Null(user.PhoneNumber);
            Assert.DoesNotContain("@", user.UserName!, StringComparison.Ordinal);
            Assert.True(user.IsDisabled);
            Assert.Equal("Erased account", user.DisplayName);
            Assert.False(await db.UserTokens.AnyAsync(t => t.UserId == accountId));
            Assert.Equal(slug, user.ProviderSlug);
            Assert.True(await db.EngagementRecords.AnyAsync(r => r.Id == recordId && r.ProviderUserId == accountId));
            Assert.True(await db.AuditRecords.AnyAsync(a => a.Action == WithdrawalAudit.AccountErased && a.EntityId == accountId));
        }

        // Its session has ended, it cannot sign in again, and the organisation's published record is still public.
        var (afterwards, _) = await Html.GetAsync(provider, "/provider/engagement");
        Assert.NotEqual(HttpStatusCode.OK, afterwards.StatusCode);
        var login = factory.CreateBrowserClient();
        var (_, loginPage) = await Html.GetAsync(login, "/account/login");
        var refused = await Html.SubmitAsync(login, loginPage, new Dictionary<string, string> { ["Input.Email"] = TestAccounts.CareHomeProvider, ["Input.Password"] = EngagementFactory.DemoPassword }, "main form[method=post]");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.NotEmpty(Html.ErrorSummary(await Html.ParseAsync(refused)));
        var organisation = await ProviderEngagementTestSupport.PublicAsync(factory, "/providers/" + slug);
        Assert.Contains("Residents asked for a later breakfast.", organisation.DocumentElement.TextContent, StringComparison.Ordinal);

        // A staff account is shown with a warning and an erasure leaves it as it is.
        var staffFound = await PostAsync(client, erased, "Search", new() { ["Query"] = TestAccounts.Admin });
        Assert.NotNull(staffFound.QuerySelector(".app-staff-account-refused"));
        var staffErase = await Html.SubmitAsync(client, staffFound, new Dictionary<string, string> { ["Reason"] = "Asked by a colleague" },
            "form[action*='handler=Search']", $"/staff/data-requests/{id}?handler=Erase");
        Assert.Equal(HttpStatusCode.OK, staffErase.StatusCode);
        Assert.Contains("staff accounts cannot be erased through a data request", (await Html.ParseAsync(staffErase)).QuerySelector("#erasure-result")!.Text(), StringComparison.Ordinal);
        await using (var db = factory.CreateDbContext())
        {
            var admin = await db.Users.AsNoTracking().SingleAsync(u => u.NormalizedEmail == TestAccounts.Admin.ToUpperInvariant());
            Assert.False(admin.IsDisabled);
            Assert.NotNull(admin.PasswordHash);
        }
    }
}
