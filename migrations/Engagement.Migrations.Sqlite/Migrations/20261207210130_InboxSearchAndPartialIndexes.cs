using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Engagement.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class InboxSearchAndPartialIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_FeedbackItems_FirstRespondedAt_SubmittedAt_IsQuarantined",
                table: "FeedbackItems");

            migrationBuilder.DropIndex(
                name: "IX_FeedbackItems_IsQuarantined_ResponseEntryId_InboxRank_SubmittedAt_Flag_FirstLookedAt",
                table: "FeedbackItems");

            migrationBuilder.DropIndex(
                name: "IX_FeedbackItems_ResponseEntryId_SubmittedAt",
                table: "FeedbackItems");

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackItems_Answered_ByArrival",
                table: "FeedbackItems",
                columns: new[] { "IsQuarantined", "SubmittedAt" },
                filter: "FirstRespondedAt IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackItems_Linked_ByEntry",
                table: "FeedbackItems",
                columns: new[] { "ResponseEntryId", "SubmittedAt" },
                filter: "ResponseEntryId IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackItems_Unlinked_InOrder",
                table: "FeedbackItems",
                columns: new[] { "IsQuarantined", "InboxRank", "SubmittedAt", "Flag", "FirstLookedAt", "ResponseEntryId" },
                filter: "ResponseEntryId IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackItems_Waiting_ByArrival",
                table: "FeedbackItems",
                columns: new[] { "IsQuarantined", "SubmittedAt", "FirstRespondedAt" },
                filter: "FirstRespondedAt IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackItems_Waiting_InOrder",
                table: "FeedbackItems",
                columns: new[] { "IsQuarantined", "InboxRank", "SubmittedAt" },
                filter: "FirstRespondedAt IS NULL");

            // Full-text search for the inbox's ?q= (SQLite only; see TextSearch): an external-content FTS5 table over
            // the feedback text with the trigram tokenizer, kept in step by triggers (retention's and erasure's bulk
            // updates of the text go through them too). A later migration that makes SQLite rebuild FeedbackItems
            // drops these triggers and must create them again.
            migrationBuilder.Sql(
                """
                CREATE VIRTUAL TABLE "FeedbackItemSearch" USING fts5(
                    "Text", content='FeedbackItems', content_rowid='Id', tokenize='trigram case_sensitive 0');
                """);
            migrationBuilder.Sql(
                """
                CREATE TRIGGER "FeedbackItemSearch_AfterInsert" AFTER INSERT ON "FeedbackItems" BEGIN
                    INSERT INTO "FeedbackItemSearch" (rowid, "Text") VALUES (new."Id", new."Text");
                END;
                """);
            migrationBuilder.Sql(
                """
                CREATE TRIGGER "FeedbackItemSearch_AfterDelete" AFTER DELETE ON "FeedbackItems" BEGIN
                    INSERT INTO "FeedbackItemSearch" ("FeedbackItemSearch", rowid, "Text") VALUES ('delete', old."Id", old."Text");
                END;
                """);
            migrationBuilder.Sql(
                """
                CREATE TRIGGER "FeedbackItemSearch_AfterUpdate" AFTER UPDATE OF "Text" ON "FeedbackItems" BEGIN
                    INSERT INTO "FeedbackItemSearch" ("FeedbackItemSearch", rowid, "Text") VALUES ('delete', old."Id", old."Text");
                    INSERT INTO "FeedbackItemSearch" (rowid, "Text") VALUES (new."Id", new."Text");
                END;
                """);
            migrationBuilder.Sql("""INSERT INTO "FeedbackItemSearch" ("FeedbackItemSearch") VALUES ('rebuild');""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "FeedbackItemSearch_AfterUpdate";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "FeedbackItemSearch_AfterDelete";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "FeedbackItemSearch_AfterInsert";""");
            migrationBuilder.Sql("""DROP TABLE IF EXISTS "FeedbackItemSearch";""");

            migrationBuilder.DropIndex(
                name: "IX_FeedbackItems_Answered_ByArrival",
                table: "FeedbackItems");

            migrationBuilder.DropIndex(
                name: "IX_FeedbackItems_Linked_ByEntry",
                table: "FeedbackItems");

            migrationBuilder.DropIndex(
                name: "IX_FeedbackItems_Unlinked_InOrder",
                table: "FeedbackItems");

            migrationBuilder.DropIndex(
                name: "IX_FeedbackItems_Waiting_ByArrival",
                table: "FeedbackItems");

            migrationBuilder.DropIndex(
                name: "IX_FeedbackItems_Waiting_InOrder",
                table: "FeedbackItems");

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackItems_FirstRespondedAt_SubmittedAt_IsQuarantined",
                table: "FeedbackItems",
                columns: new[] { "FirstRespondedAt", "SubmittedAt", "IsQuarantined" });

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackItems_IsQuarantined_ResponseEntryId_InboxRank_SubmittedAt_Flag_FirstLookedAt",
                table: "FeedbackItems",
                columns: new[] { "IsQuarantined", "ResponseEntryId", "InboxRank", "SubmittedAt", "Flag", "FirstLookedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackItems_ResponseEntryId_SubmittedAt",
                table: "FeedbackItems",
                columns: new[] { "ResponseEntryId", "SubmittedAt" });
        }
    }
}
