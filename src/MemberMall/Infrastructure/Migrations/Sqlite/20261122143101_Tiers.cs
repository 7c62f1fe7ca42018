using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MemberMall.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Tiers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "tier_downgrade",
                table: "loyalty_settings",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "tier_grace_days",
                table: "loyalty_settings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "tier_changes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    member_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    from_tier_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    to_tier_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tier_changes", x => x.id);
                    table.ForeignKey(
                        name: "fk_tier_changes_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "tiers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    rank = table.Column<int>(type: "INTEGER", nullable: false),
                    metric = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    threshold = table.Column<long>(type: "INTEGER", nullable: false),
                    window = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    window_days = table.Column<int>(type: "INTEGER", nullable: false),
                    price_percent = table.Column<int>(type: "INTEGER", nullable: false),
                    points_multiplier = table.Column<decimal>(type: "TEXT", precision: 9, scale: 4, nullable: false),
                    rebate_percent = table.Column<decimal>(type: "TEXT", precision: 9, scale: 4, nullable: false),
                    free_shipping = table.Column<bool>(type: "INTEGER", nullable: false),
                    birthday_points = table.Column<long>(type: "INTEGER", nullable: false),
                    priority_service = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tiers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "member_tiers",
                columns: table => new
                {
                    member_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tier_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    since = table.Column<long>(type: "INTEGER", nullable: false),
                    grace_until = table.Column<long>(type: "INTEGER", nullable: true),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_member_tiers", x => x.member_id);
                    table.ForeignKey(
                        name: "fk_member_tiers_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_member_tiers_tiers_tier_id",
                        column: x => x.tier_id,
                        principalTable: "tiers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "product_tier_prices",
                columns: table => new
                {
                    product_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tier_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    price_fen = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_product_tier_prices", x => new { x.product_id, x.tier_id });
                    table.ForeignKey(
                        name: "fk_product_tier_prices_products_product_id",
                        column: x => x.product_id,
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_product_tier_prices_tiers_tier_id",
                        column: x => x.tier_id,
                        principalTable: "tiers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_member_tiers_tier_id",
                table: "member_tiers",
                column: "tier_id");

            migrationBuilder.CreateIndex(
                name: "ix_product_tier_prices_tier_id",
                table: "product_tier_prices",
                column: "tier_id");

            migrationBuilder.CreateIndex(
                name: "ix_tier_changes_member_id_at",
                table: "tier_changes",
                columns: new[] { "member_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_tiers_code",
                table: "tiers",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_tiers_rank",
                table: "tiers",
                column: "rank",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "member_tiers");

            migrationBuilder.DropTable(
                name: "product_tier_prices");

            migrationBuilder.DropTable(
                name: "tier_changes");

            migrationBuilder.DropTable(
                name: "tiers");

            migrationBuilder.DropColumn(
                name: "tier_downgrade",
                table: "loyalty_settings");

            migrationBuilder.DropColumn(
                name: "tier_grace_days",
                table: "loyalty_settings");
        }
    }
}
