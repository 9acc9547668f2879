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
/// The self-check: sentinel names, addresses and text go in through feedback and bookings, out through every withdrawal
/// and erasure path (the tracking page, the booking page, a staff erasure, the retention job), and then no table and no
/// byte of the SQLite file or its write-ahead log holds any of them, while the published entry and its count stand.
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

        // 5. Removed by the retention job: closed, then two years and a month pass.
        var retained = await SubmitAsync(factory, "Sentinel retention text", "Ptolemy Gardenhall", "pg.retained@sentinel.example");
        await factory.HandleAsync<MarkNotForPublicationHandler>(h => h.HandleAsync(new MarkNotForPublication(retained.Id, NotForPublicationReason.OutOfScope, "Not about care", staff)));
        await factory.DispatchEmailAsync();
        await AssertSentinelsPresentAsync(factory);

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
        var all = string.Join(" ", texts.Concat(bookings));
        Assert.All(Sentinels, s => Assert.Contains(s, all, StringComparison.OrdinalIgnoreCase));
    }

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);
}
