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
                name: "IX_FeedbackItems_InboxCounts",
                table: "FeedbackItems",
                columns: new[] { "IsQuarantined", "Section", "Channel", "InboxRank", "Flag", "ResponseEntryId", "FirstLookedAt", "FirstRespondedAt", "SubmittedAt", "AssignedToUserId" });

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackItems_IsQuarantined_InboxRank_SubmittedAt",
                table: "FeedbackItems",
                columns: new[] { "IsQuarantined", "InboxRank", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackItems_IsQuarantined_ResponseEntryId_InboxRank_SubmittedAt",
                table: "FeedbackItems",
                columns: new[] { "IsQuarantined", "ResponseEntryId", "InboxRank", "SubmittedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_FeedbackItems_AssignedToUserId_IsQuarantined_InboxRank_SubmittedAt",
                table: "FeedbackItems");

            migrationBuilder.DropIndex(
                name: "IX_FeedbackItems_InboxCounts",
                table: "FeedbackItems");

            migrationBuilder.DropIndex(
                name: "IX_FeedbackItems_IsQuarantined_InboxRank_SubmittedAt",
                table: "FeedbackItems");

            migrationBuilder.DropIndex(
                name: "IX_FeedbackItems_IsQuarantined_ResponseEntryId_InboxRank_SubmittedAt",
                table: "FeedbackItems");

            migrationBuilder.DropColumn(
                name: "InboxRank",
                table: "FeedbackItems");
        }
    }
}
