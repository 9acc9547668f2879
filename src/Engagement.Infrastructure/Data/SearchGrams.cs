using Engagement.Domain.Feedback;
using Engagement.Domain.Responses;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Engagement.Infrastructure.Data;

/// <summary>
/// The search index where FTS5 is not available (SQL Server, which has no substring index of its own; decision 0033):
/// for each row, every distinct trigram of each searched column, folded to lower case, in a table of (trigram, row)
/// pairs that both providers' migrations create. A row holds the words only if it holds all their trigrams, so the
/// rows holding a handful of the words' trigrams are a superset of what LIKE finds, and the same LIKE then keeps the
/// meaning exact, as with FTS5 (<see cref="TextSearch"/>).
/// <para>
/// Kept by <see cref="Interceptor"/> in the same SaveChanges (so the same transaction) as the text it indexes: a new
/// row's trigrams are inserted with it, an edited row's are compared with what the table holds and only the difference
/// is written, and a deleted row's go by the foreign key's cascade. Writes that bypass the change tracker (retention's
/// erasure, the volume generator) call <see cref="ForgetAsync"/> and <see cref="IndexMissingAsync"/> themselves.
/// </para>
/// On by default for SQL Server; <see cref="DatabaseOptions.TrigramSearch"/> turns it on for SQLite too, which is how
/// the tests run this path on a real database here.
/// </summary>
public static class SearchGrams
{
    /// <summary>At most this many of the words' trigrams narrow a search (spread across the words); LIKE does the rest.</summary>
    public const int MaximumGramsPerSearch = 6;

    /// <summary>The public log's gram table, over an entry's title, "You said" summary and "We did" text.</summary>
    public const string ResponseEntryGrams = "ResponseEntryGrams";

    /// <summary>The inbox's gram table, over a feedback item's text.</summary>
    public const string FeedbackItemGrams = "FeedbackItemGrams";

    /// <summary>The rows of a gram table as EF Core sees them.</summary>
    public sealed class Gram
    {
        public long Value { get; set; }

        public int RowId { get; set; }
    }

    /// <summary>A searched table: its FTS5 table's name (<see cref="TextSearch"/>), its gram table, and the columns searched.</summary>
    internal sealed record Source(string SearchTable, string GramTable, string RowColumn, Type Entity, string[] Columns);

    internal static readonly Source[] Sources =
    [
        new(TextSearch.ResponseEntries, ResponseEntryGrams, "ResponseEntryId", typeof(ResponseEntry),
            [nameof(ResponseEntry.Title), nameof(ResponseEntry.YouSaidSummary), nameof(ResponseEntry.WeDidMarkdown)]),
        new(TextSearch.FeedbackItems, FeedbackItemGrams, "FeedbackItemId", typeof(FeedbackItem), [nameof(FeedbackItem.Text)]),
    ];

    private static Source For(string searchTable) => Sources.Single(s => s.SearchTable == searchTable);

    /// <summary>Whether this context keeps and searches the gram tables (its options carry the <see cref="Interceptor"/>).</summary>
    public static bool IsOn(DbContext db) =>
        db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?.Any(i => i is Interceptor) == true;

    /// <summary>
    /// The distinct trigrams of each text, folded to lower case by the invariant culture (one UTF-16 unit for another,
    /// so a substring of the text folds to a substring of the folded text), each packed as three 16-bit units.
    /// A trigram never spans two columns: LIKE matches within one.
    /// </summary>
    public static HashSet<long> Of(params string?[] texts)
    {
        var grams = new HashSet<long>();
        foreach (var text in texts)
        {
            if (text is null || text.Length < TextSearch.MinimumIndexedLength)
            {
                continue;
            }

            var folded = text.ToLowerInvariant();
            for (var i = 0; i + 3 <= folded.Length; i++)
            {
                grams.Add(Pack(folded[i], folded[i + 1], folded[i + 2]));
            }
        }

        return grams;
    }

    private static long Pack(char a, char b, char c) => ((long)a << 32) | ((long)b << 16) | c;

    /// <summary>
    /// The row ids holding up to <see cref="MaximumGramsPerSearch"/> of the words' trigrams, taken evenly from the
    /// start to the end of the words: one indexed read of the first trigram's rows, each checked for the others by key.
    /// Null when the words are too short to have a trigram.
    /// </summary>
    public static IQueryable<int>? Candidates(DbContext db, string searchTable, string words)
    {
        var all = Of(words).ToList();
        if (all.Count == 0)
        {
            return null;
        }

        var chosen = all.Count <= MaximumGramsPerSearch
            ? all
            : Enumerable.Range(0, MaximumGramsPerSearch).Select(i => all[i * (all.Count - 1) / (MaximumGramsPerSearch - 1)]).Distinct().ToList();
        var set = db.Set<Gram>(For(searchTable).GramTable);
        var first = chosen[0];
        var rows = set.Where(g => g.Value == first);
        foreach (var gram in chosen.Skip(1))
        {
            rows = rows.Where(g => set.Any(other => other.Value == gram && other.RowId == g.RowId));
        }

        return rows.Select(g => g.RowId);
    }

