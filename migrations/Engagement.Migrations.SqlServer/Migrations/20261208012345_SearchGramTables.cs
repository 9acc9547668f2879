using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Engagement.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class SearchGramTables : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FeedbackItemGrams",
                columns: table => new
                {
                    Gram = table.Column<long>(type: "bigint", nullable: false),
                    FeedbackItemId = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FeedbackItemGrams", x => new { x.Gram, x.FeedbackItemId });
                    table.ForeignKey(
                        name: "FK_FeedbackItemGrams_FeedbackItems_FeedbackItemId",
                        column: x => x.FeedbackItemId,
                        principalTable: "FeedbackItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ResponseEntryGrams",
                columns: table => new
                {
                    Gram = table.Column<long>(type: "bigint", nullable: false),
                    ResponseEntryId = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResponseEntryGrams", x => new { x.Gram, x.ResponseEntryId });
                    table.ForeignKey(
                        name: "FK_ResponseEntryGrams_ResponseEntries_ResponseEntryId",
                        column: x => x.ResponseEntryId,
                        principalTable: "ResponseEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackItemGrams_FeedbackItemId",
                table: "FeedbackItemGrams",
                column: "FeedbackItemId");

            migrationBuilder.CreateIndex(
                name: "IX_ResponseEntryGrams_ResponseEntryId",
                table: "ResponseEntryGrams",
                column: "ResponseEntryId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FeedbackItemGrams");

            migrationBuilder.DropTable(
                name: "ResponseEntryGrams");
        }
    }
}
