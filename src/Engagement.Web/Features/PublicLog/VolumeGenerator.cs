using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Engagement.Domain.Common;
using Engagement.Domain.Events;
using Engagement.Domain.Feedback;
using Engagement.Domain.Responses;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Identity;
using Engagement.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Features.PublicLog;

/// <summary>
/// `dotnet run --project src/Engagement.Web -- generate-volume --entries 20000 --feedback 200000 [--consultation-responses 5000]`: migrates, seeds the
/// priorities (as every start does), then bulk-loads synthetic published entries with their status history and
/// priorities, and feedback items linked to them. For benchmarks: deterministic (a fixed random seed), and it never
/// touches existing rows.
/// </summary>
/// <remarks>
/// A bulk load: one connection, one prepared INSERT per table (<see cref="BulkInsert"/>, from the EF Core model),
/// one transaction per batch. On SQLite the secondary indexes (and the search triggers) of the tables it fills are
/// dropped first and built again once at the end (the search index by one FTS rebuild) (keeping B-trees of random keys up to date row by row rewrote most of their pages at every
/// commit: 8.9 GB written for a 129 MiB file), with synchronous off, a large page cache and no automatic WAL
/// checkpoints during the load; then one checkpoint, ANALYZE and PRAGMA optimize, so the planner has statistics.
/// </remarks>
public static class VolumeGenerator
{
    public const string Command = "generate-volume";
    private const int EntryBatchSize = 5000;
    private const int FeedbackBatchSize = 20000;

    private static readonly string[] FilledTables = ["ResponseEntries", "ResponseEntryPriorities", "StatusChanges", "FeedbackItems", "FeedbackItemPriorities"];

    private static readonly (ServiceSection Section, int First, int Last)[] Sections =
    [
        (ServiceSection.HomeCare, 1, 4), (ServiceSection.ResidentialAndNursing, 5, 7), (ServiceSection.ExtraCareHousing, 8, 10),
        (ServiceSection.AssistiveTechnology, 11, 13), (ServiceSection.Workforce, 14, 15), (ServiceSection.CoProduction, 16, 18),
    ];

    private static readonly ResponseStatus[][] Paths =
    [
        [ResponseStatus.UnderReview],
        [ResponseStatus.UnderReview, ResponseStatus.ActionPlanned],
        [ResponseStatus.UnderReview, ResponseStatus.ActionPlanned, ResponseStatus.InProgress],
        [ResponseStatus.UnderReview, ResponseStatus.ActionPlanned, ResponseStatus.InProgress, ResponseStatus.Completed],
        [ResponseStatus.UnderReview, ResponseStatus.ActionPlanned, ResponseStatus.Completed],
        [ResponseStatus.UnderReview, ResponseStatus.NotTakenForward],
    ];

    private static readonly string[] Topics =
    [
        "visit times", "care home fees", "information about extra care housing", "dementia training", "falls sensors",
        "recruitment of care workers", "respite for carers", "transport to day centres", "hospital discharge", "meals at home",
        "video calling", "staff turnover", "involving carers in decisions", "waiting lists", "continuity of carers",
    ];

