using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Engagement.Domain.Providers;
using Engagement.Domain.Responses;
using Engagement.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Engagement.IntegrationTests.ProviderEngagement.ProviderEngagementTestSupport;

namespace Engagement.IntegrationTests.ProviderEngagement;

/// <summary>A provider records engagement and moves its status; another provider can never see or change it.</summary>
public sealed class ProviderEngagementRecordTests(EngagementFactory factory) : IClassFixture<EngagementFactory>
{
    [Fact]
    public async Task A_provider_records_an_engagement_which_waits_for_review_with_its_first_history_row()
    {
        var provider = await SignedInAsync(factory, TestAccounts.CareHomeProvider);

        var id = await RecordAsync(provider, Form("Residents asked for more choice at lunch."));

        await using var db = factory.CreateDbContext();
        var record = await db.EngagementRecords.Include(r => r.History).Include(r => r.Priorities).SingleAsync(r => r.Id == id);
        var owner = await db.Users.SingleAsync(u => u.Email == TestAccounts.CareHomeProvider);
        Assert.Equal(owner.Id, record.ProviderUserId);
        Assert.Equal(ModerationState.WaitingForReview, record.Moderation);
        Assert.Equal(ResponseStatus.Received, record.Status);
        Assert.Equal(new DateOnly(2026, 2, 3), record.HeldOn);
        Assert.Equal(EngagementKind.ResidentsMeeting, record.Kind);
        Assert.Equal(14, record.ParticipantCount);
        Assert.Equal("1-123456789", record.CqcLocationId);
        Assert.Equal([7], record.Priorities.Select(p => p.PriorityNumber));
        Assert.Single(record.History);
        Assert.Equal("riverside-care-home", owner.ProviderSlug);
        Assert.True(await db.AuditRecords.AnyAsync(a => a.Action == "provider-engagement.created" && a.EntityId == id.ToString()));

        var (_, list) = await Html.GetAsync(provider, "/provider/engagement");
        var row = list.QuerySelectorAll("#records tbody tr").Single(r => r.QuerySelector($"a[href='/provider/engagement/{id}']") is not null);
        Assert.Contains("Waiting for review", row.TextContent);
    }

    [Fact]
    public async Task An_empty_or_wrong_form_shows_every_error_beside_its_field_keeps_the_answers_and_saves_nothing()
    {
        var provider = await SignedInAsync(factory, TestAccounts.CareHomeProvider);
        await using var before = factory.CreateDbContext();
        var count = await before.EngagementRecords.CountAsync();
        var (_, page) = await Html.GetAsync(provider, "/provider/engagement/new");

        var response = await Html.SubmitAsync(provider, page, new Dictionary<string, string>
        {
            ["Input.ServiceName"] = "Kept service name",
            ["Input.CqcLocationId"] = "not-an-id",
            ["Input.HeldOn.Day"] = "31",
            ["Input.HeldOn.Month"] = "2",
            ["Input.HeldOn.Year"] = "2026",
            ["Input.ParticipantCount"] = "a dozen",
            ["Input.ServiceType"] = "Banana",
            ["Input.Priorities"] = "99",
        }, "form#record-form");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = await Html.ParseAsync(response);
        Assert.StartsWith("Error: ", errors.Title, StringComparison.Ordinal);
        var summary = Html.ErrorSummary(errors);
        Assert.Contains("Select the type of service", summary);
        Assert.Contains("Enter a CQC location ID like 1-123456789, or leave it blank", summary);
        Assert.Contains("The date of the engagement must be a real date", summary);
        Assert.Contains("Select the kind of engagement", summary);
        Assert.Contains("How many people took part must be a number, like 12", summary);
        Assert.Contains("Select who took part", summary);
        Assert.Contains("Enter a summary of what you heard", summary);
        Assert.Contains("Select priorities from the list", summary);
        Html.AssertErrorsDescribeTheirFields(errors);
        Assert.Equal("Kept service name", errors.QuerySelector<IHtmlInputElement>("#Input_ServiceName")!.Value);
        Assert.Equal("a dozen", errors.QuerySelector<IHtmlInputElement>("#Input_ParticipantCount")!.Value);
        Assert.Equal("31", errors.QuerySelector<IHtmlInputElement>("#Input_HeldOn")!.Value);

        var future = DateTime.UtcNow.AddDays(40);
        var later = Form("Future");
        later["Input.HeldOn.Day"] = future.Day.ToString(System.Globalization.CultureInfo.InvariantCulture);
        later["Input.HeldOn.Month"] = future.Month.ToString(System.Globalization.CultureInfo.InvariantCulture);
        later["Input.HeldOn.Year"] = future.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var futureResponse = await Html.SubmitAsync(provider, page, later, "form#record-form");
        Assert.Contains("The date of the engagement must be today or in the past", Html.ErrorSummary(await Html.ParseAsync(futureResponse)));

        await using var after = factory.CreateDbContext();
        Assert.Equal(count, await after.EngagementRecords.CountAsync());
    }

