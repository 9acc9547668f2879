using Microsoft.EntityFrameworkCore;

namespace Engagement.Infrastructure.Data;

/// <summary>
/// Search as users see it everywhere (the public log's and the inbox's `?q=`): a literal, case-insensitive substring
/// (`%` and `_` are not wildcards; a reference such as WD-2026-0001 or "100%" matches as typed). On SQLite an FTS5
/// table with the trigram tokenizer, kept in step with its table by triggers, narrows the candidates first; the same
/// LIKE then keeps the meaning exact, since the trigram index finds a superset of what LIKE finds. On SQL Server the
/// trigram tables of <see cref="SearchGrams"/> do the narrowing instead (decision 0033).
/// </summary>
public static class TextSearch
{
    /// <summary>The public log's search table, over an entry's title, "You said" summary and "We did" text (migration PublicLogSearchAndFacetIndexes).</summary>
    public const string ResponseEntries = "ResponseEntrySearch";

    /// <summary>The inbox's search table, over a feedback item's text (migration InboxSearchAndDueIndexes).</summary>
    public const string FeedbackItems = "FeedbackItemSearch";

    /// <summary>Every search table, for the volume generator's one rebuild at the end of a bulk load.</summary>
    public static readonly string[] Tables = [ResponseEntries, FeedbackItems];

    /// <summary>A trigram index cannot answer searches shorter than this; they are left to LIKE alone.</summary>
    public const int MinimumIndexedLength = 3;

    /// <summary>The LIKE pattern (escape character `\`) for a literal substring.</summary>
    public static string LikePattern(string words) =>
        "%" + words.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal) + "%";

    /// <summary>
    /// The row ids the search index says may contain the words, or null where it cannot say (fewer than three
    /// characters, or, for FTS5, a NUL, which ends an FTS5 query string early). The index is the trigram tables on SQL
    /// Server (<see cref="SearchGrams"/>, decision 0033) and the FTS5 tables on SQLite unless configured otherwise.
    /// </summary>
    public static IQueryable<int>? Candidates(DbContext db, string table, string words)
    {
        if (SearchGrams.IsOn(db))
        {
            return SearchGrams.Candidates(db, table, words);
        }

        if (!db.Database.IsSqlite() || words.EnumerateRunes().Count() < MinimumIndexedLength || words.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        // The words as one FTS5 phrase, compared with the table's hidden column of the same name (FTS5 reads
        // `table = ?` as `table MATCH ?`): a LINQ query with a parameter, so EF Core compiles it once, not per search.
        var phrase = "\"" + words.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        return db.Set<Hit>(table).Where(h => h.Match == phrase).Select(h => h.RowId);
    }

    /// <summary>A row of a search table as EF Core sees it: its rowid and the hidden column that takes a query.</summary>
    public sealed class Hit
    {
        public int RowId { get; set; }

        public string Match { get; set; } = "";
    }

    /// <summary>Maps each search table (created by SQL in the SQLite migrations, so left out of migrations here).</summary>
    internal static void Configure(ModelBuilder builder)
    {
        foreach (var table in Tables)
        {
            builder.SharedTypeEntity<Hit>(table, b =>
            {
                b.HasNoKey();
                b.ToTable(table, t => t.ExcludeFromMigrations());
                b.Property(h => h.RowId).HasColumnName("rowid");
                b.Property(h => h.Match).HasColumnName(table);
            });
        }
    }
}
