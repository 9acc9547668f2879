using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Engagement.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class FeedbackByEntryAndSubmittedIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_FeedbackItems_ResponseEntryId",
                table: "FeedbackItems");

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackItems_ResponseEntryId_SubmittedAt",
                table: "FeedbackItems",
                columns: new[] { "ResponseEntryId", "SubmittedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_FeedbackItems_ResponseEntryId_SubmittedAt",
                table: "FeedbackItems");

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackItems_ResponseEntryId",
                table: "FeedbackItems",
                column: "ResponseEntryId");
        }
    }
}
