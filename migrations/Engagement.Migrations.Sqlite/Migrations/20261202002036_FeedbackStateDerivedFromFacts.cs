using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Engagement.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class FeedbackStateDerivedFromFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "FirstLookedAt",
                table: "FeedbackItems",
                type: "TEXT",
                nullable: true);

            // The stored state becomes a fact: anything past "Received" had been looked at (at the latest when it was flagged).
            // On SQL Server the update is in EXEC so the idempotent script still compiles once the State column has gone.
            migrationBuilder.Sql("UPDATE \"FeedbackItems\" SET \"FirstLookedAt\" = COALESCE(\"FlaggedAt\", \"SubmittedAt\") WHERE \"State\" <> 'Received'");

            migrationBuilder.DropIndex(
                name: "IX_FeedbackItems_State_SubmittedAt",
                table: "FeedbackItems");

            migrationBuilder.DropColumn(
                name: "State",
                table: "FeedbackItems");

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackItems_FirstLookedAt_SubmittedAt",
                table: "FeedbackItems",
                columns: new[] { "FirstLookedAt", "SubmittedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_FeedbackItems_FirstLookedAt_SubmittedAt",
                table: "FeedbackItems");

            migrationBuilder.DropColumn(
                name: "FirstLookedAt",
                table: "FeedbackItems");

            migrationBuilder.AddColumn<string>(
                name: "State",
                table: "FeedbackItems",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackItems_State_SubmittedAt",
                table: "FeedbackItems",
                columns: new[] { "State", "SubmittedAt" });
        }
    }
}
