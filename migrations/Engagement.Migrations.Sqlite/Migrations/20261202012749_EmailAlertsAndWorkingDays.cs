using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Engagement.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class EmailAlertsAndWorkingDays : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "FirstRespondedAt",
                table: "FeedbackItems",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "OverdueEmailSentFor",
                table: "AspNetUsers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "WantsOverdueEmail",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "AlertSubscriptions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    Frequency = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Priorities = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Sections = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Statuses = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    ConfirmTokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ManageStamp = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ConfirmedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastStatusChangeId = table.Column<int>(type: "INTEGER", nullable: false),
                    NextSummaryAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AlertSubscriptions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackItems_FirstRespondedAt_SubmittedAt",
                table: "FeedbackItems",
                columns: new[] { "FirstRespondedAt", "SubmittedAt" });

            // Backfill from facts already held: a published entry's first publication (or the arrival, if the item came later,
            // which is when linking it answered it) and any decision recorded with a reason. Approximate for old links.
            migrationBuilder.Sql(@"UPDATE FeedbackItems SET FirstRespondedAt = (
    SELECT CASE WHEN e.FirstPublishedAt > FeedbackItems.SubmittedAt THEN e.FirstPublishedAt ELSE FeedbackItems.SubmittedAt END
    FROM ResponseEntries e WHERE e.Id = FeedbackItems.ResponseEntryId AND e.FirstPublishedAt IS NOT NULL)
WHERE ResponseEntryId IS NOT NULL AND FirstRespondedAt IS NULL;");
            migrationBuilder.Sql("UPDATE FeedbackItems SET FirstRespondedAt = FlaggedAt WHERE FirstRespondedAt IS NULL AND Flag <> 'None' AND FlaggedAt IS NOT NULL;");

            migrationBuilder.CreateIndex(
                name: "IX_AlertSubscriptions_ConfirmedAt_CreatedAt",
                table: "AlertSubscriptions",
                columns: new[] { "ConfirmedAt", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AlertSubscriptions_ConfirmTokenHash",
                table: "AlertSubscriptions",
                column: "ConfirmTokenHash");

            migrationBuilder.CreateIndex(
                name: "IX_AlertSubscriptions_Email",
                table: "AlertSubscriptions",
                column: "Email");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AlertSubscriptions");

            migrationBuilder.DropIndex(
                name: "IX_FeedbackItems_FirstRespondedAt_SubmittedAt",
                table: "FeedbackItems");

            migrationBuilder.DropColumn(
                name: "FirstRespondedAt",
                table: "FeedbackItems");

            migrationBuilder.DropColumn(
                name: "OverdueEmailSentFor",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "WantsOverdueEmail",
                table: "AspNetUsers");
        }
    }
}
