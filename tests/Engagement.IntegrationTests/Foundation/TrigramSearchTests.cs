using Engagement.Domain.Feedback;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Privacy;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.IntegrationTests.PublicLog;
using Engagement.IntegrationTests.Triage;
using Microsoft.EntityFrameworkCore;

namespace Engagement.IntegrationTests.Foundation;

/// <summary>An app whose search goes through the trigram tables, as it does on SQL Server (decision 0033), on real SQLite.</summary>
public sealed class TrigramSearchFactory : EngagementFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Database:TrigramSearch"] = "true" };
}

/// <summary>
/// The search path SQL Server uses, run here on SQLite from the real migrations: the same literal, case-insensitive
/// substring as the FTS5 path, for the inbox and the public log, with the gram tables following inserts, edits,
/// erasure by a person's request and by the retention schedule, always equal to the trigrams of the current text.
/// </summary>
public sealed class TrigramSearchTests(TrigramSearchFactory factory) : IClassFixture<TrigramSearchFactory>
{
    [Fact]
    public async Task The_inbox_search_is_the_same_literal_substring_through_the_trigram_tables()
    {
        var marker = "Tri" + Guid.NewGuid().ToString("N")[..8];
        var percent = await Staff.NewItemAsync(factory, $"Fees rose 100% in a year {marker}");
        var underscore = await Staff.NewItemAsync(factory, $"The form said name_here {marker}");
        var quoted = await Staff.NewItemAsync(factory, $"They called it \"respite\" OR care {marker}");
        var client = await Staff.CommissionerAsync(factory);

        await using (var db = factory.CreateDbContext())
        {
            Assert.True(SearchGrams.IsOn(db));
            Assert.NotEmpty(await db.Set<SearchGrams.Gram>(SearchGrams.FeedbackItemGrams).Where(g => g.RowId == percent.Id).ToListAsync());
        }

        Assert.Equal([percent.Reference], await InboxAsync(client, "100% in"));
        Assert.Equal([percent.Reference], await InboxAsync(client, "FEES ROSE"));
        Assert.Equal([underscore.Reference], await InboxAsync(client, "name_here"));
        Assert.Empty(await InboxAsync(client, "name_herf"));
        Assert.Empty(await InboxAsync(client, "namexhere"));
        Assert.Equal([quoted.Reference], await InboxAsync(client, "\"respite\" OR"));
        Assert.Empty(await InboxAsync(client, marker + " NEAR"));
        Assert.Equal(3, (await InboxAsync(client, marker.ToUpperInvariant())).Count);

        // Longer than the handful of trigrams a search uses: the trigrams narrow, LIKE decides.
        Assert.Equal([quoted.Reference], await InboxAsync(client, $"They called it \"respite\" OR care {marker}"));
        Assert.Empty(await InboxAsync(client, $"They called it \"respite\" AND care {marker}"));
        Assert.Equal([percent.Reference], await InboxAsync(client, percent.Reference));
        await AssertGramsAreTheTextsAsync();
    }

    [Fact]
    public async Task Erasure_by_request_and_by_the_retention_schedule_removes_the_erased_texts_trigrams()
    {
        var marker = "Era" + Guid.NewGuid().ToString("N")[..8];
        var requested = await Staff.NewItemAsync(factory, $"My neighbour Ada Smith needs help {marker}");
        var scheduled = await Staff.NewItemAsync(factory, $"Call Bob Jones about the visit {marker}");
        var kept = await Staff.NewItemAsync(factory, $"Visits were late {marker}");
        var client = await Staff.CommissionerAsync(factory);
        Assert.Equal(3, (await InboxAsync(client, marker)).Count);

        // A person's erasure goes through the aggregate and the change tracker.
        await using (var db = factory.CreateDbContext())
        {
            var item = await db.FeedbackItems.SingleAsync(f => f.Id == requested.Id);
            Assert.True(item.EraseContent(DateTime.UtcNow, underHold: false).Succeeded);
            await db.SaveChangesAsync();
        }

        // The retention schedule erases set-based, outside it: closed long ago, so due.
        await using (var db = factory.CreateDbContext())
        {
            await db.FeedbackItems.Where(f => f.Id == scheduled.Id).ExecuteUpdateAsync(s => s
                .SetProperty(f => f.Flag, FeedbackFlag.NotForPublication)
                .SetProperty(f => f.FlaggedAt, DateTime.UtcNow.AddYears(-20)));
        }

        var counts = await factory.GetService<RetentionJob>().RunAsync(CancellationToken.None);
        Assert.True(counts[RetentionJob.Rules.FeedbackText] >= 1);

        Assert.Equal([kept.Reference], await InboxAsync(client, marker));
        Assert.Empty(await InboxAsync(client, "Ada Smith"));
        Assert.Empty(await InboxAsync(client, "Bob Jones"));
        var erased = await InboxAsync(client, FeedbackItem.ErasedText);
        Assert.Contains(requested.Reference, erased);
        Assert.Contains(scheduled.Reference, erased);

        await using (var db = factory.CreateDbContext())
        {
            foreach (var id in new[] { requested.Id, scheduled.Id })
            {
                var held = await db.Set<SearchGrams.Gram>(SearchGrams.FeedbackItemGrams).Where(g => g.RowId == id).Select(g => g.Value).ToListAsync();
                Assert.Equal(SearchGrams.Of(FeedbackItem.ErasedText).Order(), held.Order());
            }
        }

        await AssertGramsAreTheTextsAsync();
    }

