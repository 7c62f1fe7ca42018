using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MemberMall.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Rebates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "rebate_settlement",
                table: "loyalty_settings",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "withdraw_fee_min_fen",
                table: "loyalty_settings",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<decimal>(
                name: "withdraw_fee_percent",
                table: "loyalty_settings",
                type: "numeric",
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<long>(
                name: "withdraw_min_fen",
                table: "loyalty_settings",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "rebate_accounts",
                columns: table => new
                {
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    pending_fen = table.Column<long>(type: "bigint", nullable: false),
                    available_fen = table.Column<long>(type: "bigint", nullable: false),
                    frozen_fen = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rebate_accounts", x => x.member_id);
                    table.CheckConstraint("ck_rebate_accounts_not_negative", "pending_fen >= 0 AND available_fen >= 0 AND frozen_fen >= 0");
                    table.ForeignKey(
                        name: "fk_rebate_accounts_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "rebate_accruals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    order_item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    rule_id = table.Column<Guid>(type: "uuid", nullable: true),
                    percent = table.Column<decimal>(type: "numeric(9,4)", precision: 9, scale: 4, nullable: false),
                    amount_fen = table.Column<long>(type: "bigint", nullable: false),
                    clawed_back_fen = table.Column<long>(type: "bigint", nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    accrued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    available_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    credited_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    statement_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rebate_accruals", x => x.id);
                    table.CheckConstraint("ck_rebate_accruals_clawback", "clawed_back_fen >= 0 AND clawed_back_fen <= amount_fen");
                });

            migrationBuilder.CreateTable(
                name: "rebate_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    pending_change = table.Column<long>(type: "bigint", nullable: false),
                    available_change = table.Column<long>(type: "bigint", nullable: false),
                    frozen_change = table.Column<long>(type: "bigint", nullable: false),
                    available_after = table.Column<long>(type: "bigint", nullable: false),
                    source_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    source_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    rule = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rebate_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "rebate_rules",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    scope = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    target_id = table.Column<Guid>(type: "uuid", nullable: true),
                    min_order_fen = table.Column<long>(type: "bigint", nullable: false),
                    max_order_fen = table.Column<long>(type: "bigint", nullable: true),
                    percent = table.Column<decimal>(type: "numeric(9,4)", precision: 9, scale: 4, nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rebate_rules", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "rebate_statements",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    period_start = table.Column<DateOnly>(type: "date", nullable: false),
                    period_end = table.Column<DateOnly>(type: "date", nullable: false),
                    amount_fen = table.Column<long>(type: "bigint", nullable: false),
                    lines = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rebate_statements", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "withdrawals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    amount_fen = table.Column<long>(type: "bigint", nullable: false),
                    fee_fen = table.Column<long>(type: "bigint", nullable: false),
                    account_cipher = table.Column<string>(type: "text", nullable: false),
                    account_masked = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_withdrawals", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_rebate_accruals_member_id_status",
                table: "rebate_accruals",
                columns: new[] { "member_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_rebate_accruals_order_id",
                table: "rebate_accruals",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "ix_rebate_accruals_order_item_id",
                table: "rebate_accruals",
                column: "order_item_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_rebate_accruals_status_available_at",
                table: "rebate_accruals",
                columns: new[] { "status", "available_at" });

            migrationBuilder.CreateIndex(
                name: "ix_rebate_entries_member_id_created_at",
                table: "rebate_entries",
                columns: new[] { "member_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_rebate_entries_source_type_source_id_rule",
                table: "rebate_entries",
                columns: new[] { "source_type", "source_id", "rule" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_rebate_statements_member_id_period_start",
                table: "rebate_statements",
                columns: new[] { "member_id", "period_start" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_rebate_statements_period_start",
                table: "rebate_statements",
                column: "period_start");

            migrationBuilder.CreateIndex(
                name: "ix_withdrawals_member_id_created_at",
                table: "withdrawals",
                columns: new[] { "member_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_withdrawals_status_created_at",
                table: "withdrawals",
                columns: new[] { "status", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "rebate_accounts");

            migrationBuilder.DropTable(
                name: "rebate_accruals");

            migrationBuilder.DropTable(
                name: "rebate_entries");

            migrationBuilder.DropTable(
                name: "rebate_rules");

            migrationBuilder.DropTable(
                name: "rebate_statements");

            migrationBuilder.DropTable(
                name: "withdrawals");

            migrationBuilder.DropColumn(
                name: "rebate_settlement",
                table: "loyalty_settings");

            migrationBuilder.DropColumn(
                name: "withdraw_fee_min_fen",
                table: "loyalty_settings");

            migrationBuilder.DropColumn(
                name: "withdraw_fee_percent",
                table: "loyalty_settings");

            migrationBuilder.DropColumn(
                name: "withdraw_min_fen",
                table: "loyalty_settings");
        }
    }
}