    private sealed record Created(int Id, DateTime FirstPublishedAt, ServiceSection Section, int Priority);

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        var entries = Option(args, "--entries", 20000);
        var feedback = Option(args, "--feedback", 200000);
        var clock = Stopwatch.StartNew();
        var random = new Random(20260601);
        var now = DateTime.UtcNow;

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EngagementDbContext>();
        var offset = Math.Max(await db.ResponseEntries.CountAsync(), await db.FeedbackItems.CountAsync()) + 100000;
        var sqlite = db.Database.IsSqlite();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        var indexes = sqlite ? await BeginSqliteBulkLoadAsync(connection) : [];
        try
        {
            var created = new List<Created>(entries);
            for (var start = 0; start < entries; start += EntryBatchSize)
            {
                await using var transaction = await connection.BeginTransactionAsync();
                using var entryRows = BulkInsert.For<ResponseEntry>(db, transaction);
                using var priorityRows = BulkInsert.For<ResponseEntryPriority>(db, transaction);
                using var historyRows = BulkInsert.For<StatusChange>(db, transaction);
                for (var i = start; i < Math.Min(entries, start + EntryBatchSize); i++)
                {
                    var entry = NewEntry(random, now, offset + i);
                    var id = await entryRows.AddAsync(entry, (PriorityMask.Property, PriorityMask.Of(entry.Priorities.Select(p => p.PriorityNumber))));
                    foreach (var priority in entry.Priorities)
                    {
                        await priorityRows.AddAsync(priority, (nameof(ResponseEntryPriority.ResponseEntryId), id));
                    }

                    foreach (var change in entry.History)
                    {
                        await historyRows.AddAsync(change, (nameof(StatusChange.ResponseEntryId), id));
                    }

                    created.Add(new Created(id, entry.FirstPublishedAt!.Value, entry.Section, entry.Priorities[0].PriorityNumber));
                }

                await transaction.CommitAsync();
            }

            output.WriteLine($"{entries} published entries in {clock.Elapsed.TotalSeconds:0.0} s");
            for (var start = 0; start < feedback; start += FeedbackBatchSize)
            {
                await using var transaction = await connection.BeginTransactionAsync();
                using var itemRows = BulkInsert.For<FeedbackItem>(db, transaction);
                using var priorityRows = BulkInsert.For<FeedbackItemPriority>(db, transaction);
                for (var i = start; i < Math.Min(feedback, start + FeedbackBatchSize); i++)
                {
                    var entry = created.Count == 0 || random.Next(10) == 0 ? null : created[random.Next(created.Count)];
                    var item = NewFeedback(random, now, offset + i, entry);

                    // Bulk rows bypass the aggregate: the link to an entry written in this run is set as a column.
                    var rank = (InboxRank.Property, (object)InboxRank.Of(item.PossibleSafeguarding, item.Flag));
                    var id = entry is null ? await itemRows.AddAsync(item, rank) : await itemRows.AddAsync(item, rank, (nameof(FeedbackItem.ResponseEntryId), entry.Id));
                    foreach (var priority in item.Priorities)
                    {
                        await priorityRows.AddAsync(priority, (nameof(FeedbackItemPriority.FeedbackItemId), id));
                    }
                }

                await transaction.CommitAsync();
            }

            output.WriteLine($"{feedback} feedback items in {clock.Elapsed.TotalSeconds:0.0} s");
        }
        finally
        {
            if (sqlite)
            {
                await EndSqliteBulkLoadAsync(connection, indexes);
            }
        }

        // The bulk rows bypassed the change tracker: give the public figures' stamp a new value (decision 0026), and
        // where search uses the trigram tables (SQL Server), index the new rows (on SQLite, FTS5's rebuild did).
        await ChangeStamp.TouchAsync(db, CancellationToken.None);
        foreach (var table in TextSearch.Tables)
        {
            await SearchGrams.IndexMissingAsync(db, table, CancellationToken.None);
        }

        output.WriteLine($"Indexes built and statistics gathered; done in {clock.Elapsed.TotalSeconds:0.0} s");
        var consultationResponses = Option(args, Consultations.AnalysisVolume.Option, 0);
        if (consultationResponses > 0)
        {
            await Consultations.AnalysisVolume.RunAsync(services, consultationResponses, output);
        }

        var workshopPlaces = Option(args, WorkshopPlacesOption, 0);
        if (workshopPlaces > 0)
        {
            var workshop = BookingWorkshop(now, workshopPlaces);
            db.Events.Add(workshop);
            await db.SaveChangesAsync();
            output.WriteLine($"Workshop {workshop.Id} with {workshopPlaces} places, open for booking");
        }

        if (args.Contains(CommissionerOption))
        {
            await AddBenchmarkCommissionerAsync(scope.ServiceProvider, output);
        }

