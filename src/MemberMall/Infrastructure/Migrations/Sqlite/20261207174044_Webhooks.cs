using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MemberMall.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Webhooks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_outbox_processed_at_occurred_at",
                table: "outbox");

            migrationBuilder.AddColumn<string>(
                name: "lease_owner",
                table: "outbox",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "lease_until",
                table: "outbox",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "api_keys",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    prefix = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    secret_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    scopes = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    revoked_at = table.Column<long>(type: "INTEGER", nullable: true),
                    last_used_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "webhook_endpoints",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    url = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    events = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    secret_cipher = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    previous_secret_cipher = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    previous_secret_until = table.Column<long>(type: "INTEGER", nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    failing_since = table.Column<long>(type: "INTEGER", nullable: true),
                    disabled_at = table.Column<long>(type: "INTEGER", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_webhook_endpoints", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "webhook_deliveries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    endpoint_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    event_type = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    event_order = table.Column<Guid>(type: "TEXT", nullable: false),
                    member_key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    body = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    next_attempt_at = table.Column<long>(type: "INTEGER", nullable: false),
                    lease_until = table.Column<long>(type: "INTEGER", nullable: true),
                    last_attempt_at = table.Column<long>(type: "INTEGER", nullable: true),
                    delivered_at = table.Column<long>(type: "INTEGER", nullable: true),
                    response_status = table.Column<int>(type: "INTEGER", nullable: true),
                    latency_ms = table.Column<int>(type: "INTEGER", nullable: true),
                    response_excerpt = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    error = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    retry_from = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_webhook_deliveries", x => x.id);
                    table.ForeignKey(
                        name: "fk_webhook_deliveries_webhook_endpoints_endpoint_id",
                        column: x => x.endpoint_id,
                        principalTable: "webhook_endpoints",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_processed_at_id",
                table: "outbox",
                columns: new[] { "processed_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_api_keys_secret_hash",
                table: "api_keys",
                column: "secret_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_endpoint_id_created_at",
                table: "webhook_deliveries",
                columns: new[] { "endpoint_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_endpoint_id_event_order",
                table: "webhook_deliveries",
                columns: new[] { "endpoint_id", "event_order" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_endpoint_id_member_key_status",
                table: "webhook_deliveries",
                columns: new[] { "endpoint_id", "member_key", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_status_next_attempt_at",
                table: "webhook_deliveries",
                columns: new[] { "status", "next_attempt_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_keys");

            migrationBuilder.DropTable(
                name: "webhook_deliveries");

            migrationBuilder.DropTable(
                name: "webhook_endpoints");

            migrationBuilder.DropIndex(
                name: "ix_outbox_processed_at_id",
                table: "outbox");

            migrationBuilder.DropColumn(
                name: "lease_owner",
                table: "outbox");

            migrationBuilder.DropColumn(
                name: "lease_until",
                table: "outbox");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_processed_at_occurred_at",
                table: "outbox",
                columns: new[] { "processed_at", "occurred_at" });
        }
    }
}
