using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Engagement.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class FeedbackProviderAccount : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ProviderAccountId",
                table: "FeedbackItems",
                type: "nvarchar(max)",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ProviderAccountId",
                table: "FeedbackItems");
        }
    }
}
