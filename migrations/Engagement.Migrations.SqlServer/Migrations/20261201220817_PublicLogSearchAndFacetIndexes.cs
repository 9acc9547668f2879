using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Engagement.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class PublicLogSearchAndFacetIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "PriorityMask",
                table: "ResponseEntries",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateIndex(
                name: "IX_ResponseEntries_IsPublished_Status_Section_PriorityMask",
                table: "ResponseEntries",
                columns: new[] { "IsPublished", "Status", "Section", "PriorityMask" });

            // Existing entries: bit n set for each priority n (1 to 62) linked to the entry (see PriorityMask).
            migrationBuilder.Sql(
                """
                UPDATE [ResponseEntries] SET [PriorityMask] = COALESCE((
                    SELECT SUM(POWER(CAST(2 AS bigint), [p].[PriorityNumber])) FROM [ResponseEntryPriorities] AS [p]
                    WHERE [p].[ResponseEntryId] = [ResponseEntries].[Id] AND [p].[PriorityNumber] BETWEEN 1 AND 62), 0);
                """);

            // No full-text index here: SQL Server's full-text search matches words, not the substrings the public
            // log's search promises (a reference such as WD-2026-0001, "100%"), so search stays LIKE on SQL Server.
            // See the README's performance section for what an operator can add and what it would change.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ResponseEntries_IsPublished_Status_Section_PriorityMask",
                table: "ResponseEntries");

            migrationBuilder.DropColumn(
                name: "PriorityMask",
                table: "ResponseEntries");
        }
    }
}
