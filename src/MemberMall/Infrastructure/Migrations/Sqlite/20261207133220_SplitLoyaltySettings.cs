using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MemberMall.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SplitLoyaltySettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "engagement_settings",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    check_in_points = table.Column<long>(type: "INTEGER", nullable: false),
                    streak_bonus_day = table.Column<int>(type: "INTEGER", nullable: false),
                    streak_bonus_points = table.Column<long>(type: "INTEGER", nullable: false),
                    referrer_points = table.Column<long>(type: "INTEGER", nullable: false),
                    referee_points = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_engagement_settings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "points_settings",
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
                    expiry_reminder_days = table.Column<int>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_points_settings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "rebate_settings",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    settlement = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    withdraw_min_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    withdraw_fee_percent = table.Column<decimal>(type: "TEXT", nullable: false),
                    withdraw_fee_min_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rebate_settings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "tier_settings",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    downgrade = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    grace_days = table.Column<int>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tier_settings", x => x.id);
                });

            // Each feature's settings keep the values the shop had.
            migrationBuilder.Sql("INSERT INTO points_settings (id, earn_rate, return_window_days, expiry, expiry_days, redeem_points_per_yuan, redeem_min_points, redeem_max_points_per_order, redeem_max_share_percent, registration_points, first_order_points, review_points, expiry_reminder_days, updated_at) SELECT id, earn_rate, return_window_days, expiry, expiry_days, redeem_points_per_yuan, redeem_min_points, redeem_max_points_per_order, redeem_max_share_percent, registration_points, first_order_points, review_points, expiry_reminder_days, updated_at FROM loyalty_settings;");
            migrationBuilder.Sql("INSERT INTO engagement_settings (id, check_in_points, streak_bonus_day, streak_bonus_points, referrer_points, referee_points, updated_at) SELECT id, check_in_points, streak_bonus_day, streak_bonus_points, referrer_points, referee_points, updated_at FROM loyalty_settings;");
            migrationBuilder.Sql("INSERT INTO rebate_settings (id, settlement, withdraw_min_fen, withdraw_fee_percent, withdraw_fee_min_fen, updated_at) SELECT id, rebate_settlement, withdraw_min_fen, withdraw_fee_percent, withdraw_fee_min_fen, updated_at FROM loyalty_settings;");
            migrationBuilder.Sql("INSERT INTO tier_settings (id, downgrade, grace_days, updated_at) SELECT id, tier_downgrade, tier_grace_days, updated_at FROM loyalty_settings;");
            migrationBuilder.DropTable(
                name: "loyalty_settings");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "engagement_settings");

            migrationBuilder.DropTable(
                name: "points_settings");

            migrationBuilder.DropTable(
                name: "rebate_settings");

            migrationBuilder.DropTable(
                name: "tier_settings");

            migrationBuilder.CreateTable(
                name: "loyalty_settings",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    check_in_points = table.Column<long>(type: "INTEGER", nullable: false),
                    earn_rate = table.Column<decimal>(type: "TEXT", precision: 9, scale: 4, nullable: false),
                    expiry = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    expiry_days = table.Column<int>(type: "INTEGER", nullable: false),
                    expiry_reminder_days = table.Column<int>(type: "INTEGER", nullable: false),
                    first_order_points = table.Column<long>(type: "INTEGER", nullable: false),
                    rebate_settlement = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    redeem_max_points_per_order = table.Column<long>(type: "INTEGER", nullable: false),
                    redeem_max_share_percent = table.Column<int>(type: "INTEGER", nullable: false),
                    redeem_min_points = table.Column<long>(type: "INTEGER", nullable: false),
                    redeem_points_per_yuan = table.Column<int>(type: "INTEGER", nullable: false),
                    referee_points = table.Column<long>(type: "INTEGER", nullable: false),
                    referrer_points = table.Column<long>(type: "INTEGER", nullable: false),
                    registration_points = table.Column<long>(type: "INTEGER", nullable: false),
                    return_window_days = table.Column<int>(type: "INTEGER", nullable: false),
                    review_points = table.Column<long>(type: "INTEGER", nullable: false),
                    streak_bonus_day = table.Column<int>(type: "INTEGER", nullable: false),
                    streak_bonus_points = table.Column<long>(type: "INTEGER", nullable: false),
                    tier_downgrade = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    tier_grace_days = table.Column<int>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    withdraw_fee_min_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    withdraw_fee_percent = table.Column<decimal>(type: "TEXT", nullable: false),
                    withdraw_min_fen = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_loyalty_settings", x => x.id);
                });
        }
    }
}
