using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Engagement.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class InboxRankAndIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_FeedbackItems_FirstRespondedAt_SubmittedAt",
                table: "FeedbackItems");

            migrationBuilder.AddColumn<int>(
                name: "InboxRank",
                table: "FeedbackItems",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Existing items: possible safeguarding signal or flagged as a safeguarding concern (InboxRank.Of).
            migrationBuilder.Sql("UPDATE FeedbackItems SET InboxRank = 1 WHERE PossibleSafeguarding = 1 OR Flag = 'SafeguardingConcern';");

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackItems_AssignedToUserId_IsQuarantined_InboxRank_SubmittedAt",
                table: "FeedbackItems",
                columns: new[] { "AssignedToUserId", "IsQuarantined", "InboxRank", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackItems_FirstRespondedAt_SubmittedAt_IsQuarantined",
                table: "FeedbackItems",
                columns: new[] { "FirstRespondedAt", "SubmittedAt", "IsQuarantined" });

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackItems_IsQuarantined_InboxRank_SubmittedAt",
                table: "FeedbackItems",
                columns: new[] { "IsQuarantined", "InboxRank", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackItems_IsQuarantined_ResponseEntryId_InboxRank_SubmittedAt_Flag_FirstLookedAt",
                table: "FeedbackItems",
                columns: new[] { "IsQuarantined", "ResponseEntryId", "InboxRank", "SubmittedAt", "Flag", "FirstLookedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_FeedbackItems_AssignedToUserId_IsQuarantined_InboxRank_SubmittedAt",
                table: "FeedbackItems");

            migrationBuilder.DropIndex(
                name: "IX_FeedbackItems_FirstRespondedAt_SubmittedAt_IsQuarantined",
                table: "FeedbackItems");

            migrationBuilder.DropIndex(
                name: "IX_FeedbackItems_IsQuarantined_InboxRank_SubmittedAt",
                table: "FeedbackItems");

            migrationBuilder.DropIndex(
                name: "IX_FeedbackItems_IsQuarantined_ResponseEntryId_InboxRank_SubmittedAt_Flag_FirstLookedAt",
                table: "FeedbackItems");

            migrationBuilder.DropColumn(
                name: "InboxRank",
                table: "FeedbackItems");

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackItems_FirstRespondedAt_SubmittedAt",
                table: "FeedbackItems",
                columns: new[] { "FirstRespondedAt", "SubmittedAt" });
        }
    }
}