    [Fact]
    public async Task The_public_log_search_follows_new_and_edited_entries_through_the_trigram_tables()
    {
        var m = PublicLogTestSupport.Marker();
        var entry = await PublicLogTestSupport.AddEntryAsync(factory, $"Day centres {m}", "People said the bus was late", new DateTime(2033, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            weDid: "We changed the **timetable** 50% sooner");
        var other = await PublicLogTestSupport.AddEntryAsync(factory, $"Meals {m}", "Hot meals", new DateTime(2033, 1, 2, 0, 0, 0, DateTimeKind.Utc));
        var client = factory.CreateBrowserClient();

        Assert.Equal([entry.Reference], await LogAsync(client, "BUS WAS"));
        Assert.Equal([entry.Reference], await LogAsync(client, "50% sooner"));
        Assert.Empty(await LogAsync(client, "500 sooner"));
        Assert.Equal([other.Reference, entry.Reference], await LogAsync(client, m));

        await using (var db = factory.CreateDbContext())
        {
            var tracked = await db.ResponseEntries.SingleAsync(e => e.Id == entry.Id);
            tracked.Title = "Transport";
            tracked.WeDidMarkdown = $"We bought two new minibuses {m}";
            await db.SaveChangesAsync();
        }

        await PublicLogTestSupport.InvalidateAsync(factory);
        Assert.Empty(await LogAsync(client, "Day centres"));
        Assert.Empty(await LogAsync(client, "timetable"));
        Assert.Equal([entry.Reference], await LogAsync(client, "new minibuses"));
        Assert.Equal([entry.Reference], await LogAsync(client, "bus was late"));
        await AssertGramsAreTheTextsAsync();
    }

    [Fact]
    public void On_sql_server_a_search_reads_the_gram_table_by_key_with_parameters()
    {
        var options = new DbContextOptionsBuilder<EngagementDbContext>();
        DatabaseRegistration.Configure(options, DatabaseProvider.SqlServer, "Server=localhost;Database=Search;TrustServerCertificate=True");
        using var db = new EngagementDbContext(options.Options);
        Assert.True(SearchGrams.IsOn(db));

        var candidates = TextSearch.Candidates(db, TextSearch.FeedbackItems, "They called it respite care")!;
        var pattern = TextSearch.LikePattern("They called it respite care");
        var sql = db.FeedbackItems.Where(f => candidates.Contains(f.Id) && EF.Functions.Like(f.Text, pattern, "\\")).Select(f => f.Id).ToQueryString();

        Assert.Contains("FROM [FeedbackItemGrams]", sql);
        Assert.Equal(SearchGrams.MaximumGramsPerSearch - 1, System.Text.RegularExpressions.Regex.Matches(sql, @"EXISTS \(").Count);
        Assert.Contains("LIKE @", sql);
        Assert.DoesNotContain("respite", sql[sql.IndexOf("SELECT", StringComparison.Ordinal)..]);

        var entrySql = TextSearch.Candidates(db, TextSearch.ResponseEntries, "bus")!.ToQueryString();
        Assert.Contains("FROM [ResponseEntryGrams]", entrySql);
        Assert.Null(TextSearch.Candidates(db, TextSearch.ResponseEntries, "bu"));
    }

    [Fact]
    public void Trigrams_fold_case_never_span_columns_and_a_search_uses_a_spread_of_them()
    {
        Assert.Equal(SearchGrams.Of("abc", "def"), SearchGrams.Of("ABC", "DeF"));
        Assert.Equal(4, SearchGrams.Of("abcdef").Count);
        Assert.Equal(2, SearchGrams.Of("abc", "def").Count);
        Assert.Empty(SearchGrams.Of("ab", null, ""));
        Assert.Single(SearchGrams.Of("aaaaaa"));
        Assert.True(SearchGrams.Of("respite care").IsSupersetOf(SearchGrams.Of("PITE CA")));
    }

    private static async Task<List<string>> InboxAsync(HttpClient client, string words) =>
        (await Html.GetAsync(client, "/staff/feedback?q=" + Uri.EscapeDataString(words))).Item2
            .QuerySelectorAll("#inbox tbody tr td:first-child a").Select(a => a.TextContent.Trim()).ToList();

    private static async Task<IReadOnlyList<string>> LogAsync(HttpClient client, string words) =>
        PublicLogTestSupport.References((await Html.GetAsync(client, "/you-said-we-did?q=" + Uri.EscapeDataString(words))).Document);

    /// <summary>Every row's trigrams in the gram tables are exactly those of its current text: nothing missing, nothing left over.</summary>
    private async Task AssertGramsAreTheTextsAsync()
    {
        await using var db = factory.CreateDbContext();
        var itemGrams = (await db.Set<SearchGrams.Gram>(SearchGrams.FeedbackItemGrams).ToListAsync()).ToLookup(g => g.RowId, g => g.Value);
        foreach (var item in await db.FeedbackItems.Select(f => new { f.Id, f.Text }).ToListAsync())
        {
            Assert.Equal(SearchGrams.Of(item.Text).Order(), itemGrams[item.Id].Order());
        }

        var entryGrams = (await db.Set<SearchGrams.Gram>(SearchGrams.ResponseEntryGrams).ToListAsync()).ToLookup(g => g.RowId, g => g.Value);
        foreach (var entry in await db.ResponseEntries.Select(e => new { e.Id, e.Title, e.YouSaidSummary, e.WeDidMarkdown }).ToListAsync())
        {
            Assert.Equal(SearchGrams.Of(entry.Title, entry.YouSaidSummary, entry.WeDidMarkdown).Order(), entryGrams[entry.Id].Order());
        }

        Assert.Equal(itemGrams.Count, await db.FeedbackItems.CountAsync(f => f.Text.Length >= TextSearch.MinimumIndexedLength));
    }
}
