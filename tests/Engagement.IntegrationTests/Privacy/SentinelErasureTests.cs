using System.Net;
using System.Text;
using Engagement.Domain.Feedback;
using Engagement.IntegrationTests.Events;
using Engagement.IntegrationTests.Feedback;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.Web.Features.Triage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.IntegrationTests.Privacy;

/// <summary>
/// The self-check: sentinel names, addresses and text go in through feedback, bookings, consultation responses and a
/// provider account, out through every withdrawal and erasure path (the tracking page, the booking page, a staff
/// erasure, the retention job), and then no table, no byte of the SQLite file or its write-ahead log, and no .eml file
/// in the pickup folder holds any of them, while the published entry and its count stand.
/// </summary>
public sealed class SentinelErasureTests
{
    private static readonly string[] Sentinels =
    [
        "Quillon Vantablack", "qv.withdraws@sentinel.example", "Sentinel tapioca walrus text",
        "Orsolya Brightwater", "ob.removes@sentinel.example",
        "Bartholomew Inkwell", "bi.books@sentinel.example", "Sentinel Lamplighters Ltd", "Sentinel hearing loop please",
        "Cressida Marchbank", "cm.requests@sentinel.example", "Sentinel staff erasure text",
        "Ptolemy Gardenhall", "pg.retained@sentinel.example", "Sentinel retention text",
        "Sentinel consultation answer", "Sentinel other choice text", "Sentinel worrying consultation answer",
        "Fenella Quartermaine", "07700 900461",
    ];

