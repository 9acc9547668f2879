using Engagement.Domain.Feedback;
using Engagement.Infrastructure.Deadlines;
using Engagement.Infrastructure.Email;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.IntegrationTests.Triage;
using Engagement.Web.Features.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.IntegrationTests.Deadlines;

/// <summary>
/// Due dates, the "due this week" and "overdue" filters, the due-date sort and the staff home counts against a
/// hand-worked fixture. Today is Wednesday 8 July 2026, 11:00 in the UK (10:00 UTC, British Summer Time); the promise is
/// the production default of 20 working days; there is no bank holiday between 9 June and 13 July 2026.
/// </summary>
public sealed class InboxDeadlineTests(DeadlinesFactory factory) : IClassFixture<DeadlinesFactory>
{
    private static readonly DateTime Today = new(2026, 7, 8, 10, 0, 0, DateTimeKind.Utc);

    private static DateTime Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, DateTimeKind.Utc);

    [Fact]
    public async Task The_inbox_shows_due_dates_filters_what_is_due_and_overdue_and_sorts_by_due_date()
    {
        var marker = "Due" + Guid.NewGuid().ToString("N")[..8];
        factory.Clock.Reset();
        var client = await Staff.CommissionerAsync(factory);
        factory.Clock.Set(Today);
        var (_, before) = await Html.GetAsync(client, "/staff");
        var overdueBefore = Count(before, "#overdue-count");
        var dueBefore = Count(before, "#due-this-week-count");

        // Tuesday 9 June: due Tuesday 7 July, one working day overdue.
        var overdue = await factory.AddItemAsync(marker, Utc(6, 9, 10));
        // 23:59 on Wednesday 10 June in the UK: due today, Wednesday 8 July.
        var dueToday = await factory.AddItemAsync(marker, Utc(6, 10, 22, 59));
        // 00:30 on Thursday 11 June in the UK (23:30 UTC on the Wednesday): due Thursday 9 July.
        var dueTomorrow = await factory.AddItemAsync(marker, Utc(6, 10, 23, 30));
        // Friday 12 June: due Friday 10 July.
        var dueFriday = await factory.AddItemAsync(marker, Utc(6, 12, 10));
        // Monday 15 June: due Monday 13 July, next week.
        var dueNextWeek = await factory.AddItemAsync(marker, Utc(6, 15, 9));
        // Answered (late) and quarantined items are never due.
        var answered = await factory.AddItemAsync(marker, Utc(6, 1, 9), firstRespondedAt: Utc(7, 1, 9));
        await factory.AddItemAsync(marker, Utc(6, 2, 9), quarantined: true);

        var (_, all) = await Html.GetAsync(client, "/staff/feedback?q=" + marker);
        Assert.Equal("Due 7 Jul 2026 Overdue by 1 working day", Cell(all, overdue));
        Assert.Equal("Due 8 Jul 2026 Due today", Cell(all, dueToday));
        Assert.Equal("Due 9 Jul 2026 1 working day left", Cell(all, dueTomorrow));
        Assert.Equal("Due 10 Jul 2026 2 working days left", Cell(all, dueFriday));
        Assert.Equal("Due 13 Jul 2026 3 working days left", Cell(all, dueNextWeek));
        Assert.Equal("Responded 1 Jul 2026 after the due date", Cell(all, answered));
        Assert.Contains("Overdue (1)", all.QuerySelector("#quick-filters")!.TextContent);
        Assert.Contains("Due this week (3)", all.QuerySelector("#quick-filters")!.TextContent);

        var (_, overdueOnly) = await Html.GetAsync(client, $"/staff/feedback?show=overdue&q={marker}");
        Assert.Equal([overdue.Reference], References(overdueOnly));

        var (_, thisWeek) = await Html.GetAsync(client, $"/staff/feedback?show=due-this-week&sort=due&q={marker}");
        Assert.Equal([dueToday.Reference, dueTomorrow.Reference, dueFriday.Reference], References(thisWeek));

        var (_, byDue) = await Html.GetAsync(client, $"/staff/feedback?sort=due&q={marker}");
        Assert.Equal([overdue.Reference, dueToday.Reference, dueTomorrow.Reference, dueFriday.Reference, dueNextWeek.Reference, answered.Reference], References(byDue));

        var (_, after) = await Html.GetAsync(client, "/staff");
        Assert.Equal(overdueBefore + 1, Count(after, "#overdue-count"));
        Assert.Equal(dueBefore + 3, Count(after, "#due-this-week-count"));

        // Friday 10 July, 00:30 in the UK (23:30 UTC on the Thursday): the Thursday item is now overdue too.
        factory.Clock.Set(Utc(7, 9, 23, 30));
        var (_, friday) = await Html.GetAsync(client, $"/staff/feedback?show=overdue&sort=due&q={marker}");
        Assert.Equal([overdue.Reference, dueToday.Reference, dueTomorrow.Reference], References(friday));
        factory.Clock.Reset();
    }

    [Fact]
    public async Task Triage_decisions_and_publishing_record_the_first_response_once()
    {
        var marker = "First" + Guid.NewGuid().ToString("N")[..8];
        var now = new DateTime(2026, 11, 2, 10, 0, 0, DateTimeKind.Utc);
        factory.Clock.Set(now);
        var spam = await factory.AddItemAsync(marker, now.AddDays(-3));
        var linked = await factory.AddItemAsync(marker, now.AddDays(-3));
        var userId = await Staff.UserIdAsync(factory, TestAccounts.Commissioner);
        using (var scope = factory.Services.CreateScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<MarkNotForPublicationHandler>()
                .HandleAsync(new MarkNotForPublication(spam.Id, NotForPublicationReason.Spam, "Advertising", userId));
            Assert.True(result.Succeeded);

            // A draft entry is not a response: linking to one records nothing.
            var draft = await scope.ServiceProvider.GetRequiredService<LinkFeedbackToEntryHandler>()
                .HandleAsync(new LinkFeedbackToEntry(linked.Id, null, StartNewEntry: true, userId));
            Assert.True(draft.Succeeded);
        }

        Assert.Equal(now, (await Staff.ItemAsync(factory, spam.Reference)).FirstRespondedAt);
        Assert.Null((await Staff.ItemAsync(factory, linked.Reference)).FirstRespondedAt);

        // Linking to a published entry is a first response; a later link changes nothing.
        string published;
        await using (var db = factory.CreateDbContext())
        {
            published = await db.ResponseEntries.Where(e => e.IsPublished).OrderBy(e => e.Id).Select(e => e.Reference).FirstAsync();
        }

        factory.Clock.Set(now.AddHours(1));
        using (var scope = factory.Services.CreateScope())
        {
            var handler = scope.ServiceProvider.GetRequiredService<LinkFeedbackToEntryHandler>();
            Assert.True((await handler.HandleAsync(new LinkFeedbackToEntry(linked.Id, published, StartNewEntry: false, userId))).Succeeded);
        }

        Assert.Equal(now.AddHours(1), (await Staff.ItemAsync(factory, linked.Reference)).FirstRespondedAt);
        factory.Clock.Set(now.AddHours(2));
        using (var scope = factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<FlagComplaintHandler>().HandleAsync(new FlagComplaint(linked.Id, null, userId));
        }

        Assert.Equal(now.AddHours(1), (await Staff.ItemAsync(factory, linked.Reference)).FirstRespondedAt);
        factory.Clock.Reset();
    }

    [Fact]
    public async Task Opted_in_staff_get_one_overdue_email_a_working_day_even_with_two_runs_at_once()
    {
        var marker = "Mail" + Guid.NewGuid().ToString("N")[..8];
        factory.Clock.Reset();
        var client = await Staff.CommissionerAsync(factory);
        var response = await Staff.PostAsync(client, "/staff", "#overdue-email", []);
        Staff.AssertRedirect(response, "/staff");
        var userId = await Staff.UserIdAsync(factory, TestAccounts.Commissioner);
        await using (var db = factory.CreateDbContext())
        {
            Assert.True(await db.Users.Where(u => u.Id == userId).Select(u => u.WantsOverdueEmail).SingleAsync());
        }

        var overdue = await factory.AddItemAsync(marker, Utc(6, 9, 10));

        // Saturday 11 July 2026: no email at weekends.
        factory.Clock.Set(Utc(7, 11, 6));
        Assert.Equal(0, await RunJobAsync());

        // Monday 13 July, 08:00 in the UK: two job servers at once queue one email.
        factory.Clock.Set(Utc(7, 13, 7));
        var runs = await Task.WhenAll(RunJobAsync(), RunJobAsync());
        Assert.Equal(1, runs.Sum());
        Assert.Equal(0, await RunJobAsync());
        string kindId = userId + ":2026-07-13";
        await using (var db = factory.CreateDbContext())
        {
            var emails = await db.OutboxMessages.Where(m => m.Kind == OverdueEmailJob.EmailKind && m.RelatedId == kindId).ToListAsync();
            var email = Assert.Single(emails);
            Assert.Contains(overdue.Reference, email.TextBody);
            Assert.Contains("/staff/feedback/" + overdue.Id, email.TextBody);
            Assert.DoesNotContain(marker, email.TextBody); // never the feedback text
            Assert.DoesNotContain(marker, email.HtmlBody);
        }

        // The next working day brings the next email; turning it off stops them.
        factory.Clock.Set(Utc(7, 14, 7));
        Assert.Equal(1, await RunJobAsync());
        factory.Clock.Reset();
        Staff.AssertRedirect(await Staff.PostAsync(client, "/staff", "#overdue-email", []), "/staff");
        factory.Clock.Set(Utc(7, 15, 7));
        Assert.Equal(0, await RunJobAsync());
        factory.Clock.Reset();
    }

    private async Task<int> RunJobAsync()
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OverdueEmailJob>().RunAsync(CancellationToken.None);
    }

    private static int Count(AngleSharp.Html.Dom.IHtmlDocument page, string selector) =>
        int.Parse(page.QuerySelector(selector)!.TextContent.Split(':')[1].Trim(), System.Globalization.CultureInfo.InvariantCulture);

    private static string Cell(AngleSharp.Html.Dom.IHtmlDocument page, FeedbackItem item) =>
        string.Join(" ", page.QuerySelectorAll("#inbox tbody tr")
            .Single(r => r.QuerySelector("td a")!.TextContent == item.Reference)
            .QuerySelector("td.app-first-response")!.TextContent
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static List<string> References(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("#inbox tbody tr td:first-child a").Select(a => a.TextContent).ToList();
}