    [Fact]
    public async Task Status_moves_follow_the_councils_rules_and_build_a_dated_history()
    {
        var provider = await SignedInAsync(factory, TestAccounts.CareHomeProvider);
        var id = await RecordAsync(provider, Form("Relatives asked for a weekend visiting slot."));

        async Task<HttpResponseMessage> MoveAsync(string status, string note = "", string day = "", string month = "", string year = "")
        {
            var (_, page) = await Html.GetAsync(provider, $"/provider/engagement/{id}");
            return await Html.SubmitAsync(provider, page, new Dictionary<string, string>
            {
                ["Move.NewStatus"] = status,
                ["Move.Note"] = note,
                ["Move.TargetDate.Day"] = day,
                ["Move.TargetDate.Month"] = month,
                ["Move.TargetDate.Year"] = year,
            }, "form#status-form");
        }

        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync("UnderReview")).StatusCode);
        var refused = await MoveAsync("ActionPlanned", "Open on Saturdays");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusedPage = await Html.ParseAsync(refused);
        Assert.Contains("Enter a target date for the action planned", Html.ErrorSummary(refusedPage));
        Assert.Equal("Open on Saturdays", refusedPage.QuerySelector<IHtmlTextAreaElement>("#Move_Note")!.Value);
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync("ActionPlanned", "Open on Saturdays", "1", "9", "2026")).StatusCode);
        Assert.Contains("Enter a description of what changed", Html.ErrorSummary(await Html.ParseAsync(await MoveAsync("Completed"))));
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync("Completed", "Saturday visiting from 10 to 4")).StatusCode);

        await using var db = factory.CreateDbContext();
        var record = await db.EngagementRecords.Include(r => r.History).SingleAsync(r => r.Id == id);
        Assert.Equal(ResponseStatus.Completed, record.Status);
        Assert.Equal(new DateOnly(2026, 9, 1), record.TargetDate);
        Assert.Equal([ResponseStatus.Received, ResponseStatus.UnderReview, ResponseStatus.ActionPlanned, ResponseStatus.Completed], record.History.OrderBy(h => h.Id).Select(h => h.ToStatus));
        var (_, shown) = await Html.GetAsync(provider, $"/provider/engagement/{id}");
        Assert.Contains("Saturday visiting from 10 to 4", shown.QuerySelector("#history")!.TextContent);
    }

    [Fact]
    public async Task Another_provider_gets_404_from_every_record_endpoint_and_changes_nothing()
    {
        var owner = await SignedInAsync(factory, TestAccounts.CareHomeProvider);
        var id = await RecordAsync(owner, Form("Only Riverside may see this."));
        await using var before = factory.CreateDbContext();
        var version = (await before.EngagementRecords.SingleAsync(r => r.Id == id)).Version;

        var other = await SignedInAsync(factory, TestAccounts.HomeCareProvider);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/provider/engagement/{id}")).StatusCode);
        var (_, list) = await Html.GetAsync(other, "/provider/engagement");
        Assert.DoesNotContain($"/provider/engagement/{id}\"", list.DocumentElement.OuterHtml);
        Assert.DoesNotContain("Only Riverside may see this.", list.DocumentElement.OuterHtml);

        var (_, ownForm) = await Html.GetAsync(other, "/provider/engagement/new");
        var edit = Form("Overwritten by another provider");
        edit["Input.Version"] = version.ToString();
        Assert.Equal(HttpStatusCode.NotFound, (await Html.SubmitAsync(other, ownForm, edit, "form#record-form", $"/provider/engagement/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Html.SubmitAsync(other, ownForm, new Dictionary<string, string>
        {
            ["Move.NewStatus"] = "UnderReview",
            ["Move.Version"] = version.ToString(),
        }, "form#record-form", $"/provider/engagement/{id}?handler=Status")).StatusCode);

        await using var after = factory.CreateDbContext();
        var record = await after.EngagementRecords.Include(r => r.History).SingleAsync(r => r.Id == id);
        Assert.Equal("Only Riverside may see this.", record.WhatWeHeard);
        Assert.Equal(ResponseStatus.Received, record.Status);
        Assert.Equal(version, record.Version);
        Assert.Single(record.History);
    }

    [Fact]
    public async Task Extra_fields_cannot_approve_change_status_or_move_a_record_to_another_organisation()
    {
        var provider = await SignedInAsync(factory, TestAccounts.CareHomeProvider);
        var values = Form("Overposting attempt");
        values["Moderation"] = "Approved";
        values["Input.Moderation"] = "Approved";
        values["Input.Status"] = "Completed";
        values["Status"] = "Completed";
        values["Input.ProviderUserId"] = "someone-else";
        values["ProviderUserId"] = "someone-else";
        values["Id"] = "1";

        var id = await RecordAsync(provider, values);

        await using var db = factory.CreateDbContext();
        var record = await db.EngagementRecords.SingleAsync(r => r.Id == id);
        var owner = await db.Users.SingleAsync(u => u.Email == TestAccounts.CareHomeProvider);
        Assert.Equal(ModerationState.WaitingForReview, record.Moderation);
        Assert.Equal(ResponseStatus.Received, record.Status);
        Assert.Equal(owner.Id, record.ProviderUserId);
    }

    [Fact]
    public async Task A_save_from_an_old_version_is_refused_with_a_conflict_and_nothing_is_overwritten()
    {
        var provider = await SignedInAsync(factory, TestAccounts.CareHomeProvider);
        var id = await RecordAsync(provider, Form("First words"));
        var (_, first) = await Html.GetAsync(provider, $"/provider/engagement/{id}");
        var (_, second) = await Html.GetAsync(provider, $"/provider/engagement/{id}");

        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitAsync(provider, first, new Dictionary<string, string> { ["Input.WhatWeHeard"] = "Colleague's words" }, "form#record-form")).StatusCode);
        var stale = await Html.SubmitAsync(provider, second, new Dictionary<string, string> { ["Input.WhatWeHeard"] = "My words" }, "form#record-form");

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var page = await Html.ParseAsync(stale);
        Assert.Contains(Engagement.Web.Features.ProviderEngagement.RecordConcurrency.ConflictMessage, Html.ErrorSummary(page));
        Assert.Equal("My words", page.QuerySelector<IHtmlTextAreaElement>("#Input_WhatWeHeard")!.Value);
        await using var db = factory.CreateDbContext();
        Assert.Equal("Colleague's words", (await db.EngagementRecords.SingleAsync(r => r.Id == id)).WhatWeHeard);
    }

    [Fact]
    public async Task An_organisation_that_is_not_approved_cannot_record_engagement()
    {
        var provider = await SignedInAsync(factory, TestAccounts.HomeCareProvider);
        var (_, page) = await Html.GetAsync(provider, "/provider/engagement/new");
        await using (var db = factory.CreateDbContext())
        {
            await db.Users.Where(u => u.Email == TestAccounts.HomeCareProvider).ExecuteUpdateAsync(s => s.SetProperty(u => u.SuspendedAt, DateTime.UtcNow));
        }

        try
        {
            var response = await Html.SubmitAsync(provider, page, Form("Suspended organisation's record", "Avon Home Care", "HomeCareBranch"), "form#record-form");
            Assert.Contains("/account/access-denied", response.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
            await using var db = factory.CreateDbContext();
            Assert.False(await db.EngagementRecords.AnyAsync(r => r.WhatWeHeard == "Suspended organisation's record"));
        }
        finally
        {
            await using var db = factory.CreateDbContext();
            await db.Users.Where(u => u.Email == TestAccounts.HomeCareProvider).ExecuteUpdateAsync(s => s.SetProperty(u => u.SuspendedAt, (DateTime?)null));
        }
    }
}