    [Fact]
    public async Task After_every_withdrawal_and_erasure_path_no_table_and_no_file_byte_holds_a_sentinel_and_the_published_entry_stands()
    {
        await using var factory = new PrivacyFactory();
        var staff = await factory.StaffUserIdAsync();
        string entryReference;
        int entryId;
        await using (var db = factory.CreateDbContext())
        {
            var entry = await db.ResponseEntries.Where(e => e.IsPublished).OrderBy(e => e.Id).FirstAsync();
            (entryReference, entryId) = (entry.Reference, entry.Id);
        }

        // 1. Deleted from the private tracking page (linked to a published entry first).
        var withdrawn = await SubmitAsync(factory, "Sentinel tapioca walrus text", "Quillon Vantablack", "qv.withdraws@sentinel.example");
        await factory.HandleAsync<LinkFeedbackToEntryHandler>(async h => (await h.HandleAsync(new LinkFeedbackToEntry(withdrawn.Id, entryReference, false, staff))) is { Succeeded: true } ? Engagement.Domain.Common.DomainResult.Ok : Engagement.Domain.Common.DomainResult.Refused("link"));
        await factory.HandleAsync<AddFeedbackNoteHandler>(h => h.HandleAsync(new AddFeedbackNote(withdrawn.Id, "Called Quillon Vantablack back", staff)));
        var raisedBy = await RaisedByAsync(factory, entryReference);

        // 2. Name and email removed from the tracking page (the text, not a sentinel, stays).
        var removed = await SubmitAsync(factory, "An ordinary remark about day centres", "Orsolya Brightwater", "ob.removes@sentinel.example");

        // 3. A booking cancelled and its details removed from the booking page.
        var eventId = await EventsTestSupport.AddEventAsync(factory);
        var bookingToken = Engagement.Infrastructure.Security.SecureToken.Create();
        Assert.True((await EventsTestSupport.RegisterAsync(factory, new Engagement.Web.Features.Events.RegisterForEvent(
            eventId, "Bartholomew Inkwell", "bi.books@sentinel.example", "Sentinel Lamplighters Ltd", "Sentinel hearing loop please", bookingToken, Engagement.Domain.Events.Registrant.Public))).Succeeded);

        // 4. Erased by staff for a request: feedback (one a safeguarding concern) and a booking for one address.
        await SubmitAsync(factory, "Sentinel staff erasure text", "Cressida Marchbank", "cm.requests@sentinel.example");
        var concern = await SubmitAsync(factory, "Sentinel staff erasure text, the second", "Cressida Marchbank", "cm.requests@sentinel.example");
        await factory.HandleAsync<FlagSafeguardingConcernHandler>(h => h.HandleAsync(new FlagSafeguardingConcern(concern.Id, "Cressida Marchbank spoke to us", staff)));
        Assert.True((await EventsTestSupport.RegisterAsync(factory, EventsTestSupport.Command(eventId, "cm.requests@sentinel.example", "Cressida Marchbank"))).Succeeded);
        await factory.HandleAsync<Engagement.Web.Features.Alerts.SubscribeToAlertsHandler>(h => h.HandleAsync(
            new Engagement.Web.Features.Alerts.SubscribeToAlerts("cm.requests@sentinel.example", new Engagement.Domain.Alerts.AlertChoices([3], [], []), Engagement.Domain.Alerts.AlertFrequency.Weekly)));

        // ...and two consultation responses from the same address (one flagged as a safeguarding concern), with written
        // answers and an acknowledgement email, and a provider account registered with it (name, phone, password).
        var consultation = await Engagement.IntegrationTests.Consultations.AnalysisTestSupport.CreateOpenAsync(factory);
        var answered = await AnswerAsync(factory, consultation, "Sentinel consultation answer", "Sentinel other choice text");
        var worrying = await AnswerAsync(factory, consultation, "Sentinel worrying consultation answer", null);
        await using (var db = factory.CreateDbContext())
        {
            var response = await db.ConsultationResponses.SingleAsync(r => r.Reference == worrying);
            Assert.True(response.FlagAs(Engagement.Domain.Consultations.ResponseFlag.SafeguardingConcern, staff, factory.Clock.GetUtcNow().UtcDateTime).Succeeded);
            await db.SaveChangesAsync();
        }

        Assert.Empty(await factory.GetService<Engagement.Web.Features.Events.ProviderAccounts>().RegisterAsync(new Engagement.Web.Features.Events.RegisterProvider(
            "Fenella Quartermaine", "cm.requests@sentinel.example", EngagementFactory.DemoPassword, "Harbourside Home Care", Engagement.Domain.Common.ProviderType.HomeCare, null)));
        await using (var db = factory.CreateDbContext())
        {
            var account = await db.Users.SingleAsync(u => u.NormalizedEmail == "CM.REQUESTS@SENTINEL.EXAMPLE");
            account.PhoneNumber = "07700 900461";
            account.EmailConfirmed = true;
            await db.SaveChangesAsync();
        }

        // 5. Removed by the retention job: closed, then two years and a month pass.
        var retained = await SubmitAsync(factory, "Sentinel retention text", "Ptolemy Gardenhall", "pg.retained@sentinel.example");
        await factory.HandleAsync<MarkNotForPublicationHandler>(h => h.HandleAsync(new MarkNotForPublication(retained.Id, NotForPublicationReason.OutOfScope, "Not about care", staff)));
        await factory.DispatchEmailAsync();
        await AssertSentinelsPresentAsync(factory);
        var pickup = Path.Combine(factory.DataDirectory, "mail");
        Assert.Contains(Directory.GetFiles(pickup, "*.eml"), f => File.ReadAllText(f).Contains("cm.requests@sentinel.example", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(Directory.GetFiles(pickup, "*.eml"), f => File.ReadAllText(f).Contains("pg.retained@sentinel.example", StringComparison.OrdinalIgnoreCase));

        var client = factory.CreateBrowserClient();
        await ConfirmAsync(client, $"/feedback/track/{withdrawn.Token}/delete");
        await ConfirmAsync(client, $"/feedback/track/{removed.Token}/remove-details");
        await ConfirmAsync(client, $"/registrations/{bookingToken}/remove-details");

        var staffClient = factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(staffClient, TestAccounts.Commissioner);
        var (_, form) = await Html.GetAsync(staffClient, "/staff/data-requests/new");
        var today = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime);
        var recorded = await Html.SubmitAsync(staffClient, form, new Dictionary<string, string>
        {
            ["Input.Kind"] = "Erasure",
            ["Input.ReceivedOn.Day"] = today.Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.ReceivedOn.Month"] = today.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.ReceivedOn.Year"] = today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var (_, request) = await Html.GetAsync(staffClient, recorded.Headers.Location!.OriginalString);
        var searched = await Html.ParseAsync(await Html.SubmitAsync(staffClient, request, new Dictionary<string, string> { ["Query"] = "cm.requests@sentinel.example" }, "form[action*='handler=Search']"));
        Assert.Contains("cm.requests@sentinel.example", searched.QuerySelector(".app-held-alert")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, searched.QuerySelectorAll(".app-held-response").Length);
        Assert.Contains("Fenella Quartermaine", searched.QuerySelector(".app-held-account")!.TextContent, StringComparison.Ordinal);
        var erased = await Html.SubmitAsync(staffClient, searched, new Dictionary<string, string> { ["Reason"] = "Erasure request, identity checked", ["Decision"] = "ReleaseAndErase" }, "form[action*='handler=Erase']");
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);

        factory.Clock.Advance(TimeSpan.FromDays(25 * 31));
        await factory.RunRetentionAsync();

        // Nothing in any table...
        SqliteConnection.ClearAllPools();
        await using (var connection = new SqliteConnection($"Data Source={factory.DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            var tables = new List<string>();
            await using (var list = connection.CreateCommand())
            {
                list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
                await using var reader = await list.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    tables.Add(reader.GetString(0));
                }
            }

            Assert.Contains("FeedbackItems", tables);
            var found = new List<string>();
            foreach (var table in tables)
            {
                await using var select = connection.CreateCommand();
                select.CommandText = $"SELECT * FROM \"{table.Replace("\"", "\"\"")}\"";
                await using var reader = await select.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        var value = reader.IsDBNull(i) ? "" : reader.GetValue(i) is byte[] bytes ? Encoding.UTF8.GetString(bytes) : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "";
                        found.AddRange(Sentinels.Where(s => value.Contains(s, StringComparison.OrdinalIgnoreCase)).Select(s => $"{table}.{reader.GetName(i)}: {s}"));
                    }
                }
            }

            Assert.True(found.Count == 0, "Still held: " + string.Join("; ", found.Distinct()));
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await checkpoint.ExecuteNonQueryAsync();
        }

        // ...and no byte of the file (free pages included) or of the write-ahead log.
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { factory.DatabasePath, factory.DatabasePath + "-wal" }.Where(File.Exists))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            foreach (var sentinel in Sentinels)
            {
                Assert.True(IndexOf(bytes, Encoding.UTF8.GetBytes(sentinel)) < 0, $"{Path.GetFileName(file)} still holds \"{sentinel}\"");
                Assert.True(IndexOf(bytes, Encoding.UTF8.GetBytes(sentinel.ToLowerInvariant())) < 0, $"{Path.GetFileName(file)} still holds \"{sentinel.ToLowerInvariant()}\"");
            }
        }

        // ...and no copy of an email in the pickup folder (the test app has no SMTP server, so it writes .eml files).
        foreach (var file in Directory.GetFiles(pickup))
        {
            var text = await File.ReadAllTextAsync(file);
            foreach (var sentinel in Sentinels)
            {
                Assert.False(text.Contains(sentinel, StringComparison.OrdinalIgnoreCase), $"{Path.GetFileName(file)} still holds \"{sentinel}\"");
            }
        }

        // The consultation's counted choices stand: both responses still count their options, their words are gone.
        await using (var db = factory.CreateDbContext())
        {
            var responses = await db.ConsultationResponses.AsNoTracking().Include(r => r.Answers).Where(r => r.ConsultationId == consultation.Id).ToListAsync();
            Assert.Equal([answered, worrying], responses.Select(r => r.Reference).Order());
            Assert.All(responses, r => Assert.Contains(r.Answers, a => a.OptionId is not null));
            Assert.True(await db.Users.AnyAsync(u => u.OrganisationName == "Harbourside Home Care" && u.IsDisabled && u.Email == null));
        }

        // The published entry and its count stand; the erased item is a stub still linked to it.
        Assert.Equal(raisedBy, await RaisedByAsync(factory, entryReference));
        var stub = await factory.ItemAsync(withdrawn.Id);
        Assert.Equal(FeedbackItem.ErasedText, stub.Text);
        Assert.Equal(entryId, stub.ResponseEntryId);
        await using (var db = factory.CreateDbContext())
        {
            Assert.True(await db.ResponseEntries.Where(e => e.Id == entryId).Select(e => e.IsPublished).SingleAsync());
        }
    }

    private static async Task<(int Id, string Token)> SubmitAsync(PrivacyFactory factory, string text, string name, string email)
    {
        var command = FeedbackJourney.Command(text, email, consent: true) with { ContactName = name };
        var receipt = await FeedbackJourney.SubmitAsync(factory, command);
        await using var db = factory.CreateDbContext();
        return (await db.FeedbackItems.Where(f => f.Reference == receipt.Reference).Select(f => f.Id).SingleAsync(), receipt.TrackingToken);
    }

    /// <summary>A response through the real handler, from the erasure address, asking for the acknowledgement and outcome emails.</summary>
    private static async Task<string> AnswerAsync(PrivacyFactory factory, Engagement.IntegrationTests.Consultations.TestConsultation c, string text, string? other)
    {
        var answers = new Dictionary<string, string[]>
        {
            [$"q{c.RoleQuestion}"] = [c.Option(c.RoleQuestion, "Carer")],
            [$"q{c.ChoicesQuestion}"] = other is null ? [c.Option(c.ChoicesQuestion, "Lower charges")] : [c.Option(c.ChoicesQuestion, "Lower charges"), "other"],
            [$"q{c.TextQuestion}"] = [text],
        };
        if (other is not null)
        {
            answers[$"q{c.ChoicesQuestion}-other"] = [other];
        }

        var result = await factory.GetService<Engagement.Web.Features.Consultations.SubmitConsultationResponseHandler>().HandleAsync(new Engagement.Web.Features.Consultations.SubmitConsultationResponse(
            c.Id, answers, Engagement.Domain.Consultations.ResponseChannel.Online, "cm.requests@sentinel.example", true, true, Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N")));
        Assert.True(result.Succeeded, result.Error);
        return result.Value!.Reference;
    }

    private static async Task ConfirmAsync(HttpClient client, string path)
    {
        var (_, page) = await Html.GetAsync(client, path);
        var response = await Html.SubmitAsync(client, page, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>The public entry page's "People who raised this".</summary>
    private static async Task<string> RaisedByAsync(EngagementFactory factory, string entryReference)
    {
        var (response, page) = await Html.GetAsync(factory.CreateBrowserClient(), "/you-said-we-did/" + entryReference);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return page.QuerySelector("#raised-by")!.Text();
    }

    private static async Task AssertSentinelsPresentAsync(PrivacyFactory factory)
    {
        // The scan can fail: before any removal each sentinel is really in the database.
        await using var db = factory.CreateDbContext();
        var texts = await db.FeedbackItems.Select(f => f.Text + " " + f.ContactName + " " + f.ContactEmail).ToListAsync();
        var bookings = await db.Registrations.Select(r => r.Name + " " + r.Email + " " + r.Organisation + " " + r.AccessNeeds).ToListAsync();
        var answers = await db.ConsultationAnswers.Where(a => a.Text != null).Select(a => a.Text!).ToListAsync();
        var responseEmails = await db.ConsultationResponses.Where(r => r.Email != null).Select(r => r.Email!).ToListAsync();
        var accounts = await db.Users.Select(u => u.DisplayName + " " + u.Email + " " + u.PhoneNumber).ToListAsync();
        var all = string.Join(" ", texts.Concat(bookings).Concat(answers).Concat(responseEmails).Concat(accounts));
        Assert.All(Sentinels, s => Assert.Contains(s, all, StringComparison.OrdinalIgnoreCase));
    }

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);
}