    /// <summary>Removes the trigrams of the given rows, before a write outside the change tracker replaces their text.</summary>
    public static async Task ForgetAsync(DbContext db, string searchTable, IQueryable<int> rowIds, CancellationToken cancellationToken)
    {
        if (IsOn(db))
        {
            await db.Set<Gram>(For(searchTable).GramTable).Where(g => rowIds.Contains(g.RowId)).ExecuteDeleteAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Indexes every row that has no trigrams (after a write outside the change tracker), in batches by id. Returns
    /// how many rows it indexed.
    /// </summary>
    public static async Task<int> IndexMissingAsync(DbContext db, string searchTable, CancellationToken cancellationToken)
    {
        if (!IsOn(db))
        {
            return 0;
        }

        const int batchSize = 500;
        var source = For(searchTable);
        var grams = db.Set<Gram>(source.GramTable);
        var indexed = 0;
        var after = 0;
        while (true)
        {
            var batch = await (source.Entity == typeof(FeedbackItem)
                    ? db.Set<FeedbackItem>().AsNoTracking().Where(f => f.Id > after && !grams.Any(g => g.RowId == f.Id))
                        .OrderBy(f => f.Id).Take(batchSize).Select(f => new { f.Id, Texts = new[] { f.Text } })
                    : db.Set<ResponseEntry>().AsNoTracking().Where(e => e.Id > after && !grams.Any(g => g.RowId == e.Id))
                        .OrderBy(e => e.Id).Take(batchSize).Select(e => new { e.Id, Texts = new[] { e.Title, e.YouSaidSummary, e.WeDidMarkdown } }))
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return indexed;
            }

            foreach (var row in batch)
            {
                grams.AddRange(Of(row.Texts).Select(value => new Gram { Value = value, RowId = row.Id }));
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            indexed += batch.Count;
            after = batch[^1].Id;
        }
    }

    /// <summary>
    /// At start-up: indexes each searched table whose gram table is empty (search has just been switched to the gram
    /// tables, or the rows came before the tables did). Two reads when there is nothing to do.
    /// </summary>
    public static async Task IndexIfEmptyAsync(DbContext db, CancellationToken cancellationToken)
    {
        if (!IsOn(db))
        {
            return;
        }

        foreach (var source in Sources)
        {
            if (!await db.Set<Gram>(source.GramTable).AnyAsync(cancellationToken))
            {
                await IndexMissingAsync(db, source.SearchTable, cancellationToken);
            }
        }
    }

    /// <summary>Maps each gram table: the key leads with the trigram (the search's reads), an index by row (an edit's).</summary>
    internal static void Configure(ModelBuilder builder)
    {
        foreach (var source in Sources)
        {
            builder.SharedTypeEntity<Gram>(source.GramTable, b =>
            {
                b.ToTable(source.GramTable);
                b.HasKey(g => new { g.Value, g.RowId });
                b.Property(g => g.Value).HasColumnName("Gram").ValueGeneratedNever();
                b.Property(g => g.RowId).HasColumnName(source.RowColumn).ValueGeneratedNever();
                b.HasIndex(g => g.RowId);
                b.HasOne(source.Entity).WithMany().HasForeignKey(nameof(Gram.RowId)).OnDelete(DeleteBehavior.Cascade);
            });
        }
    }

    /// <summary>Keeps the gram tables in step with every save (see the class summary). Registered only when search uses them.</summary>
    public sealed class Interceptor : SaveChangesInterceptor
    {
        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
        {
            if (eventData.Context is { } db)
            {
                foreach (var (entry, source) in Changed(db))
                {
                    var id = (int)entry.Property("Id").CurrentValue!;
                    var held = entry.State == EntityState.Added
                        ? []
                        : db.Set<Gram>(source.GramTable).AsNoTracking().Where(g => g.RowId == id).Select(g => g.Value).ToHashSet();
                    Apply(db, entry, source, held);
                }
            }

            return result;
        }

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (eventData.Context is { } db)
            {
                foreach (var (entry, source) in Changed(db))
                {
                    var id = (int)entry.Property("Id").CurrentValue!;
                    var held = entry.State == EntityState.Added
                        ? []
                        : (await db.Set<Gram>(source.GramTable).AsNoTracking().Where(g => g.RowId == id).Select(g => g.Value).ToListAsync(cancellationToken)).ToHashSet();
                    Apply(db, entry, source, held);
                }
            }

            return result;
        }

        /// <summary>New rows, and changed rows whose searched text changed.</summary>
        private static List<(EntityEntry Entry, Source Source)> Changed(DbContext db) =>
            [.. db.ChangeTracker.Entries()
                .Where(e => e.Entity is FeedbackItem or ResponseEntry)
                .Select(e => (Entry: e, Source: Sources.Single(s => s.Entity == e.Entity.GetType())))
                .Where(c => c.Entry.State == EntityState.Added ||
                    (c.Entry.State == EntityState.Modified && c.Source.Columns.Any(column => c.Entry.Property(column).IsModified)))];

        private static void Apply(DbContext db, EntityEntry entry, Source source, HashSet<long> held)
        {
            var set = db.Set<Gram>(source.GramTable);
            // A new row's id is a temporary value until it is inserted; EF Core gives the grams the real one.
            var id = (int)entry.Property("Id").CurrentValue!;
            var wanted = Of(source.Columns.Select(column => (string?)entry.Property(column).CurrentValue).ToArray());
            set.RemoveRange(held.Except(wanted).Select(value => new Gram { Value = value, RowId = id }));
            set.AddRange(wanted.Except(held).Select(value => new Gram { Value = value, RowId = id }));
        }
    }
}
