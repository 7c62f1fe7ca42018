using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MemberMall.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Points : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "points_used",
                table: "orders",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "points_used",
                table: "order_item",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "loyalty_settings",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    earn_rate = table.Column<decimal>(type: "TEXT", precision: 9, scale: 4, nullable: false),
                    return_window_days = table.Column<int>(type: "INTEGER", nullable: false),
                    expiry = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    expiry_days = table.Column<int>(type: "INTEGER", nullable: false),
                    redeem_points_per_yuan = table.Column<int>(type: "INTEGER", nullable: false),
                    redeem_min_points = table.Column<long>(type: "INTEGER", nullable: false),
                    redeem_max_points_per_order = table.Column<long>(type: "INTEGER", nullable: false),
                    redeem_max_share_percent = table.Column<int>(type: "INTEGER", nullable: false),
                    registration_points = table.Column<long>(type: "INTEGER", nullable: false),
                    first_order_points = table.Column<long>(type: "INTEGER", nullable: false),
                    review_points = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_loyalty_settings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "points_accounts",
                columns: table => new
                {
                    member_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    available = table.Column<long>(type: "INTEGER", nullable: false),
                    pending = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_points_accounts", x => x.member_id);
                    table.CheckConstraint("ck_points_accounts_available_not_negative", "available >= 0");
                    table.CheckConstraint("ck_points_accounts_pending_not_negative", "pending >= 0");
                    table.ForeignKey(
                        name: "fk_points_accounts_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "points_awards",
                columns: table => new
                {
                    order_item_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    lot_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    earning_base_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    rate = table.Column<decimal>(type: "TEXT", precision: 9, scale: 4, nullable: false),
                    multiplier = table.Column<decimal>(type: "TEXT", precision: 9, scale: 4, nullable: false),
                    points = table.Column<long>(type: "INTEGER", nullable: false),
                    clawed_back = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_points_awards", x => x.order_item_id);
                });

            migrationBuilder.CreateTable(
                name: "points_campaigns",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    starts_at = table.Column<long>(type: "INTEGER", nullable: false),
                    ends_at = table.Column<long>(type: "INTEGER", nullable: false),
                    multiplier = table.Column<decimal>(type: "TEXT", precision: 9, scale: 4, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_points_campaigns", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "points_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    member_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    available_change = table.Column<long>(type: "INTEGER", nullable: false),
                    pending_change = table.Column<long>(type: "INTEGER", nullable: false),
                    available_after = table.Column<long>(type: "INTEGER", nullable: false),
                    pending_after = table.Column<long>(type: "INTEGER", nullable: false),
                    source_type = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    source_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    rule = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    actor_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: true),
                    reverses_entry_id = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_points_entries", x => x.id);
                    table.ForeignKey(
                        name: "fk_points_entries_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "points_lots",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    member_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    entry_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    original = table.Column<long>(type: "INTEGER", nullable: false),
                    remaining = table.Column<long>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    earned_at = table.Column<long>(type: "INTEGER", nullable: false),
                    available_at = table.Column<long>(type: "INTEGER", nullable: true),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_points_lots", x => x.id);
                    table.CheckConstraint("ck_points_lots_remaining", "remaining >= 0 AND remaining <= original");
                });

            migrationBuilder.CreateTable(
                name: "points_rules",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    scope = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    target_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    rate = table.Column<decimal>(type: "TEXT", precision: 9, scale: 4, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_points_rules", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "points_lot_draws",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    entry_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    lot_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    points = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_points_lot_draws", x => x.id);
                    table.ForeignKey(
                        name: "fk_points_lot_draws_points_entries_entry_id",
                        column: x => x.entry_id,
                        principalTable: "points_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_points_lot_draws_points_lots_lot_id",
                        column: x => x.lot_id,
                        principalTable: "points_lots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_points_awards_order_id",
                table: "points_awards",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "ix_points_campaigns_starts_at_ends_at",
                table: "points_campaigns",
                columns: new[] { "starts_at", "ends_at" });

            migrationBuilder.CreateIndex(
                name: "ix_points_entries_member_id_created_at",
                table: "points_entries",
                columns: new[] { "member_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_points_entries_reverses_entry_id",
                table: "points_entries",
                column: "reverses_entry_id");

            migrationBuilder.CreateIndex(
                name: "ix_points_entries_source_type_source_id_rule",
                table: "points_entries",
                columns: new[] { "source_type", "source_id", "rule" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_points_lot_draws_entry_id",
                table: "points_lot_draws",
                column: "entry_id");

            migrationBuilder.CreateIndex(
                name: "ix_points_lot_draws_lot_id",
                table: "points_lot_draws",
                column: "lot_id");

            migrationBuilder.CreateIndex(
                name: "ix_points_lots_entry_id",
                table: "points_lots",
                column: "entry_id");

            migrationBuilder.CreateIndex(
                name: "ix_points_lots_member_id_status_expires_at",
                table: "points_lots",
                columns: new[] { "member_id", "status", "expires_at" });

            migrationBuilder.CreateIndex(
                name: "ix_points_lots_status_available_at",
                table: "points_lots",
                columns: new[] { "status", "available_at" });

            migrationBuilder.CreateIndex(
                name: "ix_points_lots_status_expires_at",
                table: "points_lots",
                columns: new[] { "status", "expires_at" });

            migrationBuilder.CreateIndex(
                name: "ix_points_rules_scope_target_id",
                table: "points_rules",
                columns: new[] { "scope", "target_id" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "loyalty_settings");

            migrationBuilder.DropTable(
                name: "points_accounts");

            migrationBuilder.DropTable(
                name: "points_awards");

            migrationBuilder.DropTable(
                name: "points_campaigns");

            migrationBuilder.DropTable(
                name: "points_lot_draws");

            migrationBuilder.DropTable(
                name: "points_rules");

            migrationBuilder.DropTable(
                name: "points_entries");

            migrationBuilder.DropTable(
                name: "points_lots");

            migrationBuilder.DropColumn(
                name: "points_used",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "points_used",
                table: "order_item");
        }
    }
}
