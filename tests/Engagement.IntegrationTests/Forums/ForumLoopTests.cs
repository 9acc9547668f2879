using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Engagement.Domain.Events;
using Engagement.Domain.Forums;
using Engagement.IntegrationTests.Events;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.Web.Features.Forums;
using Engagement.Web.Features.Responses;
using Microsoft.EntityFrameworkCore;

namespace Engagement.IntegrationTests.Forums;

/// <summary>
/// The forum loop over HTTP: providers of the forum's audience suggest agenda items, commissioners build and publish the
/// agenda, then the minutes and actions; an action becomes a "You said, we did" entry whose progress is emailed to the
/// providers whose items it came from.
/// </summary>
public sealed class ForumLoopTests(EngagementFactory factory) : IClassFixture<EngagementFactory>
{
    private static Dictionary<string, string> Suggestion(string topic, string why = "Agency costs have doubled this year.", int priority = 14) => new()
    {
        ["Input.Topic"] = topic,
        ["Input.WhyItMatters"] = why,
        ["Input.Priorities"] = priority.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(client, email);
        return client;
    }

    private Task<int> CareHomeForumAsync(string title = "Care home forum (test)", int days = 30) =>
        EventsTestSupport.AddEventAsync(factory, title: title, audience: EventAudience.CareHomeProviders, startsIn: TimeSpan.FromDays(days));

