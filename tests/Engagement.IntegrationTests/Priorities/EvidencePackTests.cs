using System.Net;
using AngleSharp.Dom;
using Engagement.Domain.Common;
using Engagement.Domain.Feedback;
using Engagement.Domain.Responses;
using Engagement.Infrastructure.Security;
using Engagement.IntegrationTests.Consultations;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.IntegrationTests.PublicLog;
using Microsoft.EntityFrameworkCore;
using static Engagement.IntegrationTests.ProviderEngagement.ProviderEngagementTestSupport;

namespace Engagement.IntegrationTests.Priorities;

/// <summary>
/// A priority's evidence pack (/staff/priorities/{n}), against hand-counted fixtures on priority 18 with the clock in
/// 2026 Q3: feedback counted by the UK quarter it arrived in (a minute either side of midnight BST at two quarter starts),
/// quarantined and other priorities' feedback left out; only approved providers' records, published consultations with
/// their outcome, and published entries updated in the period; the CSV holds the same rows; a bad period is a GOV.UK
/// error. Who may open it is in the endpoint access table.
/// </summary>
public sealed class EvidencePackTests(ConsultationsFactory factory) : IClassFixture<ConsultationsFactory>
{
    private const int Number = 18;
    private static int _sequence;
    private static readonly DateTime Now = new(2026, 7, 15, 11, 0, 0, DateTimeKind.Utc);

