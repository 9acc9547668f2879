using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Engagement.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MarketStandard : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MarketStandardWatches",
                columns: table => new
                {
                    ProviderUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    QuarterStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LastOutcome = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    LastCheckedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FellBehindNoticeAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MarketStandardWatches", x => new { x.ProviderUserId, x.QuarterStart });
                    table.ForeignKey(
                        name: "FK_MarketStandardWatches_AspNetUsers_ProviderUserId",
                        column: x => x.ProviderUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StandardCriteria",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 600, nullable: false),
                    Check = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Parameter = table.Column<int>(type: "INTEGER", nullable: true),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastUpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RetiredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StandardCriteria", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StandardJudgements",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProviderUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CriterionId = table.Column<int>(type: "INTEGER", nullable: false),
                    QuarterStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    JudgedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    JudgedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StandardJudgements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StandardJudgements_AspNetUsers_ProviderUserId",
                        column: x => x.ProviderUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_StandardJudgements_StandardCriteria_CriterionId",
                        column: x => x.CriterionId,
                        principalTable: "StandardCriteria",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StandardCriteria_RetiredAt_Position",
                table: "StandardCriteria",
                columns: new[] { "RetiredAt", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_StandardJudgements_CriterionId",
                table: "StandardJudgements",
                column: "CriterionId");

            migrationBuilder.CreateIndex(
                name: "IX_StandardJudgements_ProviderUserId_QuarterStart_CriterionId_JudgedAt",
                table: "StandardJudgements",
                columns: new[] { "ProviderUserId", "QuarterStart", "CriterionId", "JudgedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MarketStandardWatches");

            migrationBuilder.DropTable(
                name: "StandardJudgements");

            migrationBuilder.DropTable(
                name: "StandardCriteria");
        }
    }
}