        return 0;
    }

    /// <summary>
    /// `--commissioner`: a commissioner account with two-factor authentication, for the benchmark's inbox scenarios (the
    /// inbox is behind a staff sign-in). Its password and authenticator key are made here and printed once, to the
    /// generator's output: this is for a throwaway benchmark database, never one that holds real data.
    /// </summary>
    public const string CommissionerOption = "--commissioner";

    public const string BenchmarkCommissionerEmail = "benchmark.commissioner@example.org";

    private static async Task AddBenchmarkCommissionerAsync(IServiceProvider services, TextWriter output)
    {
        var users = services.GetRequiredService<UserManager<ApplicationUser>>();
        if (await users.FindByEmailAsync(BenchmarkCommissionerEmail) is { } existing)
        {
            await users.DeleteAsync(existing);
        }

        var password = "benchmark " + SecureToken.Create()[..24];
        var key = AuthenticatorKey.Create();
        var user = new ApplicationUser
        {
            UserName = BenchmarkCommissionerEmail,
            Email = BenchmarkCommissionerEmail,
            EmailConfirmed = true,
            DisplayName = "Benchmark Commissioner",
            IsApproved = true,
            CreatedAt = DateTime.UtcNow,
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException("Could not create the benchmark commissioner: " + string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(user, Roles.Commissioner);
        await ((IUserAuthenticatorKeyStore<ApplicationUser>)services.GetRequiredService<IUserStore<ApplicationUser>>()).SetAuthenticatorKeyAsync(user, key, CancellationToken.None);
        await users.SetTwoFactorEnabledAsync(user, true);
        output.WriteLine($"Commissioner {BenchmarkCommissionerEmail} password={password} key={key}");
    }

    /// <summary>`--workshop-places N`: one workshop open for booking with N places, for the benchmark's simultaneous bookings.</summary>
    public const string WorkshopPlacesOption = "--workshop-places";

    private static Event BookingWorkshop(DateTime now, int places) => new()
    {
        Kind = EventKind.CoProductionWorkshop,
        Audience = EventAudience.Anyone,
        Title = "Benchmark workshop",
        Description = "A workshop open for booking, made by generate-volume for the simultaneous bookings benchmark.",
        StartsAt = now.Date.AddDays(30).AddHours(10),
        EndsAt = now.Date.AddDays(30).AddHours(12),
        Mode = AttendanceMode.Online,
        JoiningLink = "https://meet.example.org/benchmark",
        Capacity = places,
        RegistrationOpensAt = now.AddDays(-1),
        RegistrationClosesAt = now.Date.AddDays(29),
        CreatedAt = now,
        Priorities = [new EventPriority { PriorityNumber = 16 }],
    };

    /// <summary>Bulk-load settings for this connection, and the secondary indexes and triggers of the filled tables dropped (their SQL returned).</summary>
    private static async Task<List<string>> BeginSqliteBulkLoadAsync(DbConnection connection)
    {
        await ExecuteAsync(connection, "PRAGMA synchronous = OFF; PRAGMA cache_size = -131072; PRAGMA temp_store = MEMORY; PRAGMA wal_autocheckpoint = 0;");
        var dropped = new List<(string Type, string Name, string Sql)>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL AND tbl_name IN ("
                + string.Join(", ", FilledTables.Select(t => "'" + t + "'")) + ") ORDER BY type";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                dropped.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        // The search triggers go too: one FTS 'rebuild' at the end is far cheaper than indexing row by row.
        foreach (var (type, name, _) in dropped)
        {
            await ExecuteAsync(connection, $"DROP {(type == "index" ? "INDEX" : "TRIGGER")} \"{name.Replace("\"", "\"\"")}\";");
        }

        return dropped.Select(i => i.Sql).ToList();
    }

    private static async Task EndSqliteBulkLoadAsync(DbConnection connection, List<string> dropped)
    {
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            foreach (var sql in dropped)
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = sql;
                await command.ExecuteNonQueryAsync();
            }

            foreach (var table in TextSearch.Tables)
            {
                await using var exists = connection.CreateCommand();
                exists.Transaction = transaction;
                exists.CommandText = $"SELECT count(*) FROM sqlite_master WHERE name = '{table}'";
                if (Convert.ToInt32(await exists.ExecuteScalarAsync(), CultureInfo.InvariantCulture) > 0)
                {
                    exists.CommandText = $"INSERT INTO \"{table}\" (\"{table}\") VALUES ('rebuild');";
                    await exists.ExecuteNonQueryAsync();
                }
            }

            await transaction.CommitAsync();
        }

        // analysis_limit: statistics from a sample of each index (what PRAGMA optimize uses), not a read of every row.
        await ExecuteAsync(connection, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA analysis_limit = 1000; ANALYZE; PRAGMA optimize; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 1000;");
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static ResponseEntry NewEntry(Random random, DateTime now, int sequence)
    {
        var createdAt = now.AddDays(-random.Next(30, 1100)).AddMinutes(random.Next(0, 1440));
        var (section, first, last) = Sections[random.Next(Sections.Length)];
        var topic = Topics[random.Next(Topics.Length)];
        var entry = ResponseEntry.Create(ResponseEntry.FormatReference(createdAt.Year, sequence), $"People asked about {topic} ({sequence})", "volume-generator", createdAt);
        entry.YouSaidSummary = $"People who draw on care, carers and providers told us about {topic}. Synthetic entry {sequence} for load testing.";
        entry.WeDidMarkdown = $"We looked at **{topic}** with the people who raised it.\n\n- We met providers\n- We agreed next steps";
        entry.Section = section;
        entry.OwnerTeam = section.Name() + " commissioning";
        var priorities = Enumerable.Range(first, last - first + 1).OrderBy(_ => random.Next()).Take(random.Next(1, 3)).ToList();
        entry.Priorities = priorities.Select(p => new ResponseEntryPriority { PriorityNumber = p }).ToList();
        var at = createdAt.AddDays(random.Next(1, 30));
        var published = entry.Publish(at);
        if (!published.Succeeded)
        {
            throw new InvalidOperationException(published.Error);
        }

        foreach (var status in Paths[random.Next(Paths.Length)])
        {
            at = at.AddDays(random.Next(1, 25)).AddMinutes(random.Next(0, 600));
            var note = status is ResponseStatus.UnderReview ? null : $"Synthetic note: {status.Name().ToLowerInvariant()}.";
            DateOnly? target = status == ResponseStatus.ActionPlanned ? DateOnly.FromDateTime(at.AddDays(90)) : null;
            var result = entry.ChangeStatus(status, note, target, "volume-generator", at);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(result.Error);
            }
        }

        return entry;
    }

    private static FeedbackItem NewFeedback(Random random, DateTime now, int sequence, Created? entry)
    {
        var submittedAt = entry is null
            ? now.AddDays(-random.Next(1, 1100)).AddMinutes(random.Next(0, 1440))
            : entry.FirstPublishedAt.AddDays(-random.Next(1, 90)).AddMinutes(-random.Next(0, 1440));
        var (section, first, last) = entry is null ? Sections[random.Next(Sections.Length)] : Sections.First(s => s.Section == entry.Section);
        var item = FeedbackItem.Receive(
            new NewFeedback((SubmitterRole)random.Next(1, 5), null, section, "Synthetic feedback for load testing.", (FeedbackChannel)random.Next(1, 7),
                [entry?.Priority ?? random.Next(first, last + 1)]),
            FeedbackItem.FormatReference(submittedAt.Year, sequence),
            SecureToken.Hash(sequence.ToString(CultureInfo.InvariantCulture) + "-volume"),
            submittedAt,
            possibleSafeguarding: sequence % 100 == 0);
        if (entry is not null)
        {
            item.RecordFirstResponse(entry.FirstPublishedAt);
        }

        return item;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : fallback;
    }
}
