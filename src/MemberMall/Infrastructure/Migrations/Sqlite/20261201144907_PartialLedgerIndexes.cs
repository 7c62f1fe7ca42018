using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MemberMall.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PartialLedgerIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_points_lots_status_available_at",
                table: "points_lots");

            migrationBuilder.DropIndex(
                name: "ix_points_lots_status_expires_at",
                table: "points_lots");

            migrationBuilder.DropIndex(
                name: "ix_points_entries_reverses_entry_id",
                table: "points_entries");

            migrationBuilder.CreateIndex(
                name: "ix_points_lots_status_available_at",
                table: "points_lots",
                columns: new[] { "status", "available_at" },
                filter: "status = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "ix_points_lots_status_expires_at",
                table: "points_lots",
                columns: new[] { "status", "expires_at" },
                filter: "status = 'Available'");

            migrationBuilder.CreateIndex(
                name: "ix_points_entries_reverses_entry_id",
                table: "points_entries",
                column: "reverses_entry_id",
                filter: "reverses_entry_id IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_points_lots_status_available_at",
                table: "points_lots");

            migrationBuilder.DropIndex(
                name: "ix_points_lots_status_expires_at",
                table: "points_lots");

            migrationBuilder.DropIndex(
                name: "ix_points_entries_reverses_entry_id",
                table: "points_entries");

            migrationBuilder.CreateIndex(
                name: "ix_points_lots_status_available_at",
                table: "points_lots",
                columns: new[] { "status", "available_at" });

            migrationBuilder.CreateIndex(
                name: "ix_points_lots_status_expires_at",
                table: "points_lots",
                columns: new[] { "status", "expires_at" });

            migrationBuilder.CreateIndex(
                name: "ix_points_entries_reverses_entry_id",
                table: "points_entries",
                column: "reverses_entry_id");
        }
    }
}
