using System.Net;
using AngleSharp.Dom;
using Engagement.Domain.Calendar;
using Engagement.Domain.Common;
using Engagement.Domain.Providers;
using Engagement.IntegrationTests.Accounts;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.Web.Features.EngagementStandard;
using Engagement.Web.Features.Providers;
using Microsoft.EntityFrameworkCore;
using static Engagement.IntegrationTests.EngagementStandard.StandardTestSupport;

namespace Engagement.IntegrationTests.EngagementStandard;

/// <summary>
/// The standard's pages over HTTP: commissioners edit the criteria, see the market (their own providers first) and its
/// CSV, judge what they check; a provider sees only its own position; the dedicated commissioner hears of a publication.
/// </summary>
public sealed class MarketStandardPageTests(EngagementFactory factory) : IClassFixture<EngagementFactory>
{
    private static readonly DateOnly Today = WorkingDayCalendar.UkDate(DateTime.UtcNow);
    private static readonly StandardQuarter Current = StandardQuarter.Containing(Today);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string Unique(string stem) => stem + " " + Guid.NewGuid().ToString("N")[..6];

    private async Task<HttpClient> SignedInAsync(string email, string password = EngagementFactory.DemoPassword)
    {
        var client = factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(client, email, password);
        return client;
    }

    [Fact]
    public async Task Commissioners_add_change_and_remove_a_criterion_each_step_audited()
    {
        var commissioner = await Triage.Staff.CommissionerAsync(factory);
        var name = Unique("Told people within weeks");

        var added = await Triage.Staff.PostAsync(commissioner, "/staff/market-standard/new", "form#criterion-form", new()
        {
            ["Input.Name"] = name,
            ["Input.Description"] = "Each engagement leads to a reply",
            ["Input.Check"] = nameof(CriterionCheck.RespondedWithinWeeks),
            ["Input.Parameter"] = "8",
        });
        Triage.Staff.AssertRedirect(added, "/staff/market-standard");
        int id;
        await using (var db = factory.CreateDbContext())
        {
            var criterion = await db.StandardCriteria.AsNoTracking().SingleAsync(c => c.Name == name);
            id = criterion.Id;
            Assert.Equal(CriterionCheck.RespondedWithinWeeks, criterion.Check);
            Assert.Equal(8, criterion.Parameter);
            Assert.True(await db.AuditRecords.AnyAsync(a => a.Action == StandardAudit.CriterionAdded && a.EntityId == id.ToString()));
        }

        var (_, list) = await Html.GetAsync(commissioner, "/staff/market-standard");
        Assert.Contains(name, list.QuerySelector("#criteria")!.TextContent, StringComparison.Ordinal);

        var changed = await Triage.Staff.PostAsync(commissioner, $"/staff/market-standard/{id}", "form#criterion-form", new() { ["Input.Parameter"] = "6" });
        Triage.Staff.AssertRedirect(changed, "/staff/market-standard");
        var removed = await Triage.Staff.PostAsync(commissioner, $"/staff/market-standard/{id}", "form#retire-form", []);
        Triage.Staff.AssertRedirect(removed, "/staff/market-standard");

        await using (var db = factory.CreateDbContext())
        {
            var criterion = await db.StandardCriteria.AsNoTracking().SingleAsync(c => c.Id == id);
            Assert.Equal(6, criterion.Parameter);
            Assert.NotNull(criterion.RetiredAt);
            Assert.True(await db.AuditRecords.AnyAsync(a => a.Action == StandardAudit.CriterionEdited && a.EntityId == id.ToString()));
            Assert.True(await db.AuditRecords.AnyAsync(a => a.Action == StandardAudit.CriterionRemoved && a.EntityId == id.ToString()));
        }

        (_, list) = await Html.GetAsync(commissioner, "/staff/market-standard");
        Assert.DoesNotContain(name, list.Body!.TextContent, StringComparison.Ordinal);
        var (gone, _) = await Html.GetAsync(commissioner, $"/staff/market-standard/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task A_wrong_criterion_form_shows_each_error_beside_its_field_keeps_the_answers_and_saves_nothing()
    {
        var commissioner = await Triage.Staff.CommissionerAsync(factory);
        await using var before = factory.CreateDbContext();
        var count = await before.StandardCriteria.CountAsync();

        var page = await Triage.Staff.PostExpectingErrorAsync(commissioner, "/staff/market-standard/new", "form#criterion-form", new()
        {
            ["Input.Name"] = "Kept name",
            ["Input.Description"] = "",
            ["Input.Check"] = "Banana",
        });
        Assert.Equal(["Enter a description: providers see it beside their position", "Select how the criterion is checked"], Html.ErrorSummary(page).Order());
        Assert.Equal("Kept name", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_Name")!.Value);
        Assert.NotNull(page.QuerySelector("#Input_Check-error"));
        Html.AssertErrorsDescribeTheirFields(page);

        page = await Triage.Staff.PostExpectingErrorAsync(commissioner, "/staff/market-standard/new", "form#criterion-form", new()
        {
            ["Input.Name"] = "Kept name",
            ["Input.Description"] = "Kept description",
            ["Input.Check"] = nameof(CriterionCheck.EngagedPeopleUsingService),
            ["Input.Parameter"] = "two",
        });
        Assert.Equal(["Enter how many engagements a quarter as a number, like 2"], Html.ErrorSummary(page));
        Assert.NotNull(page.QuerySelector("#Input_Parameter-error"));
        Assert.NotNull(page.QuerySelector("#Input_Check-EngagedPeopleUsingService[checked], #Input_Check[checked]"));
        Html.AssertErrorsDescribeTheirFields(page);

        page = await Triage.Staff.PostExpectingErrorAsync(commissioner, "/staff/market-standard/new", "form#criterion-form", new()
        {
            ["Input.Name"] = "Kept name",
            ["Input.Description"] = "Kept description",
            ["Input.Check"] = nameof(CriterionCheck.RespondedWithinWeeks),
            ["Input.Parameter"] = "99",
        });
        Assert.Equal(["How many weeks must be between 1 and 26"], Html.ErrorSummary(page));

        await using var after = factory.CreateDbContext();
        Assert.Equal(count, await after.StandardCriteria.CountAsync());
    }

    [Fact]
    public async Task A_change_from_an_older_version_is_refused_as_a_conflict_and_nothing_is_overwritten()
    {
        var ids = await StandardAsync(factory, Engaged with { Name = Unique("Engaged") });
        var commissioner = await Triage.Staff.CommissionerAsync(factory);
        var (_, stale) = await Html.GetAsync(commissioner, $"/staff/market-standard/{ids[0]}");
        Triage.Staff.AssertRedirect(await Triage.Staff.PostAsync(commissioner, $"/staff/market-standard/{ids[0]}", "form#criterion-form", new() { ["Input.Parameter"] = "2" }), "/staff/market-standard");

        var response = await Html.SubmitAsync(commissioner, stale, new Dictionary<string, string> { ["Input.Parameter"] = "3" }, "form#criterion-form");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal([SaveCriterionHandler.ConflictMessage], Html.ErrorSummary(page));
        await using var db = factory.CreateDbContext();
        Assert.Equal(2, (await db.StandardCriteria.AsNoTracking().SingleAsync(c => c.Id == ids[0])).Parameter);
    }

    [Fact]
    public async Task The_market_lists_every_approved_provider_by_type_against_both_quarters_with_the_dedicated_commissioners_providers_first()
    {
        await StandardAsync(factory, Engaged, Published);
        var mineName = Unique("Mine Care Home");
        var otherName = Unique("Other Home Care");
        var (_, mine) = await ProviderAsync(factory, mineName, ProviderType.CareHome, TestAccounts.Commissioner);
        var (_, other) = await ProviderAsync(factory, otherName, ProviderType.HomeCare);
        var (_, suspended) = await ProviderAsync(factory, Unique("Suspended Care"));
        await RecordAsync(factory, mine, Today, approved: true);
        await RecordAsync(factory, mine, Current.Previous.Start, EngagementParticipants.Families);
        await RecordAsync(factory, other, Current.Previous.Start, approved: true);
        await using (var db = factory.CreateDbContext())
        {
            await db.Users.Where(u => u.Id == suspended).ExecuteUpdateAsync(s => s.SetProperty(u => u.SuspendedAt, DateTime.UtcNow));
        }

        var commissioner = await Triage.Staff.CommissionerAsync(factory);
        var (response, page) = await Html.GetAsync(commissioner, "/staff/market-standard/market");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var yours = page.QuerySelector("#yours")!;
        var mineRow = yours.QuerySelector($"tr[data-provider='{mine}']")!;
        Assert.Contains(mineName, mineRow.TextContent, StringComparison.Ordinal);
        Assert.Equal("Met", mineRow.QuerySelector("[data-quarter=current]").Text());
        Assert.Equal("Not met", mineRow.QuerySelector("[data-quarter=last]").Text());
        Assert.Null(yours.QuerySelector($"tr[data-provider='{other}']"));
        Assert.True(page.DocumentElement.OuterHtml.IndexOf("id=\"yours\"", StringComparison.Ordinal) < page.DocumentElement.OuterHtml.IndexOf("id=\"type-", StringComparison.Ordinal));
        var otherRow = page.QuerySelector($"#type-homecare tr[data-provider='{other}']")!;
        Assert.Equal("No records", otherRow.QuerySelector("[data-quarter=current]").Text());
        Assert.Equal("Met", otherRow.QuerySelector("[data-quarter=last]").Text());
        Assert.Null(page.QuerySelector($"tr[data-provider='{suspended}']"));
        Assert.Null(page.QuerySelector($"#type-carehome tr[data-provider='{mine}']"));

        // An administrator (nobody's dedicated commissioner) sees everyone by type.
        var admin = await SignedInAsync(TestAccounts.Admin);
        var (_, adminPage) = await Html.GetAsync(admin, "/staff/market-standard/market");
        Assert.Null(adminPage.QuerySelector("#yours"));
        Assert.NotNull(adminPage.QuerySelector($"#type-carehome tr[data-provider='{mine}']"));
        Assert.NotNull(adminPage.QuerySelector($"#type-homecare tr[data-provider='{other}']"));
    }

    [Fact]
    public async Task The_market_CSV_has_a_row_per_provider_per_quarter_and_hostile_text_is_escaped_for_spreadsheets()
    {
        await StandardAsync(factory, Engaged with { Name = "+SUM(1+1)" }, Published);
        var hostile = "=HYPERLINK(\"http://evil.example\",\"x\") " + Guid.NewGuid().ToString("N")[..6];
        var (_, id) = await ProviderAsync(factory, hostile, ProviderType.ExtraCareHousing);
        await RecordAsync(factory, id, Today);
        var commissioner = await Triage.Staff.CommissionerAsync(factory);

        var response = await commissioner.GetAsync("/staff/market-standard/market.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        var text = await response.Content.ReadAsStringAsync();
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Organisation,Type of service,Dedicated commissioner,Quarter,Quarter starts,Position,Records held,\"'+SUM(1+1)\",\"Published a You said, we did\"", lines[0].TrimStart('\uFEFF'));
        var rows = lines.Where(l => l.Contains("evil.example", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.StartsWith("\"'=HYPERLINK(", r, StringComparison.Ordinal));
        Assert.Contains($",{Current.Previous.Code},{Iso(Current.Previous.Start)},No records,0,Not met,Not met", rows[0], StringComparison.Ordinal);
        Assert.Contains($",{Current.Code},{Iso(Current.Start)},Partly met,1,Met,Not met", rows[1], StringComparison.Ordinal);

        var (_, page) = await Html.GetAsync(commissioner, "/staff/market-standard/market");
        Assert.Contains(hostile, page.QuerySelector($"tr[data-provider='{id}']").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_commissioner_records_a_dated_audited_judgement_and_a_missing_or_wrong_one_is_refused_beside_its_form()
    {
        var ids = await StandardAsync(factory, Complaints);
        var (_, id) = await ProviderAsync(factory, Unique("Judged Care"));
        await RecordAsync(factory, id, Today);
        var commissioner = await Triage.Staff.CommissionerAsync(factory);
        var url = $"/staff/market-standard/providers/{id}";
        var form = $"form#judge-{ids[0]}-{Iso(Current.Start)}";

        var (_, before) = await Html.GetAsync(commissioner, url);
        Assert.Equal("Not checked yet", before.QuerySelector($"#quarter-{Current.Start:yyyy-MM} [data-criterion='{ids[0]}'] .govuk-tag").Text());

        var empty = await Triage.Staff.PostExpectingErrorAsync(commissioner, url, form, []);
        Assert.Equal(["Select met, partly met or not met"], Html.ErrorSummary(empty));
        Assert.NotNull(empty.QuerySelector($"#Judgement-{ids[0]}-{Iso(Current.Start)}-error"));
        var tooOld = await Triage.Staff.PostExpectingErrorAsync(commissioner, url, form, new() { ["Judgement.Quarter"] = Iso(Current.Previous.Previous.Start), ["Judgement.Outcome"] = "Met" });
        Assert.Equal(["Only the current and the last quarter can be judged"], Html.ErrorSummary(tooOld));
        await using (var db = factory.CreateDbContext())
        {
            Assert.False(await db.StandardJudgements.AnyAsync(j => j.ProviderUserId == id));
        }

        var judged = await Triage.Staff.PostAsync(commissioner, url, form, new() { ["Judgement.Outcome"] = nameof(CriterionOutcome.Met) });
        Triage.Staff.AssertRedirect(judged, url);

        await using (var db = factory.CreateDbContext())
        {
            var judgement = await db.StandardJudgements.AsNoTracking().SingleAsync(j => j.ProviderUserId == id);
            Assert.Equal(CriterionOutcome.Met, judgement.Outcome);
            Assert.Equal(Current.Start, judgement.QuarterStart);
            var audit = await db.AuditRecords.AsNoTracking().SingleAsync(a => a.Action == StandardAudit.Judged && a.EntityId == judgement.Id.ToString());
            Assert.Equal($"provider {id}; criterion {ids[0]}; {Current.Code}; Met", audit.Detail);
        }

        var (_, after) = await Html.GetAsync(commissioner, url);
        Assert.Equal("Met", after.QuerySelector($"#quarter-{Current.Start:yyyy-MM} [data-criterion='{ids[0]}'] .govuk-tag").Text());
        Assert.Equal("Met", after.QuerySelector($"#quarter-{Current.Start:yyyy-MM} h3 .govuk-tag").Text());
        Assert.Single(after.QuerySelectorAll("#judgements tbody tr"));

        var (missing, _) = await Html.GetAsync(commissioner, "/staff/market-standard/providers/no-such-organisation");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_provider_sees_its_own_position_and_what_is_missing_and_nothing_of_another_provider()
    {
        await StandardAsync(factory, Engaged, Published with { Name = "Published one this quarter" });
        var ownName = Unique("Own Position Care");
        var otherName = Unique("Someone Else Care");
        var (ownEmail, own) = await ProviderAsync(factory, ownName);
        var (otherEmail, other) = await ProviderAsync(factory, otherName);
        await RecordAsync(factory, own, Today);
        await RecordAsync(factory, other, Today, approved: true);

        var provider = await SignedInAsync(ownEmail, AccountTestSupport.Password);
        var (response, page) = await Html.GetAsync(provider, "/provider/engagement/standard");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(ownName, page.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(otherName, page.Body.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(other, page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Equal("Partly met", page.QuerySelector($"#quarter-{Current.Start:yyyy-MM} h3 .govuk-tag").Text());
        Assert.Contains("Published one this quarter", page.QuerySelector("#missing").Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("Engaged with", page.QuerySelector("#missing").Text(), StringComparison.Ordinal);
        Assert.Equal("No records", page.QuerySelector($"#quarter-{Current.Previous.Start:yyyy-MM} h3 .govuk-tag").Text());

        var (_, list) = await Html.GetAsync(provider, "/provider/engagement");
        Assert.NotNull(list.QuerySelector("a#standard-link[href='/provider/engagement/standard']"));

        var otherProvider = await SignedInAsync(otherEmail, AccountTestSupport.Password);
        var (_, theirs) = await Html.GetAsync(otherProvider, "/provider/engagement/standard");
        Assert.Equal("Met", theirs.QuerySelector($"#quarter-{Current.Start:yyyy-MM} h3 .govuk-tag").Text());
        Assert.DoesNotContain(ownName, theirs.Body!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(theirs.QuerySelector("#nothing-missing"));

        // A provider cannot reach the staff view of anybody's position.
        var (staffView, _) = await Html.GetAsync(provider, $"/staff/market-standard/providers/{other}");
        Assert.NotEqual(HttpStatusCode.OK, staffView.StatusCode);
    }

    [Fact]
    public async Task An_organisation_not_approved_is_told_it_is_not_measured_yet()
    {
        var (email, id) = await ProviderAsync(factory, Unique("Waiting Care"));
        await using (var db = factory.CreateDbContext())
        {
            await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsApproved, false));
        }

        var provider = await SignedInAsync(email, AccountTestSupport.Password);
        var (response, page) = await Html.GetAsync(provider, "/provider/engagement/standard");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(page.QuerySelector("#not-approved"));
        Assert.Null(page.QuerySelector("[id^=quarter-]"));
    }

    [Fact]
    public async Task Approving_a_record_tells_the_dedicated_commissioner_it_was_published_unless_they_approved_it_themselves()
    {
        var (_, id) = await ProviderAsync(factory, Unique("Published Care"), ProviderType.CareHome, TestAccounts.Commissioner);
        var byAdmin = await RecordAsync(factory, id, Today);
        var byCommissioner = await RecordAsync(factory, id, Today);
        var admin = await SignedInAsync(TestAccounts.Admin);
        var commissioner = await Triage.Staff.CommissionerAsync(factory);

        Assert.Equal(HttpStatusCode.Redirect, (await ProviderEngagement.ProviderEngagementTestSupport.ReviewAsync(admin, byAdmin, approve: true)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ProviderEngagement.ProviderEngagementTestSupport.ReviewAsync(commissioner, byCommissioner, approve: true)).StatusCode);

        await using var db = factory.CreateDbContext();
        var notice = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Kind == DedicatedCommissionerNotice.PublishedKind && m.RelatedId == byAdmin.ToString());
        Assert.Equal(TestAccounts.Commissioner, notice.ToAddress);
        Assert.Contains("/staff/market-standard/providers/" + id, notice.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("People asked for more choice", notice.TextBody, StringComparison.Ordinal);
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.Kind == DedicatedCommissionerNotice.PublishedKind && m.RelatedId == byCommissioner.ToString()));
    }
}
