using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Engagement.Domain.Feedback;
using Engagement.Domain.Responses;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.IntegrationTests.Triage;
using Engagement.Web.Features.Responses;
using Microsoft.EntityFrameworkCore;

namespace Engagement.IntegrationTests.Responses;

public sealed class ResponseWorkflowTests(EngagementFactory factory) : IClassFixture<EngagementFactory>
{
    /// <summary>Creates a draft through the New page and returns its edit page address.</summary>
    private static async Task<string> CreateEntryAsync(HttpClient client, string title, params string[] references)
    {
        var (_, page) = await Html.GetAsync(client, "/staff/responses/new");
        var response = await Html.SubmitAsync(client, page, new Dictionary<string, string>
        {
            ["Input.Title"] = title,
            ["Input.YouSaidSummary"] = "People told us respite care is hard to book.",
            ["Input.WeDidMarkdown"] = "We are **opening** more respite beds.",
            ["Input.Section"] = "HomeCare",
            ["Input.OwnerTeam"] = "Home care commissioning",
            ["Input.Priorities"] = "3",
            ["Input.FeedbackReferences"] = string.Join("\n", references),
        }, "form#entry-form");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string url, string form, Dictionary<string, string> values)
    {
        var (_, page) = await Html.GetAsync(client, url);
        return await Html.SubmitAsync(client, page, values, form);
    }

