using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Engagement.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PublicLogSearchAndFacetIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "PriorityMask",
                table: "ResponseEntries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateIndex(
                name: "IX_ResponseEntries_IsPublished_Status_Section_PriorityMask",
                table: "ResponseEntries",
                columns: new[] { "IsPublished", "Status", "Section", "PriorityMask" });

            // Existing entries: bit n set for each priority n (1 to 62) linked to the entry (see PriorityMask).
            migrationBuilder.Sql(
                """
                UPDATE "ResponseEntries" SET "PriorityMask" = (
                    SELECT coalesce(sum(1 << "p"."PriorityNumber"), 0) FROM "ResponseEntryPriorities" AS "p"
                    WHERE "p"."ResponseEntryId" = "ResponseEntries"."Id" AND "p"."PriorityNumber" BETWEEN 1 AND 62);
                """);

            // Full-text search for the public log's ?q= (SQLite only; see PublicLogQuery.Filtered). An external-content
            // FTS5 table over the three searched columns with the trigram tokenizer, so that a search is still a
            // case-insensitive substring match (a reference such as WD-2026-0001 or "100%" matches as typed), kept in
            // step by triggers. A later migration that makes SQLite rebuild ResponseEntries drops these triggers and
            // must create them again.
            migrationBuilder.Sql(
                """
                CREATE VIRTUAL TABLE "ResponseEntrySearch" USING fts5(
                    "Title", "YouSaidSummary", "WeDidMarkdown",
                    content='ResponseEntries', content_rowid='Id', tokenize='trigram case_sensitive 0');
                """);
            migrationBuilder.Sql(
                """
                CREATE TRIGGER "ResponseEntrySearch_AfterInsert" AFTER INSERT ON "ResponseEntries" BEGIN
                    INSERT INTO "ResponseEntrySearch" (rowid, "Title", "YouSaidSummary", "WeDidMarkdown")
                    VALUES (new."Id", new."Title", new."YouSaidSummary", new."WeDidMarkdown");
                END;
                """);
            migrationBuilder.Sql(
                """
                CREATE TRIGGER "ResponseEntrySearch_AfterDelete" AFTER DELETE ON "ResponseEntries" BEGIN
                    INSERT INTO "ResponseEntrySearch" ("ResponseEntrySearch", rowid, "Title", "YouSaidSummary", "WeDidMarkdown")
                    VALUES ('delete', old."Id", old."Title", old."YouSaidSummary", old."WeDidMarkdown");
                END;
                """);
            migrationBuilder.Sql(
                """
                CREATE TRIGGER "ResponseEntrySearch_AfterUpdate" AFTER UPDATE OF "Title", "YouSaidSummary", "WeDidMarkdown" ON "ResponseEntries" BEGIN
                    INSERT INTO "ResponseEntrySearch" ("ResponseEntrySearch", rowid, "Title", "YouSaidSummary", "WeDidMarkdown")
                    VALUES ('delete', old."Id", old."Title", old."YouSaidSummary", old."WeDidMarkdown");
                    INSERT INTO "ResponseEntrySearch" (rowid, "Title", "YouSaidSummary", "WeDidMarkdown")
                    VALUES (new."Id", new."Title", new."YouSaidSummary", new."WeDidMarkdown");
                END;
                """);
            migrationBuilder.Sql("""INSERT INTO "ResponseEntrySearch" ("ResponseEntrySearch") VALUES ('rebuild');""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "ResponseEntrySearch_AfterUpdate";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "ResponseEntrySearch_AfterDelete";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "ResponseEntrySearch_AfterInsert";""");
            migrationBuilder.Sql("""DROP TABLE IF EXISTS "ResponseEntrySearch";""");

            migrationBuilder.DropIndex(
                name: "IX_ResponseEntries_IsPublished_Status_Section_PriorityMask",
                table: "ResponseEntries");

            migrationBuilder.DropColumn(
                name: "PriorityMask",
                table: "ResponseEntries");
        }
    }
}
