using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Engagement.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class InboxSearchAndWaitingIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_FeedbackItems_FirstRespondedAt_SubmittedAt_IsQuarantined",
                table: "FeedbackItems");

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackItems_Answered_ByArrival",
                table: "FeedbackItems",
                columns: new[] { "IsQuarantined", "SubmittedAt" },
                filter: "FirstRespondedAt IS NOT NULL");

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
                name: "IX_FeedbackItems_Waiting_ByArrival",
                table: "FeedbackItems");

            migrationBuilder.DropIndex(
                name: "IX_FeedbackItems_Waiting_InOrder",
                table: "FeedbackItems");

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackItems_FirstRespondedAt_SubmittedAt_IsQuarantined",
                table: "FeedbackItems",
                columns: new[] { "FirstRespondedAt", "SubmittedAt", "IsQuarantined" });
        }
    }
}
