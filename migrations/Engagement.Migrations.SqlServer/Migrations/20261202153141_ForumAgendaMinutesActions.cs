using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Engagement.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class ForumAgendaMinutesActions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AgendaItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    EventId = table.Column<int>(type: "int", nullable: false),
                    ProviderUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    Topic = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    WhyItMatters = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    State = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Position = table.Column<int>(type: "int", nullable: true),
                    SubmittedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ProgressEmailsStopped = table.Column<bool>(type: "bit", nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgendaItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AgendaItems_AspNetUsers_ProviderUserId",
                        column: x => x.ProviderUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_AgendaItems_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ForumActions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    EventId = table.Column<int>(type: "int", nullable: false),
                    Text = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ResponseEntryId = table.Column<int>(type: "int", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ForumActions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ForumActions_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ForumActions_ResponseEntries_ResponseEntryId",
                        column: x => x.ResponseEntryId,
                        principalTable: "ResponseEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ForumRecords",
                columns: table => new
                {
                    EventId = table.Column<int>(type: "int", nullable: false),
                    AgendaPublishedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    MinutesMarkdown = table.Column<string>(type: "nvarchar(max)", maxLength: 20000, nullable: false),
                    MinutesPublishedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    MinutesUpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ForumRecords", x => x.EventId);
                    table.ForeignKey(
                        name: "FK_ForumRecords_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AgendaItemPriority",
                columns: table => new
                {
                    AgendaItemId = table.Column<int>(type: "int", nullable: false),
                    PriorityNumber = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgendaItemPriority", x => new { x.AgendaItemId, x.PriorityNumber });
                    table.ForeignKey(
                        name: "FK_AgendaItemPriority_AgendaItems_AgendaItemId",
                        column: x => x.AgendaItemId,
                        principalTable: "AgendaItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AgendaItemPriority_Priorities_PriorityNumber",
                        column: x => x.PriorityNumber,
                        principalTable: "Priorities",
                        principalColumn: "Number",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ForumActionSources",
                columns: table => new
                {
                    ForumActionId = table.Column<int>(type: "int", nullable: false),
                    AgendaItemId = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ForumActionSources", x => new { x.ForumActionId, x.AgendaItemId });
                    table.ForeignKey(
                        name: "FK_ForumActionSources_AgendaItems_AgendaItemId",
                        column: x => x.AgendaItemId,
                        principalTable: "AgendaItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ForumActionSources_ForumActions_ForumActionId",
                        column: x => x.ForumActionId,
                        principalTable: "ForumActions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AgendaItemPriority_PriorityNumber",
                table: "AgendaItemPriority",
                column: "PriorityNumber");

            migrationBuilder.CreateIndex(
                name: "IX_AgendaItems_EventId_State_Position",
                table: "AgendaItems",
                columns: new[] { "EventId", "State", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_AgendaItems_ProviderUserId_EventId",
                table: "AgendaItems",
                columns: new[] { "ProviderUserId", "EventId" });

            migrationBuilder.CreateIndex(
                name: "IX_ForumActions_EventId_CreatedAt",
                table: "ForumActions",
                columns: new[] { "EventId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ForumActions_ResponseEntryId",
                table: "ForumActions",
                column: "ResponseEntryId",
                unique: true,
                filter: "[ResponseEntryId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ForumActionSources_AgendaItemId",
                table: "ForumActionSources",
                column: "AgendaItemId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AgendaItemPriority");

            migrationBuilder.DropTable(
                name: "ForumActionSources");

            migrationBuilder.DropTable(
                name: "ForumRecords");

            migrationBuilder.DropTable(
                name: "AgendaItems");

            migrationBuilder.DropTable(
                name: "ForumActions");
        }
    }
}