    private async Task AddFeedbackAsync(DateTime submittedAt, ServiceSection section, SubmitterRole role = SubmitterRole.CarerOrFamily, int priority = Number, bool quarantined = false, bool safeguarding = false)
    {
        await using var db = factory.CreateDbContext();
        var item = FeedbackItem.Receive(
            new NewFeedback(role, role == SubmitterRole.CareProvider ? ProviderType.CareHome : null, section, "Private words that never reach the pack", FeedbackChannel.OnlineForm, [priority]),
            FeedbackItem.FormatReference(2092, 100000 + Interlocked.Increment(ref _sequence)),
            SecureToken.Hash(SecureToken.Create()),
            submittedAt,
            possibleSafeguarding: false,
            looksLikeBot: quarantined);
        if (safeguarding)
        {
            Assert.True(item.FlagAsSafeguardingConcern("Escalated", "test-user", submittedAt).Succeeded);
        }

        db.FeedbackItems.Add(item);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task The_pack_counts_feedback_by_UK_quarter_and_shows_only_approved_records_published_outcomes_and_entries_in_the_period()
    {
        factory.Clock.Reset();
        // Signed in first: the sign-in code is for the real time.
        var commissioner = await SignedInAsync(factory, TestAccounts.Commissioner);
        var provider = await SignedInAsync(factory, TestAccounts.CareHomeProvider);
        var approved = await RecordAsync(provider, Form("Residents asked for more say in activities", priority: Number));
        Assert.Equal(HttpStatusCode.Redirect, (await ReviewAsync(commissioner, approved, approve: true)).StatusCode);
        factory.Clock.Set(Now);
        // Demo organisations' records may be waiting too: the one recorded here must add one to them.
        var waitingBefore = WaitingCount((await Html.GetAsync(commissioner, $"/staff/priorities/{Number}")).Document);
        await RecordAsync(provider, Form("Waiting for review and never in the pack", priority: Number));

        // 2026 Q2 starts at 2026-03-31 23:00 UTC (midnight BST); 2025 Q4 at 2025-09-30 23:00 UTC.
        await AddFeedbackAsync(new DateTime(2026, 3, 31, 23, 1, 0, DateTimeKind.Utc), ServiceSection.HomeCare);
        await AddFeedbackAsync(new DateTime(2026, 5, 10, 9, 0, 0, DateTimeKind.Utc), ServiceSection.CoProduction, SubmitterRole.CareProvider, safeguarding: true);
        await AddFeedbackAsync(new DateTime(2026, 3, 31, 22, 59, 0, DateTimeKind.Utc), ServiceSection.HomeCare, SubmitterRole.PersonDrawingOnCare);
        await AddFeedbackAsync(new DateTime(2025, 9, 30, 23, 1, 0, DateTimeKind.Utc), ServiceSection.CoProduction);
        await AddFeedbackAsync(new DateTime(2025, 9, 30, 22, 59, 0, DateTimeKind.Utc), ServiceSection.HomeCare); // 2025 Q3: before the default period
        await AddFeedbackAsync(new DateTime(2026, 5, 1, 9, 0, 0, DateTimeKind.Utc), ServiceSection.HomeCare, quarantined: true);
        await AddFeedbackAsync(new DateTime(2026, 5, 1, 9, 0, 0, DateTimeKind.Utc), ServiceSection.HomeCare, priority: 5);

        var marker = PublicLogTestSupport.Marker();
        var entry = await PublicLogTestSupport.AddEntryAsync(factory, "Done " + marker, "People asked to help shape services " + marker, new DateTime(2026, 6, 1, 9, 0, 0, DateTimeKind.Utc),
            ServiceSection.CoProduction, [Number], ResponseStatus.InProgress, weDid: "We set up a **panel**.");
        var old = await PublicLogTestSupport.AddEntryAsync(factory, "Too old " + marker, "Said long ago", new DateTime(2025, 1, 1, 9, 0, 0, DateTimeKind.Utc), ServiceSection.CoProduction, [Number]);
        var draft = await PublicLogTestSupport.AddEntryAsync(factory, "Draft " + marker, "Not published", new DateTime(2026, 6, 1, 9, 0, 0, DateTimeKind.Utc), ServiceSection.CoProduction, [Number], publish: false);

        // A consultation open in May (answered once then), closed with its outcome published.
        factory.Clock.Set(new DateTime(2026, 5, 1, 9, 0, 0, DateTimeKind.Utc));
        var consultation = await factory.AddConsultationAsync("How should we decide " + marker, opensAt: new DateTime(2026, 4, 1, 9, 0, 0, DateTimeKind.Utc), closesAt: new DateTime(2026, 6, 30, 9, 0, 0, DateTimeKind.Utc), priority: Number);
        var role = ConsultationJourneySteps.Question(consultation, "Which best");
        var where = ConsultationJourneySteps.Question(consultation, "Where should");
        var answered = await factory.GetService<Web.Features.Consultations.SubmitConsultationResponseHandler>().HandleAsync(new(consultation.Id,
            new Dictionary<string, string[]>
            {
                [role.FieldName] = [ConsultationJourneySteps.Option(role, "I am a carer")],
                [ConsultationJourneySteps.Question(consultation, "How well").FieldName] = [ConsultationJourneySteps.Option(ConsultationJourneySteps.Question(consultation, "How well"), "Well")],
                [where.FieldName] = [ConsultationJourneySteps.Option(where, "Leaflets")],
                [ConsultationJourneySteps.Question(consultation, "What else").FieldName] = ["Words that are never in the pack"],
            },
            Domain.Consultations.ResponseChannel.Online, null, false, false, Guid.NewGuid().ToString("N"), SecureToken.Create()));
        Assert.True(answered.Succeeded, answered.Error);
        factory.Clock.Set(Now);
        await using (var db = factory.CreateDbContext())
        {
            var c = await db.Consultations.SingleAsync(x => x.Id == consultation.Id);
            Assert.True(c.PublishOutcome("Whether to set up a panel", "Most of you said yes", "We **set one up**.", entry.Id, Now).Succeeded);
            await db.SaveChangesAsync();
        }

        var (response, page) = await Html.GetAsync(commissioner, $"/staff/priorities/{Number}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("From 2025 Q4 to 2026 Q3", page.QuerySelector("#pack-period")!.Text().Trim());
        Assert.StartsWith("4 pieces of feedback linked to this priority, of which 1 raised a safeguarding concern", page.QuerySelector("#feedback-total")!.Text().Trim());
        Assert.Equal(
            [["Quarter", "Home care", "Co-production", "All"], ["2026 Q2", "1", "1", "2"], ["2026 Q1", "1", "0", "1"], ["2025 Q4", "0", "1", "1"]],
            Table(page, "#feedback-by-section"));
        var byRole = Table(page, "#feedback-by-role");
        Assert.Equal(["Quarter", SubmitterRole.PersonDrawingOnCare.Name(), SubmitterRole.CarerOrFamily.Name(), SubmitterRole.CareProvider.Name()], byRole[0]);
        Assert.Equal(["2026 Q2", "0", "1", "1"], byRole[1]);
        Assert.Equal(["2026 Q1", "1", "0", "0"], byRole[2]);
        Assert.DoesNotContain("Private words", page.Body!.TextContent);
        Assert.DoesNotContain("never in the pack", page.Body.TextContent);

        Assert.NotNull(page.QuerySelector($"#record-{approved}"));
        Assert.Contains("Residents asked for more say", page.QuerySelector($"#record-{approved}")!.Text());
        Assert.DoesNotContain("Waiting for review", page.Body.TextContent);
        var shownRecords = page.QuerySelectorAll("[id^='record-']").Length;
        Assert.Equal(waitingBefore + 1, WaitingCount(page));

        var shown = page.QuerySelector($"#consultation-{consultation.Id}")!;
        Assert.Contains("1 response counted", shown.Text());
        Assert.Equal("set one up", shown.QuerySelectorAll("strong").Last().Text());

        Assert.NotNull(page.QuerySelector($"#entry-{entry.Reference}"));
        Assert.Equal("panel", page.QuerySelectorAll($"#entry-{entry.Reference} strong").Last().Text());
        Assert.Null(page.QuerySelector($"#entry-{old.Reference}"));
        Assert.Null(page.QuerySelector($"#entry-{draft.Reference}"));

        // Eight quarters reach back to 2024 Q4: the 2025 Q3 item and the old entry come in.
        (_, page) = await Html.GetAsync(commissioner, $"/staff/priorities/{Number}?period=8");
        Assert.Equal("2025 Q3", Table(page, "#feedback-by-section")[^1][0]);
        Assert.NotNull(page.QuerySelector($"#entry-{old.Reference}"));

        // The CSV: the same rows.
        var csv = PublicLogTestSupport.ParseCsv(await commissioner.GetStringAsync($"/staff/priorities/{Number}/evidence.csv?period=4"));
        Assert.Equal(Web.Pages.Staff.Priorities.EvidenceCsvModel.Header, csv[0]);
        Assert.Contains(csv, r => r[0] == "Feedback by service area" && r[1] == "2026 Q2" && r[2] == "Co-production" && r[3] == "1");
        Assert.Contains(csv, r => r[0] == "Feedback by who sent it" && r[1] == "2026 Q1" && r[2] == SubmitterRole.PersonDrawingOnCare.Name() && r[3] == "1");
        Assert.Equal(4, csv.Where(r => r[0] == "Feedback by service area").Sum(r => int.Parse(r[3], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains(csv, r => r[0] == "Provider's engagement record" && r[8] == "Residents asked for more say in activities" && r[7] == "2026-02-03");
        Assert.DoesNotContain(csv, r => r[8] == "Waiting for review and never in the pack");
        Assert.Equal(shownRecords, csv.Count(r => r[0] == "Provider's engagement record"));
        Assert.Single(csv, r => r[0] == "Consultation" && r[5] == consultation.Title && r[6] == "Outcome published" && r[3] == "1");
        var csvEntries = csv.Where(r => r[0] == "You said, we did").Select(r => r[4]).ToList();
        Assert.Contains(entry.Reference, csvEntries);
        Assert.DoesNotContain(old.Reference, csvEntries);
        Assert.DoesNotContain(draft.Reference, csvEntries);
    }

    [Fact]
    public async Task A_bad_period_gets_a_GOV_UK_error_and_the_default_period()
    {
        factory.Clock.Reset();
        var commissioner = await SignedInAsync(factory, TestAccounts.Commissioner);
        var (response, page) = await Html.GetAsync(commissioner, $"/staff/priorities/{Number}?period=7");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["Select a period from the list"], Html.ErrorSummary(page));
        Assert.Equal("4", page.QuerySelector<AngleSharp.Html.Dom.IHtmlSelectElement>("#period")!.Value);
        Assert.Equal(HttpStatusCode.BadRequest, (await commissioner.GetAsync($"/staff/priorities/{Number}/evidence.csv?period=<script>")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await commissioner.GetAsync("/staff/priorities/99")).StatusCode);

    }

    private static int WaitingCount(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelector("#providers-waiting") is { } waiting
            ? int.Parse(waiting.Text().Trim().Split(' ')[0], System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture)
            : 0;

    private static List<string[]> Table(AngleSharp.Html.Dom.IHtmlDocument page, string selector) =>
        page.QuerySelectorAll($"{selector} tr").Select(r => r.QuerySelectorAll("th, td").Select(c => c.Text().Trim()).ToArray()).ToList();
}