    /// <summary>Suggests an item through the form; returns its id.</summary>
    private static async Task<int> SuggestAsync(HttpClient provider, int forumId, Dictionary<string, string> values)
    {
        var (_, page) = await Html.GetAsync(provider, $"/provider/forums/{forumId}/suggest");
        var response = await Html.SubmitAsync(provider, page, values, "form#suggest-form");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/provider/forums/items/", location, StringComparison.Ordinal);
        return int.Parse(location["/provider/forums/items/".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<HttpResponseMessage> DecideAsync(HttpClient staff, int forumId, int itemId, string decision)
    {
        var (_, page) = await Html.GetAsync(staff, $"/staff/events/{forumId}/agenda");
        var form = page.QuerySelectorAll<IHtmlFormElement>("form").First(f => f.QuerySelector<IHtmlInputElement>($"input[name=itemId][value='{itemId}']") is not null);
        return await Html.SubmitAsync(staff, form, [new("decision", decision)]);
    }

    private async Task MoveToThePastAsync(int forumId)
    {
        await using var db = factory.CreateDbContext();
        var start = DateTime.UtcNow.AddDays(-2);
        await db.Events.Where(e => e.Id == forumId).ExecuteUpdateAsync(set => set
            .SetProperty(e => e.StartsAt, start).SetProperty(e => e.EndsAt, start.AddHours(2))
            .SetProperty(e => e.RegistrationOpensAt, start.AddDays(-20)).SetProperty(e => e.RegistrationClosesAt, start.AddHours(-1)));
    }

    [Fact]
    public async Task A_care_home_provider_suggests_an_item_sees_it_proposed_and_the_audit_holds_no_text()
    {
        var forum = await CareHomeForumAsync();
        var provider = await SignedInAsync(TestAccounts.CareHomeProvider);

        var (_, list) = await Html.GetAsync(provider, "/provider/forums");
        Assert.NotNull(list.QuerySelector($"#forums a[href='/provider/forums/{forum}/suggest']"));

        var id = await SuggestAsync(provider, forum, Suggestion("Night staff recruitment"));
        var (_, item) = await Html.GetAsync(provider, $"/provider/forums/items/{id}");
        Assert.Equal("Night staff recruitment", item.QuerySelector("#item-topic").Text());
        Assert.Equal("Proposed", item.QuerySelector("#item-state").Text());

        (_, list) = await Html.GetAsync(provider, "/provider/forums");
        Assert.Contains("Night staff recruitment", list.QuerySelector("#items").Text());

        await using var db = factory.CreateDbContext();
        var saved = await db.AgendaItems.AsNoTracking().Include(i => i.Priorities).SingleAsync(i => i.Id == id);
        Assert.Equal(forum, saved.EventId);
        Assert.Equal(AgendaItemState.Proposed, saved.State);
        Assert.Equal([14], saved.Priorities.Select(p => p.PriorityNumber));
        var audit = await db.AuditRecords.AsNoTracking().SingleAsync(a => a.Action == ForumAudit.Proposed && a.EntityId == id.ToString());
        Assert.DoesNotContain("Night staff", audit.Detail ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_home_care_provider_cannot_add_to_the_care_home_forum_and_is_told_why()
    {
        var careHomeForum = await CareHomeForumAsync("Care home forum (audience test)");
        var homeCareForum = await EventsTestSupport.AddEventAsync(factory, title: "Home care forum (audience test)", audience: EventAudience.HomeCareProviders);
        var provider = await SignedInAsync(TestAccounts.HomeCareProvider);

        var (_, list) = await Html.GetAsync(provider, "/provider/forums");
        Assert.Null(list.QuerySelector($"a[href='/provider/forums/{careHomeForum}/suggest']"));
        Assert.NotNull(list.QuerySelector($"a[href='/provider/forums/{homeCareForum}/suggest']"));

        var (response, page) = await Html.GetAsync(provider, $"/provider/forums/{careHomeForum}/suggest");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("This forum is for care home providers", page.QuerySelector("#cannot-suggest").Text());
        Assert.Null(page.QuerySelector("form#suggest-form"));

        // A post made anyway (with a token from a form it may use) is refused with the same message; nothing is saved.
        var (_, allowed) = await Html.GetAsync(provider, $"/provider/forums/{homeCareForum}/suggest");
        var refused = await Html.SubmitAsync(provider, allowed, Suggestion("Sneaking onto the care home agenda"), "form#suggest-form", $"/provider/forums/{careHomeForum}/suggest");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusedPage = await Html.ParseAsync(refused);
        Assert.Contains(Html.ErrorSummary(refusedPage), e => e.Contains("not registered as a care home provider", StringComparison.Ordinal));

        await using var db = factory.CreateDbContext();
        Assert.False(await db.AgendaItems.AnyAsync(i => i.Topic == "Sneaking onto the care home agenda"));
    }

    [Fact]
    public async Task Missing_answers_are_shown_beside_their_fields_with_the_other_answers_kept_and_nothing_saved()
    {
        var forum = await CareHomeForumAsync("Care home forum (validation test)");
        var provider = await SignedInAsync(TestAccounts.CareHomeProvider);
        var (_, page) = await Html.GetAsync(provider, $"/provider/forums/{forum}/suggest");

        var response = await Html.SubmitAsync(provider, page, new Dictionary<string, string>
        {
            ["Input.Topic"] = "",
            ["Input.WhyItMatters"] = "Kept: the reason as typed",
            ["Input.Priorities"] = "99",
        }, "form#suggest-form");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = await Html.ParseAsync(response);
        Assert.StartsWith("Error:", errors.Title, StringComparison.Ordinal);
        Assert.Contains("Enter the topic", Html.ErrorSummary(errors));
        Assert.Contains("Select priorities from the list", Html.ErrorSummary(errors));
        Html.AssertErrorsDescribeTheirFields(errors);
        Assert.Equal("Kept: the reason as typed", errors.QuerySelector<IHtmlTextAreaElement>("#Input_WhyItMatters")!.Value);

        var tooLong = await Html.SubmitAsync(provider, page, Suggestion(new string('x', ForumLimits.TopicMaxLength + 1)), "form#suggest-form");
        Assert.Contains($"The topic must be {ForumLimits.TopicMaxLength} characters or fewer", Html.ErrorSummary(await Html.ParseAsync(tooLong)));

        await using var db = factory.CreateDbContext();
        Assert.False(await db.AgendaItems.AnyAsync(i => i.EventId == forum));
    }

    [Fact]
    public async Task Suggestions_close_a_week_before_the_forum()
    {
        var forum = await CareHomeForumAsync("Care home forum (cut-off test)", days: 6);
        var provider = await SignedInAsync(TestAccounts.CareHomeProvider);

        var (_, page) = await Html.GetAsync(provider, $"/provider/forums/{forum}/suggest");
        Assert.Contains("Suggestions for this forum's agenda closed at", page.QuerySelector("#cannot-suggest").Text());
        Assert.Null(page.QuerySelector("form#suggest-form"));
    }

    [Fact]
    public async Task A_provider_cannot_see_or_withdraw_another_organisations_item_but_can_withdraw_its_own()
    {
        var forum = await CareHomeForumAsync("Care home forum (isolation test)");
        int theirs;
        await using (var db = factory.CreateDbContext())
        {
            var other = await db.Users.Where(u => u.OrganisationName == "Combe Down Care Home").Select(u => u.Id).SingleAsync();
            var ev = await db.Events.SingleAsync(e => e.Id == forum);
            var item = AgendaItem.Propose(ev, Registrant.Provider(Engagement.Domain.Common.ProviderType.CareHome, true), other, false,
                new AgendaItemDetails("Combe Down's private worry", "Only Combe Down should see this.", []), DateTime.UtcNow).Value!;
            db.AgendaItems.Add(item);
            await db.SaveChangesAsync();
            theirs = item.Id;
        }

        var provider = await SignedInAsync(TestAccounts.CareHomeProvider);
        var mine = await SuggestAsync(provider, forum, Suggestion("Our own suggestion"));
        var (_, listPage) = await Html.GetAsync(provider, "/provider/forums");
        Assert.DoesNotContain("Combe Down's private worry", listPage.Body!.TextContent, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await provider.GetAsync($"/provider/forums/items/{theirs}")).StatusCode);
        var (_, ownPage) = await Html.GetAsync(provider, $"/provider/forums/items/{mine}");
        var withdrawTheirs = await Html.SubmitAsync(provider, ownPage, new Dictionary<string, string>(), "form#withdraw-form", $"/provider/forums/items/{theirs}?handler=Withdraw");
        Assert.Equal(HttpStatusCode.NotFound, withdrawTheirs.StatusCode);

        var withdrawn = await Html.SubmitAsync(provider, ownPage, new Dictionary<string, string>(), "form#withdraw-form");
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);

        await using var check = factory.CreateDbContext();
        Assert.True(await check.AgendaItems.AnyAsync(i => i.Id == theirs));
        Assert.False(await check.AgendaItems.AnyAsync(i => i.Id == mine));
    }

    [Fact]
    public async Task Commissioners_build_the_agenda_in_order_and_publish_it_and_the_public_sees_topics_only()
    {
        var forum = await CareHomeForumAsync("Care home forum (agenda test)");
        var provider = await SignedInAsync(TestAccounts.CareHomeProvider);
        var first = await SuggestAsync(provider, forum, Suggestion("Fee uplift for 2027", "Secret reasoning about our margins."));
        var second = await SuggestAsync(provider, forum, Suggestion("Hospital discharge delays"));
        var third = await SuggestAsync(provider, forum, Suggestion("Parking at the Guildhall"));
        var staff = await SignedInAsync(TestAccounts.Commissioner);

        var (_, empty) = await Html.GetAsync(staff, $"/staff/events/{forum}/agenda");
        Assert.Contains("Riverside Care Home", empty.QuerySelector($"#proposed-item-{first}").Text());
        var refused = await Html.SubmitAsync(staff, empty, new Dictionary<string, string>(), "form#publish-form");
        Assert.Contains("Put at least one item on the agenda before publishing it.", Html.ErrorSummary(await Html.ParseAsync(refused)));

        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(staff, forum, first, "PutOnAgenda")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(staff, forum, second, "PutOnAgenda")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(staff, forum, third, "NotTaken")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(staff, forum, second, "MoveUp")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await DecideAsync(staff, forum, second, "Explode")).StatusCode);

        var (_, agendaPage) = await Html.GetAsync(staff, $"/staff/events/{forum}/agenda");
        var added = await Html.SubmitAsync(staff, agendaPage, Suggestion("Update from the council", "Commissioner's own item."), "form#add-form");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);

        // Not published yet: nothing on the public page.
        using var anonymous = factory.CreateBrowserClient();
        var (_, before) = await Html.GetAsync(anonymous, $"/events/{forum}");
        Assert.Null(before.QuerySelector("#agenda-items"));

        (_, agendaPage) = await Html.GetAsync(staff, $"/staff/events/{forum}/agenda");
        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitAsync(staff, agendaPage, new Dictionary<string, string>(), "form#publish-form")).StatusCode);

        var (_, after) = await Html.GetAsync(anonymous, $"/events/{forum}");
        Assert.Equal(["Hospital discharge delays", "Fee uplift for 2027", "Update from the council"],
            after.QuerySelectorAll("#agenda-items li").Select(li => li.Text()));
        var body = after.Body!.TextContent;
        Assert.DoesNotContain("Riverside Care Home", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret reasoning", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Parking at the Guildhall", body, StringComparison.Ordinal);

        // The provider sees each state, and suggestions are closed once the agenda is published.
        var (_, states) = await Html.GetAsync(provider, "/provider/forums");
        var rows = states.QuerySelectorAll("#items tbody tr").ToDictionary(r => r.QuerySelector("td")!.Text(), r => r.QuerySelectorAll("td")[2].Text());
        Assert.Equal("On the agenda", rows["Fee uplift for 2027"]);
        Assert.Equal("Not taken", rows["Parking at the Guildhall"]);
        var (_, closed) = await Html.GetAsync(provider, $"/provider/forums/{forum}/suggest");
        Assert.Contains("The agenda for this forum has been published", closed.QuerySelector("#cannot-suggest").Text());

        await using var db = factory.CreateDbContext();
        Assert.True(await db.AuditRecords.AnyAsync(a => a.Action == ForumAudit.AgendaPublished && a.EntityId == forum.ToString()));
    }

    [Fact]
    public async Task After_the_forum_its_minutes_and_an_action_become_an_entry_and_the_providers_who_raised_it_are_emailed()
    {
        var forum = await CareHomeForumAsync("Care home forum (minutes test)");
        var provider = await SignedInAsync(TestAccounts.CareHomeProvider);
        var raised = await SuggestAsync(provider, forum, Suggestion("Dementia training places"));
        var staff = await SignedInAsync(TestAccounts.Commissioner);
        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(staff, forum, raised, "PutOnAgenda")).StatusCode);

        // Before the forum: the minutes are refused beside their field, and nothing is published.
        var (_, early) = await Html.GetAsync(staff, $"/staff/events/{forum}/minutes");
        var tooSoon = await Html.ParseAsync(await Html.SubmitAsync(staff, early, new Dictionary<string, string> { ["Input.Minutes"] = "Too soon" }, "form#minutes-form"));
        Assert.Contains("You can publish the minutes once the forum has taken place.", Html.ErrorSummary(tooSoon));
        Assert.Equal("Too soon", tooSoon.QuerySelector<IHtmlTextAreaElement>("#Input_Minutes")!.Value);

        await MoveToThePastAsync(forum);
        var (_, minutesPage) = await Html.GetAsync(staff, $"/staff/events/{forum}/minutes");
        var empty = await Html.ParseAsync(await Html.SubmitAsync(staff, minutesPage, new Dictionary<string, string> { ["Input.Minutes"] = " " }, "form#minutes-form"));
        Assert.Contains("Enter the minutes", Html.ErrorSummary(empty));
        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitAsync(staff, minutesPage, new Dictionary<string, string>
        {
            ["Input.Minutes"] = "## Training\n\nProviders asked for **more** dementia training places.",
        }, "form#minutes-form")).StatusCode);

        (_, minutesPage) = await Html.GetAsync(staff, $"/staff/events/{forum}/minutes");
        var noText = await Html.ParseAsync(await Html.SubmitAsync(staff, minutesPage, new Dictionary<string, string> { ["NewAction.AgendaItemIds"] = raised.ToString() }, "form#action-form"));
        Assert.Contains("Enter the action", Html.ErrorSummary(noText));
        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitAsync(staff, minutesPage, new Dictionary<string, string>
        {
            ["NewAction.Text"] = "Fund 40 more dementia training places for care home staff",
            ["NewAction.AgendaItemIds"] = raised.ToString(),
        }, "form#action-form")).StatusCode);

        int actionId;
        await using (var db = factory.CreateDbContext())
        {
            actionId = await db.ForumActions.Where(a => a.EventId == forum).Select(a => a.Id).SingleAsync();
        }

        // The ordinary entry form, filled in from the action.
        var (_, newEntry) = await Html.GetAsync(staff, $"/staff/responses/new?forumAction={actionId}");
        Assert.NotNull(newEntry.QuerySelector("#from-forum-action"));
        Assert.Equal("Fund 40 more dementia training places for care home staff", newEntry.QuerySelector<IHtmlInputElement>("#Input_Title")!.Value);
        Assert.Contains("Dementia training places", newEntry.QuerySelector<IHtmlTextAreaElement>("#Input_YouSaidSummary")!.Value, StringComparison.Ordinal);
        var saved = await Html.SubmitAsync(staff, newEntry, new Dictionary<string, string> { ["Input.OwnerTeam"] = "Care home commissioning" }, "form#entry-form");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var entryUrl = saved.Headers.Location!.OriginalString;
        var entryId = int.Parse(entryUrl[(entryUrl.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

        string reference;
        await using (var db = factory.CreateDbContext())
        {
            Assert.Equal(entryId, await db.ForumActions.Where(a => a.Id == actionId).Select(a => a.ResponseEntryId).SingleAsync());
            Assert.True(await db.ResponseEntryEvents.AnyAsync(l => l.ResponseEntryId == entryId && l.EventId == forum));
            reference = await db.ResponseEntries.Where(e => e.Id == entryId).Select(e => e.Reference).SingleAsync();
            Assert.True(await db.AuditRecords.AnyAsync(a => a.Action == ForumAudit.ActionBecameEntry && a.EntityId == actionId.ToString()));
        }

        // The action cannot become a second entry.
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/staff/responses/new?forumAction={actionId}")).StatusCode);
        var twice = await Html.SubmitAsync(staff, newEntry, new Dictionary<string, string>(), "form#entry-form");
        Assert.Contains("This forum action already has", Html.ErrorSummary(await Html.ParseAsync(twice))[0], StringComparison.Ordinal);

        // Publishing emails the provider that raised the agenda item; so does each status change.
        var (_, entryPage) = await Html.GetAsync(staff, entryUrl);
        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitAsync(staff, entryPage, new Dictionary<string, string>(), "form#publish-form")).StatusCode);
        var afterPublish = await ForumEmailsAsync(entryId);
        var email = Assert.Single(afterPublish);
        Assert.Equal(TestAccounts.CareHomeProvider, email.ToAddress);
        Assert.Contains("Dementia training places", email.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/you-said-we-did/{reference}", email.TextBody, StringComparison.Ordinal);
        Assert.NotNull(email.UnsubscribeUrl);

        (_, entryPage) = await Html.GetAsync(staff, entryUrl);
        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitAsync(staff, entryPage, new Dictionary<string, string> { ["Move.NewStatus"] = "UnderReview" }, "form#status-form")).StatusCode);
        Assert.Equal(2, (await ForumEmailsAsync(entryId)).Count);

        // The public pages: minutes, the action and its entry on the event page; the entry attributed to the forum.
        using var anonymous = factory.CreateBrowserClient();
        var (_, eventPage) = await Html.GetAsync(anonymous, $"/events/{forum}");
        Assert.Equal("Training", eventPage.QuerySelector("#minutes-text h2").Text());
        Assert.Contains("Fund 40 more dementia training places", eventPage.QuerySelector("#action-list").Text());
        Assert.NotNull(eventPage.QuerySelector($"#action-list a[href='/you-said-we-did/{reference}']"));
        var (_, publicEntry) = await Html.GetAsync(anonymous, $"/you-said-we-did/{reference}");
        Assert.NotNull(publicEntry.QuerySelector($"#from-forum a[href='/events/{forum}']"));

        // One-click unsubscribe stops the provider's emails; the next change sends none to them.
        var unsubscribe = new Uri(email.UnsubscribeUrl!).PathAndQuery;
        var stopped = await anonymous.PostAsync(unsubscribe, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        (_, entryPage) = await Html.GetAsync(staff, entryUrl);
        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitAsync(staff, entryPage, new Dictionary<string, string> { ["Move.NewStatus"] = "NotTakenForward", ["Move.Note"] = "The budget could not be found." }, "form#status-form")).StatusCode);
        Assert.Equal(2, (await ForumEmailsAsync(entryId)).Count);
    }

    [Fact]
    public async Task Hostile_topics_minutes_and_actions_are_encoded_on_the_public_event_page()
    {
        var payloads = TestData.All("xss").Select(p => p.Trim()).Where(p => p.Length > 0 && p.Length <= ForumLimits.TopicMaxLength).Distinct().Take(25).ToList();
        var forum = await CareHomeForumAsync("Care home forum (xss test)");
        await using (var db = factory.CreateDbContext())
        {
            var ev = await db.Events.SingleAsync(e => e.Id == forum);
            var position = 1;
            foreach (var payload in payloads)
            {
                db.AgendaItems.Add(AgendaItem.AddByCommissioner(ev, new AgendaItemDetails(payload, payload, []), position++, DateTime.UtcNow).Value!);
            }

            await db.SaveChangesAsync();
        }

        var staff = await SignedInAsync(TestAccounts.Commissioner);
        var (_, agenda) = await Html.GetAsync(staff, $"/staff/events/{forum}/agenda");
        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitAsync(staff, agenda, new Dictionary<string, string>(), "form#publish-form")).StatusCode);
        await MoveToThePastAsync(forum);
        var (_, minutes) = await Html.GetAsync(staff, $"/staff/events/{forum}/minutes");
        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitAsync(staff, minutes, new Dictionary<string, string> { ["Input.Minutes"] = string.Join("\n\n", payloads) }, "form#minutes-form")).StatusCode);
        (_, minutes) = await Html.GetAsync(staff, $"/staff/events/{forum}/minutes");
        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitAsync(staff, minutes, new Dictionary<string, string> { ["NewAction.Text"] = payloads[0] }, "form#action-form")).StatusCode);

        using var anonymous = factory.CreateBrowserClient();
        var (_, page) = await Html.GetAsync(anonymous, $"/events/{forum}");
        Assert.Equal(payloads, page.QuerySelectorAll("#agenda-items li").Select(li => li.TextContent.Trim()));
        foreach (var area in new[] { "#agenda-items", "#minutes-text", "#action-list" })
        {
            var element = page.QuerySelector(area)!;
            Assert.Empty(element.QuerySelectorAll("script, img, iframe, svg, object, embed, style, form"));
            Assert.DoesNotContain(element.QuerySelectorAll("*"), e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase) || a.Value.Contains("javascript:", StringComparison.OrdinalIgnoreCase)));
        }
    }

    private async Task<List<Engagement.Domain.Email.OutboxMessage>> ForumEmailsAsync(int entryId)
    {
        await using var db = factory.CreateDbContext();
        var related = entryId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == ProgressEmails.ForumKind && m.RelatedId == related).OrderBy(m => m.Id).ToListAsync();
    }
}
