using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Engagement.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class AlertsForConsultationsAndEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ConsultationsCheckedUpTo",
                table: "AlertSubscriptions",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EventAudiences",
                table: "AlertSubscriptions",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "EventSeries",
                table: "AlertSubscriptions",
                type: "nvarchar(1400)",
                maxLength: 1400,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "LastEventChangeId",
                table: "AlertSubscriptions",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "NewConsultations",
                table: "AlertSubscriptions",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "EventChanges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    EventId = table.Column<int>(type: "int", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    At = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EventChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EventChanges_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EventChanges_EventId",
                table: "EventChanges",
                column: "EventId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EventChanges");

            migrationBuilder.DropColumn(
                name: "ConsultationsCheckedUpTo",
                table: "AlertSubscriptions");

            migrationBuilder.DropColumn(
                name: "EventAudiences",
                table: "AlertSubscriptions");

            migrationBuilder.DropColumn(
                name: "EventSeries",
                table: "AlertSubscriptions");

            migrationBuilder.DropColumn(
                name: "LastEventChangeId",
                table: "AlertSubscriptions");

            migrationBuilder.DropColumn(
                name: "NewConsultations",
                table: "AlertSubscriptions");
        }
    }
}
