using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Engagement.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class EventCalendarSequence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CalendarSequence",
                table: "Events",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Calendars already hold copies whose SEQUENCE was derived from the start time (below 100,001): start above it.
            migrationBuilder.Sql("UPDATE Events SET CalendarSequence = 100001");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CalendarSequence",
                table: "Events");
        }
    }
}
