using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MemberMall.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Coupons : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "coupons",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    amount_fen = table.Column<long>(type: "bigint", nullable: false),
                    threshold_fen = table.Column<long>(type: "bigint", nullable: false),
                    percent = table.Column<int>(type: "integer", nullable: false),
                    max_discount_fen = table.Column<long>(type: "bigint", nullable: true),
                    category_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    product_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    exclude_product_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    valid_from = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    valid_to = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    valid_days = table.Column<int>(type: "integer", nullable: true),
                    total_quantity = table.Column<int>(type: "integer", nullable: true),
                    per_member_limit = table.Column<int>(type: "integer", nullable: false),
                    claim_from = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    claim_to = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    stack_with_promotions = table.Column<bool>(type: "boolean", nullable: false),
                    stack_with_coupons = table.Column<bool>(type: "boolean", nullable: false),
                    budget_fen = table.Column<long>(type: "bigint", nullable: true),
                    claim_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    claimed = table.Column<int>(type: "integer", nullable: false),
                    used = table.Column<int>(type: "integer", nullable: false),
                    discount_given_fen = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_coupons", x => x.id);
                    table.CheckConstraint("ck_coupons_claimed_within_quantity", "total_quantity IS NULL OR claimed <= total_quantity");
                    table.CheckConstraint("ck_coupons_discount_within_budget", "discount_given_fen >= 0 AND (budget_fen IS NULL OR discount_given_fen <= budget_fen)");
                    table.CheckConstraint("ck_coupons_used_within_claimed", "used >= 0 AND used <= claimed");
                });

            migrationBuilder.CreateTable(
                name: "coupon_quotas",
                columns: table => new
                {
                    coupon_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    taken = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_coupon_quotas", x => new { x.coupon_id, x.member_id });
                    table.CheckConstraint("ck_coupon_quotas_taken_not_negative", "taken >= 0");
                    table.ForeignKey(
                        name: "fk_coupon_quotas_coupons_coupon_id",
                        column: x => x.coupon_id,
                        principalTable: "coupons",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_coupon_quotas_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "member_coupons",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    coupon_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    valid_from = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    valid_to = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    claimed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: true),
                    discount_fen = table.Column<long>(type: "bigint", nullable: false),
                    used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_member_coupons", x => x.id);
                    table.ForeignKey(
                        name: "fk_member_coupons_coupons_coupon_id",
                        column: x => x.coupon_id,
                        principalTable: "coupons",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_member_coupons_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_coupon_quotas_member_id",
                table: "coupon_quotas",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_coupons_claim_code",
                table: "coupons",
                column: "claim_code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_coupons_status_created_at",
                table: "coupons",
                columns: new[] { "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_member_coupons_coupon_id",
                table: "member_coupons",
                column: "coupon_id");

            migrationBuilder.CreateIndex(
                name: "ix_member_coupons_member_id_status_valid_to",
                table: "member_coupons",
                columns: new[] { "member_id", "status", "valid_to" });

            migrationBuilder.CreateIndex(
                name: "ix_member_coupons_order_id",
                table: "member_coupons",
                column: "order_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "coupon_quotas");

            migrationBuilder.DropTable(
                name: "member_coupons");

            migrationBuilder.DropTable(
                name: "coupons");
        }
    }
}
