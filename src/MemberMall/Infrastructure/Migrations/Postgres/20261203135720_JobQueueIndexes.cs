using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MemberMall.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class JobQueueIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_orders_status_auto_cancel_at",
                table: "orders");

            migrationBuilder.DropIndex(
                name: "ix_orders_status_delivered_at",
                table: "orders");

            migrationBuilder.CreateIndex(
                name: "ix_orders_delivered_delivered_at",
                table: "orders",
                column: "delivered_at",
                filter: "status = 'Delivered'");

            migrationBuilder.CreateIndex(
                name: "ix_orders_unpaid_auto_cancel_at",
                table: "orders",
                column: "auto_cancel_at",
                filter: "status = 'PendingPayment'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_orders_delivered_delivered_at",
                table: "orders");

            migrationBuilder.DropIndex(
                name: "ix_orders_unpaid_auto_cancel_at",
                table: "orders");

            migrationBuilder.CreateIndex(
                name: "ix_orders_status_auto_cancel_at",
                table: "orders",
                columns: new[] { "status", "auto_cancel_at" });

            migrationBuilder.CreateIndex(
                name: "ix_orders_status_delivered_at",
                table: "orders",
                columns: new[] { "status", "delivered_at" });
        }
    }
}