    private static int IdOf(string url) => int.Parse(url[(url.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    private async Task<ResponseEntry> EntryAsync(string url)
    {
        await using var db = factory.CreateDbContext();
        var id = IdOf(url);
        return await db.ResponseEntries.AsNoTracking().Include(e => e.History).Include(e => e.Priorities).SingleAsync(e => e.Id == id);
    }

    private async Task<List<Engagement.Domain.Email.OutboxMessage>> ProgressEmailsAsync(string entryUrl)
    {
        await using var db = factory.CreateDbContext();
        var related = IdOf(entryUrl).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == ProgressEmails.Kind && m.RelatedId == related).OrderBy(m => m.Id).ToListAsync();
    }

    [Fact]
    public async Task Publication_and_each_status_change_queue_exactly_one_email_per_opted_in_submitter()
    {
        var optedIn = await Staff.NewItemAsync(factory, "Respite is impossible to book.", "carer.one@example.org");
        var samePerson = await Staff.NewItemAsync(factory, "And the respite booking line never answers.", "Carer.One@example.org");
        var notConsenting = await Staff.NewItemAsync(factory, "Respite beds are always full.", "no.updates@example.org");
        var anonymous = await Staff.NewItemAsync(factory, "Respite should be easier.");
        await using (var db = factory.CreateDbContext())
        {
            await db.FeedbackItems.Where(f => f.Id == notConsenting.Id).ExecuteUpdateAsync(s => s.SetProperty(f => f.ConsentToProgressUpdates, false));
        }

        var client = await Staff.CommissionerAsync(factory);
        var url = await CreateEntryAsync(client, "Respite care", optedIn.Reference, samePerson.Reference, notConsenting.Reference, anonymous.Reference);
        Assert.Empty(await ProgressEmailsAsync(url));

        // A status change on a draft is not public yet, so nobody is emailed.
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(client, url, "form#status-form", new() { ["Move.NewStatus"] = "UnderReview" })).StatusCode);
        Assert.Empty(await ProgressEmailsAsync(url));

        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(client, url, "form#publish-form", [])).StatusCode);
        var afterPublish = await ProgressEmailsAsync(url);
        var publication = Assert.Single(afterPublish);
        Assert.Equal("carer.one@example.org", publication.ToAddress);
        var entry = await EntryAsync(url);
        Assert.Contains($"https://localhost/you-said-we-did/{entry.Reference}", publication.TextBody);
        Assert.Contains(optedIn.Reference, publication.TextBody);
        Assert.Contains(samePerson.Reference, publication.TextBody);
        Assert.Contains("private tracking link", publication.TextBody);
        Assert.DoesNotContain("impossible to book", publication.TextBody);

        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(client, url, "form#status-form", new()
        {
            ["Move.NewStatus"] = "ActionPlanned",
            ["Move.Note"] = "We will open four more respite beds.",
            ["Move.TargetDate.Day"] = "31",
            ["Move.TargetDate.Month"] = "3",
            ["Move.TargetDate.Year"] = "2027",
        })).StatusCode);
        var afterStatus = await ProgressEmailsAsync(url);
        Assert.Equal(2, afterStatus.Count);
        Assert.All(afterStatus, m => Assert.Equal("carer.one@example.org", m.ToAddress, ignoreCase: true));
        Assert.Contains("Action planned", afterStatus[1].TextBody);
        Assert.Contains("We will open four more respite beds.", afterStatus[1].TextBody);
        Assert.Contains("31 March 2027", afterStatus[1].TextBody);

        // A refused move queues nothing.
        var refused = await SubmitAsync(client, url, "form#status-form", new() { ["Move.NewStatus"] = "Completed" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(2, (await ProgressEmailsAsync(url)).Count);

        await using (var db = factory.CreateDbContext())
        {
            Assert.False(await db.OutboxMessages.AnyAsync(m => m.Kind == ProgressEmails.Kind && m.ToAddress == "no.updates@example.org"));
        }
    }

    [Fact]
    public async Task A_second_save_from_a_stale_version_is_refused_and_nothing_is_overwritten()
    {
        var first = await Staff.CommissionerAsync(factory);
        var second = factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(second, TestAccounts.Admin);
        var url = await CreateEntryAsync(first, "Concurrency original");

        var (_, firstForm) = await Html.GetAsync(first, url);
        var (_, secondForm) = await Html.GetAsync(second, url);
        var saved = await Html.SubmitAsync(first, firstForm, new Dictionary<string, string> { ["Input.Title"] = "First editor's title", ["Input.OwnerTeam"] = "Team A" }, "form#entry-form");
        var conflict = await Html.SubmitAsync(second, secondForm, new Dictionary<string, string> { ["Input.Title"] = "Second editor's title", ["Input.OwnerTeam"] = "Team B" }, "form#entry-form");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        var page = await Html.ParseAsync(conflict);
        Assert.StartsWith("Error: ", page.Title);
        Assert.Contains(Html.ErrorSummary(page), e => e.StartsWith("Someone else changed this entry while you were editing it", StringComparison.Ordinal));
        Assert.Equal("Second editor's title", page.QuerySelector<IHtmlInputElement>("#Input_Title")!.Value);
        var entry = await EntryAsync(url);
        Assert.Equal("First editor's title", entry.Title);
        Assert.Equal("Team A", entry.OwnerTeam);

        // The status and publish forms from the stale page are refused too, with nothing recorded.
        var staleStatus = await Html.SubmitAsync(second, secondForm, new Dictionary<string, string> { ["Move.NewStatus"] = "UnderReview" }, "form#status-form");
        Assert.Contains(Html.ErrorSummary(await Html.ParseAsync(staleStatus)), e => e.StartsWith("Someone else changed this entry", StringComparison.Ordinal));
        var stalePublish = await Html.SubmitAsync(second, secondForm, new Dictionary<string, string>(), "form#publish-form");
        Assert.Contains(Html.ErrorSummary(await Html.ParseAsync(stalePublish)), e => e.StartsWith("Someone else changed this entry", StringComparison.Ordinal));
        entry = await EntryAsync(url);
        Assert.Equal(ResponseStatus.Received, entry.Status);
        Assert.Single(entry.History);
        Assert.False(entry.IsPublished);
    }

    [Fact]
    public async Task The_database_token_refuses_a_save_that_races_past_the_version_check()
    {
        var client = await Staff.CommissionerAsync(factory);
        var url = await CreateEntryAsync(client, "Race original");
        var loaded = await EntryAsync(url);
        await using (var db = factory.CreateDbContext())
        {
            // Another save commits between this request's check and its UPDATE.
            var other = await db.ResponseEntries.SingleAsync(e => e.Id == loaded.Id);
            other.Title = "Committed first";
            other.Touch(DateTime.UtcNow);
            await db.SaveChangesAsync();
        }

        await using (var db = factory.CreateDbContext())
        {
            var stale = await db.ResponseEntries.SingleAsync(e => e.Id == loaded.Id);
            db.Entry(stale).Property(e => e.Version).OriginalValue = loaded.Version;
            stale.Title = "Would overwrite";
            stale.Touch(DateTime.UtcNow);
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync());
        }

        Assert.Equal("Committed first", (await EntryAsync(url)).Title);
    }

    [Fact]
    public async Task A_refused_status_move_is_shown_beside_its_field_and_records_nothing()
    {
        var client = await Staff.CommissionerAsync(factory);
        var url = await CreateEntryAsync(client, "Status errors");
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(client, url, "form#status-form", new() { ["Move.NewStatus"] = "UnderReview" })).StatusCode);

        var noNote = await Html.ParseAsync(await SubmitAsync(client, url, "form#status-form", new() { ["Move.NewStatus"] = "ActionPlanned" }));
        Assert.StartsWith("Error: ", noNote.Title);
        Assert.Contains("Enter a description of the action planned", noNote.QuerySelector("#Move_Note-error").Text());
        Assert.Equal("ActionPlanned", noNote.QuerySelector<IHtmlInputElement>("input[name='Move.NewStatus']:checked")!.Value);

        var noDate = await Html.ParseAsync(await SubmitAsync(client, url, "form#status-form", new() { ["Move.NewStatus"] = "ActionPlanned", ["Move.Note"] = "A plan" }));
        Assert.Contains("Enter a target date for the action planned", noDate.QuerySelector("#Move_TargetDate-error").Text());

        var badDate = await Html.ParseAsync(await SubmitAsync(client, url, "form#status-form", new()
        {
            ["Move.NewStatus"] = "ActionPlanned",
            ["Move.Note"] = "A plan",
            ["Move.TargetDate.Day"] = "31",
            ["Move.TargetDate.Month"] = "2",
            ["Move.TargetDate.Year"] = "2027",
        }));
        Assert.Contains("Target date must be a real date", badDate.QuerySelector("#Move_TargetDate-error").Text());

        var notAllowed = await Html.ParseAsync(await SubmitAsync(client, url, "form#status-form", new() { ["Move.NewStatus"] = "InProgress" }));
        Assert.Contains("cannot move to in progress", notAllowed.QuerySelector("#Move_NewStatus-error").Text());

        var entry = await EntryAsync(url);
        Assert.Equal(ResponseStatus.UnderReview, entry.Status);
        Assert.Equal(2, entry.History.Count);
    }

    [Fact]
    public async Task The_entry_form_validates_every_field_and_saves_nothing_on_bad_input()
    {
        var client = await Staff.CommissionerAsync(factory);
        await using var db = factory.CreateDbContext();
        var before = await db.ResponseEntries.CountAsync();
        var (_, page) = await Html.GetAsync(client, "/staff/responses/new");
        Assert.Contains("Remove names, dates", page.QuerySelector(".govuk-warning-text")!.Text());

        var response = await Html.SubmitAsync(client, page, new Dictionary<string, string>
        {
            ["Input.Title"] = "",
            ["Input.TargetDate.Day"] = "12",
            ["Input.TargetDate.Year"] = "2027",
            ["Input.Priorities"] = "77",
            ["Input.FeedbackReferences"] = "not-a-reference",
        }, "form#entry-form");
        var errors = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Enter a title", errors.QuerySelector("#Input_Title-error").Text().Replace("Error:", "").Trim());
        Assert.Contains("Select the section", errors.QuerySelector("#Input_Section-error").Text());
        Assert.Contains("Target date must include a month", errors.QuerySelector("#Input_TargetDate-error").Text());
        Assert.Contains("Select priorities from the list", errors.QuerySelector("#Input_Priorities-error").Text());
        Assert.Contains("YS-2026-000123", errors.QuerySelector("#Input_FeedbackReferences-error").Text());
        Assert.All(errors.QuerySelectorAll(".govuk-error-summary__list a"), a => Assert.NotNull(errors.QuerySelector(a.GetAttribute("href")!)));
        Assert.Equal(before, await db.ResponseEntries.CountAsync());
    }

    [Fact]
    public async Task Publishing_needs_a_summary_and_status_history_is_public_without_staff_names()
    {
        var client = await Staff.CommissionerAsync(factory);
        var item = await Staff.NewItemAsync(factory, "Day centres close too early.");
        var response = await Staff.PostAsync(client, $"/staff/feedback/{item.Id}", "form#new-entry-form", []);
        var url = response.Headers.Location!.OriginalString;

        var refused = await Html.ParseAsync(await SubmitAsync(client, url, "form#publish-form", []));
        Assert.Contains(Html.ErrorSummary(refused), e => e.Contains("\"You said\" summary", StringComparison.Ordinal));
        Assert.False((await EntryAsync(url)).IsPublished);

        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(client, url, "form#entry-form", new() { ["Input.Title"] = "Day centre opening hours", ["Input.YouSaidSummary"] = "People said day centres close too early." })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(client, url, "form#publish-form", [])).StatusCode);
        var entry = await EntryAsync(url);
        Assert.True(entry.IsPublished);
        Assert.NotNull(entry.FirstPublishedAt);

        var (_, preview) = await Html.GetAsync(client, url);
        var previewed = await Html.ParseAsync(await Html.SubmitAsync(client, preview, new Dictionary<string, string>(), "form#entry-form", url + "?handler=Preview"));
        Assert.Equal("Day centre opening hours", previewed.QuerySelector("#preview .govuk-heading-l:not(h2)").Text());
        Assert.Contains("Received", previewed.QuerySelector("#preview #timeline").Text());
        Assert.DoesNotContain("Chris Commissioner", previewed.QuerySelector("#preview")!.TextContent);
    }

    [Fact]
    public async Task The_database_refuses_to_change_or_delete_a_status_change()
    {
        await using (var db = factory.CreateDbContext())
        {
            var change = await db.StatusChanges.OrderBy(h => h.Id).FirstAsync();
            db.Entry(change).Property(h => h.Note).CurrentValue = "Rewritten history";
            var edit = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            Assert.Contains("append-only", edit.Message);
        }

        await using (var db = factory.CreateDbContext())
        {
            var change = await db.StatusChanges.OrderBy(h => h.Id).FirstAsync();
            db.StatusChanges.Remove(change);
            Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
        }

        await using (var db = factory.CreateDbContext())
        {
            var change = await db.StatusChanges.AsNoTracking().OrderBy(h => h.Id).FirstAsync();
            Assert.NotEqual("Rewritten history", change.Note);
        }
    }

    [Fact]
    public async Task The_preview_of_hostile_markdown_carries_no_script_handler_or_javascript_link()
    {
        var client = await Staff.CommissionerAsync(factory);
        var (_, page) = await Html.GetAsync(client, "/staff/responses/new");
        var layoutScripts = page.QuerySelectorAll("script").Length;
        var payloads = TestData.All("xss").Take(60).ToList();
        var markdown = string.Join("\n\n", payloads);
        Assert.True(markdown.Length <= ResponseLimits.WeDidMaxLength);

        var response = await Html.SubmitAsync(client, page, new Dictionary<string, string>
        {
            ["Input.Title"] = "Hostile preview",
            ["Input.Section"] = "HomeCare",
            ["Input.WeDidMarkdown"] = markdown + "\n\n[click](javascript:alert(1))",
        }, "form#entry-form", "/staff/responses/new?handler=Preview");

        var preview = await Html.ParseAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var weDid = preview.QuerySelector("#preview #we-did");
        Assert.NotNull(weDid);
        Assert.NotEmpty(weDid!.TextContent.Trim());
        Assert.Equal(layoutScripts, preview.QuerySelectorAll("script").Length);
        SafeMarkdownTests.AssertSafe(weDid.InnerHtml);
    }
}
