using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MemberMall.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PointsMall : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "points_mall_items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    product_id = table.Column<Guid>(type: "uuid", nullable: true),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    image_url = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    points = table.Column<long>(type: "bigint", nullable: false),
                    stock = table.Column<int>(type: "integer", nullable: false),
                    exchanged = table.Column<int>(type: "integer", nullable: false),
                    per_member_limit = table.Column<int>(type: "integer", nullable: false),
                    physical = table.Column<bool>(type: "boolean", nullable: false),
                    listed = table.Column<bool>(type: "boolean", nullable: false),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_points_mall_items", x => x.id);
                    table.CheckConstraint("ck_points_mall_items_points_positive", "points > 0");
                    table.CheckConstraint("ck_points_mall_items_stock_not_negative", "stock >= 0");
                    table.ForeignKey(
                        name: "fk_points_mall_items_products_product_id",
                        column: x => x.product_id,
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "points_mall_exchanges",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    exchange_no = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    item_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    quantity = table.Column<int>(type: "integer", nullable: false),
                    unit_points = table.Column<long>(type: "bigint", nullable: false),
                    points = table.Column<long>(type: "bigint", nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    recipient_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    recipient_phone_cipher = table.Column<string>(type: "text", nullable: true),
                    province = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    city = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    district = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    address_detail_cipher = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    cancelled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    cancel_reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_points_mall_exchanges", x => x.id);
                    table.CheckConstraint("ck_points_mall_exchanges_quantity", "quantity > 0");
                    table.ForeignKey(
                        name: "fk_points_mall_exchanges_mall_items_item_id",
                        column: x => x.item_id,
                        principalTable: "points_mall_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_points_mall_exchanges_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "points_mall_quotas",
                columns: table => new
                {
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    taken = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_points_mall_quotas", x => new { x.member_id, x.item_id });
                    table.CheckConstraint("ck_points_mall_quotas_taken_not_negative", "taken >= 0");
                    table.ForeignKey(
                        name: "fk_points_mall_quotas_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_points_mall_quotas_points_mall_items_item_id",
                        column: x => x.item_id,
                        principalTable: "points_mall_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "points_mall_stock_movements",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    change = table.Column<int>(type: "integer", nullable: false),
                    stock_after = table.Column<int>(type: "integer", nullable: false),
                    reference = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    actor_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_points_mall_stock_movements", x => x.id);
                    table.ForeignKey(
                        name: "fk_points_mall_stock_movements_points_mall_items_item_id",
                        column: x => x.item_id,
                        principalTable: "points_mall_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_points_mall_exchanges_created_at",
                table: "points_mall_exchanges",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_points_mall_exchanges_exchange_no",
                table: "points_mall_exchanges",
                column: "exchange_no",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_points_mall_exchanges_item_id_created_at",
                table: "points_mall_exchanges",
                columns: new[] { "item_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_points_mall_exchanges_member_id_created_at",
                table: "points_mall_exchanges",
                columns: new[] { "member_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_points_mall_items_listed_points",
                table: "points_mall_items",
                columns: new[] { "listed", "points" });

            migrationBuilder.CreateIndex(
                name: "ix_points_mall_items_product_id",
                table: "points_mall_items",
                column: "product_id");

            migrationBuilder.CreateIndex(
                name: "ix_points_mall_quotas_item_id",
                table: "points_mall_quotas",
                column: "item_id");

            migrationBuilder.CreateIndex(
                name: "ix_points_mall_stock_movements_item_id_created_at",
                table: "points_mall_stock_movements",
                columns: new[] { "item_id", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "points_mall_exchanges");

            migrationBuilder.DropTable(
                name: "points_mall_quotas");

            migrationBuilder.DropTable(
                name: "points_mall_stock_movements");

            migrationBuilder.DropTable(
                name: "points_mall_items");
        }
    }
}
