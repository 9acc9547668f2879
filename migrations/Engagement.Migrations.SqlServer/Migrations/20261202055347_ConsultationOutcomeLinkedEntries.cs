using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Engagement.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class ConsultationOutcomeLinkedEntries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OutcomeLinkedEntries",
                columns: table => new
                {
                    ConsultationId = table.Column<int>(type: "int", nullable: false),
                    ResponseEntryId = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutcomeLinkedEntries", x => new { x.ConsultationId, x.ResponseEntryId });
                    table.ForeignKey(
                        name: "FK_OutcomeLinkedEntries_Consultations_ConsultationId",
                        column: x => x.ConsultationId,
                        principalTable: "Consultations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_OutcomeLinkedEntries_ResponseEntries_ResponseEntryId",
                        column: x => x.ResponseEntryId,
                        principalTable: "ResponseEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeLinkedEntries_ResponseEntryId",
                table: "OutcomeLinkedEntries",
                column: "ResponseEntryId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OutcomeLinkedEntries");
        }
    }
}
