using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MemberMall.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Engagement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "device_hash",
                table: "members",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "check_in_points",
                table: "loyalty_settings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "referee_points",
                table: "loyalty_settings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "referrer_points",
                table: "loyalty_settings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "streak_bonus_day",
                table: "loyalty_settings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "streak_bonus_points",
                table: "loyalty_settings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "check_ins",
                columns: table => new
                {
                    member_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    streak = table.Column<int>(type: "INTEGER", nullable: false),
                    points = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_check_ins", x => new { x.member_id, x.day });
                    table.ForeignKey(
                        name: "fk_check_ins_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "risk_flags",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    member_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    detail = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    resolved_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_risk_flags", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_members_referred_by_code",
                table: "members",
                column: "referred_by_code");

            migrationBuilder.CreateIndex(
                name: "ix_risk_flags_resolved_at_created_at",
                table: "risk_flags",
                columns: new[] { "resolved_at", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "check_ins");

            migrationBuilder.DropTable(
                name: "risk_flags");

            migrationBuilder.DropIndex(
                name: "ix_members_referred_by_code",
                table: "members");

            migrationBuilder.DropColumn(
                name: "device_hash",
                table: "members");

            migrationBuilder.DropColumn(
                name: "check_in_points",
                table: "loyalty_settings");

            migrationBuilder.DropColumn(
                name: "referee_points",
                table: "loyalty_settings");

            migrationBuilder.DropColumn(
                name: "referrer_points",
                table: "loyalty_settings");

            migrationBuilder.DropColumn(
                name: "streak_bonus_day",
                table: "loyalty_settings");

            migrationBuilder.DropColumn(
                name: "streak_bonus_points",
                table: "loyalty_settings");
        }
    }
}
