using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Engagement.Migrations.SqlServer.Migrations
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
