using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Engagement.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ProviderEngagement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ProviderSlug",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 80,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "EngagementRecords",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProviderUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ServiceName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ServiceType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CqcLocationId = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    HeldOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ParticipantCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Participants = table.Column<int>(type: "INTEGER", maxLength: 40, nullable: false),
                    WhatWeHeard = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    WhatWeDid = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    TargetDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Moderation = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SentBackReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ReviewedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ReviewedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FirstApprovedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastUpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EngagementRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EngagementRecords_AspNetUsers_ProviderUserId",
                        column: x => x.ProviderUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EngagementRecordPriorities",
                columns: table => new
                {
                    EngagementRecordId = table.Column<int>(type: "INTEGER", nullable: false),
                    PriorityNumber = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EngagementRecordPriorities", x => new { x.EngagementRecordId, x.PriorityNumber });
                    table.ForeignKey(
                        name: "FK_EngagementRecordPriorities_EngagementRecords_EngagementRecordId",
                        column: x => x.EngagementRecordId,
                        principalTable: "EngagementRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EngagementRecordPriorities_Priorities_PriorityNumber",
                        column: x => x.PriorityNumber,
                        principalTable: "Priorities",
                        principalColumn: "Number",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EngagementStatusChanges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EngagementRecordId = table.Column<int>(type: "INTEGER", nullable: false),
                    FromStatus = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ToStatus = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ChangedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EngagementStatusChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EngagementStatusChanges_EngagementRecords_EngagementRecordId",
                        column: x => x.EngagementRecordId,
                        principalTable: "EngagementRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_ProviderSlug",
                table: "AspNetUsers",
                column: "ProviderSlug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EngagementRecordPriorities_PriorityNumber_EngagementRecordId",
                table: "EngagementRecordPriorities",
                columns: new[] { "PriorityNumber", "EngagementRecordId" });

            migrationBuilder.CreateIndex(
                name: "IX_EngagementRecords_Moderation_LastUpdatedAt",
                table: "EngagementRecords",
                columns: new[] { "Moderation", "LastUpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_EngagementRecords_ProviderUserId_LastUpdatedAt",
                table: "EngagementRecords",
                columns: new[] { "ProviderUserId", "LastUpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_EngagementStatusChanges_EngagementRecordId_ChangedAt",
                table: "EngagementStatusChanges",
                columns: new[] { "EngagementRecordId", "ChangedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EngagementRecordPriorities");

            migrationBuilder.DropTable(
                name: "EngagementStatusChanges");

            migrationBuilder.DropTable(
                name: "EngagementRecords");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_ProviderSlug",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "ProviderSlug",
                table: "AspNetUsers");
        }
    }
}
