using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MemberMall.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "accounts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    staff_role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    display_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    disabled_at = table.Column<long>(type: "INTEGER", nullable: true),
                    user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    email_confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    password_hash = table.Column<string>(type: "TEXT", nullable: true),
                    security_stamp = table.Column<string>(type: "TEXT", nullable: true),
                    concurrency_stamp = table.Column<string>(type: "TEXT", nullable: true),
                    phone_number = table.Column<string>(type: "TEXT", nullable: true),
                    phone_number_confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    two_factor_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    lockout_end = table.Column<long>(type: "INTEGER", nullable: true),
                    lockout_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    access_failed_count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_accounts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "audit_log",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    actor_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    actor_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    actor_role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    action = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    entity_type = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    entity_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    before = table.Column<string>(type: "TEXT", nullable: true),
                    after = table.Column<string>(type: "TEXT", nullable: true),
                    ip = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    user_agent = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_log", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "categories",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    parent_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    sort_order = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_categories", x => x.id);
                });

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
                name: "idempotency_records",
                columns: table => new
                {
                    scope = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    request_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    status_code = table.Column<int>(type: "INTEGER", nullable: true),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    body = table.Column<byte[]>(type: "BLOB", nullable: true),
                    completed_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_idempotency_records", x => new { x.scope, x.key });
                });

            migrationBuilder.CreateTable(
                name: "outbox",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    aggregate_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    payload = table.Column<string>(type: "TEXT", nullable: false),
                    occurred_at = table.Column<long>(type: "INTEGER", nullable: false),
                    processed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "payment_notifications",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    provider = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    notify_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    trade_no = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    amount_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    received_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payment_notifications", x => x.id);
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
                    expires_at = table.Column<long>(type: "INTEGER", nullable: true),
                    reminded_at = table.Column<long>(type: "INTEGER", nullable: true)
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
                name: "rebate_accruals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    member_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    order_item_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    rule_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    percent = table.Column<decimal>(type: "TEXT", precision: 9, scale: 4, nullable: false),
                    amount_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    clawed_back_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    accrued_at = table.Column<long>(type: "INTEGER", nullable: false),
                    available_at = table.Column<long>(type: "INTEGER", nullable: false),
                    credited_at = table.Column<long>(type: "INTEGER", nullable: true),
                    statement_id = table.Column<Guid>(type: "TEXT", nullable: true)
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
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    member_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    pending_change = table.Column<long>(type: "INTEGER", nullable: false),
                    available_change = table.Column<long>(type: "INTEGER", nullable: false),
                    frozen_change = table.Column<long>(type: "INTEGER", nullable: false),
                    available_after = table.Column<long>(type: "INTEGER", nullable: false),
                    source_type = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    source_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    rule = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rebate_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "rebate_rules",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    scope = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    target_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    min_order_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    max_order_fen = table.Column<long>(type: "INTEGER", nullable: true),
                    percent = table.Column<decimal>(type: "TEXT", precision: 9, scale: 4, nullable: false),
                    active = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rebate_rules", x => x.id);
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
                name: "rebate_statements",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    member_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    period_start = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    period_end = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    amount_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    lines = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rebate_statements", x => x.id);
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

            migrationBuilder.CreateTable(
                name: "shop_settings",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    time_zone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    default_culture = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    flat_freight_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    free_shipping_over_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    unpaid_cancel_minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    auto_complete_days = table.Column<int>(type: "INTEGER", nullable: false),
                    review_over_fen = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_shop_settings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "tags",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tags", x => x.id);
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
                name: "withdrawals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    member_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    amount_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    fee_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    account_cipher = table.Column<string>(type: "TEXT", nullable: false),
                    account_masked = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    decided_at = table.Column<long>(type: "INTEGER", nullable: true),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_withdrawals", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "account_claims",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    claim_type = table.Column<string>(type: "TEXT", nullable: true),
                    claim_value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_account_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_account_claims_accounts_user_id",
                        column: x => x.user_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "account_logins",
                columns: table => new
                {
                    login_provider = table.Column<string>(type: "TEXT", nullable: false),
                    provider_key = table.Column<string>(type: "TEXT", nullable: false),
                    provider_display_name = table.Column<string>(type: "TEXT", nullable: true),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_account_logins", x => new { x.login_provider, x.provider_key });
                    table.ForeignKey(
                        name: "fk_account_logins_accounts_user_id",
                        column: x => x.user_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "account_tokens",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    login_provider = table.Column<string>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_account_tokens", x => new { x.user_id, x.login_provider, x.name });
                    table.ForeignKey(
                        name: "fk_account_tokens_accounts_user_id",
                        column: x => x.user_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "auth_sessions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    access_token_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    access_expires_at = table.Column<long>(type: "INTEGER", nullable: false),
                    refresh_token_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    refresh_expires_at = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    revoked_at = table.Column<long>(type: "INTEGER", nullable: true),
                    ip = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_auth_sessions", x => x.id);
                    table.ForeignKey(
                        name: "fk_auth_sessions_asp_net_users_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "members",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    member_no = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    search_name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    gender = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    birthday = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    avatar_url = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    interests = table.Column<string>(type: "TEXT", nullable: false),
                    phone_cipher = table.Column<string>(type: "TEXT", nullable: true),
                    phone_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    email_cipher = table.Column<string>(type: "TEXT", nullable: true),
                    email_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    referral_code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    referred_by_code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    device_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    registered_at = table.Column<long>(type: "INTEGER", nullable: false),
                    order_count = table.Column<int>(type: "INTEGER", nullable: false),
                    total_spend_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    first_order_at = table.Column<long>(type: "INTEGER", nullable: true),
                    last_order_at = table.Column<long>(type: "INTEGER", nullable: true),
                    favourite_category_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_members", x => x.id);
                    table.ForeignKey(
                        name: "fk_members_asp_net_users_id",
                        column: x => x.id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "products",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    category_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    search_text = table.Column<string>(type: "TEXT", maxLength: 600, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    images = table.Column<string>(type: "TEXT", nullable: false),
                    tags = table.Column<string>(type: "TEXT", nullable: false),
                    price_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    stock = table.Column<int>(type: "INTEGER", nullable: false),
                    reserved = table.Column<int>(type: "INTEGER", nullable: false),
                    low_stock_threshold = table.Column<int>(type: "INTEGER", nullable: false),
                    high_stock_threshold = table.Column<int>(type: "INTEGER", nullable: true),
                    sold_count = table.Column<int>(type: "INTEGER", nullable: false),
                    review_count = table.Column<int>(type: "INTEGER", nullable: false),
                    rating_total = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_products", x => x.id);
                    table.CheckConstraint("ck_products_reserved_not_negative", "reserved >= 0");
                    table.CheckConstraint("ck_products_stock_not_negative", "stock >= 0");
                    table.ForeignKey(
                        name: "fk_products_categories_category_id",
                        column: x => x.category_id,
                        principalTable: "categories",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "addresses",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    member_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    recipient_name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    phone_cipher = table.Column<string>(type: "TEXT", nullable: false),
                    province = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    city = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    district = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    detail_cipher = table.Column<string>(type: "TEXT", nullable: false),
                    is_default = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_addresses", x => x.id);
                    table.ForeignKey(
                        name: "fk_addresses_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

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
                name: "member_category_spends",
                columns: table => new
                {
                    member_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    category_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    spend_fen = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_member_category_spends", x => new { x.member_id, x.category_id });
                    table.ForeignKey(
                        name: "fk_member_category_spends_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "member_notes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    member_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    author_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    author_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    body = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_member_notes", x => x.id);
                    table.ForeignKey(
                        name: "fk_member_notes_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "member_tags",
                columns: table => new
                {
                    member_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tag_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_member_tags", x => new { x.member_id, x.tag_id });
                    table.ForeignKey(
                        name: "fk_member_tags_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_member_tags_tags_tag_id",
                        column: x => x.tag_id,
                        principalTable: "tags",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
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
                name: "orders",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    order_no = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    member_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    subtotal_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    discount_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    freight_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    total_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    paid_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    refunded_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    payment_method = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    points_earnable = table.Column<long>(type: "INTEGER", nullable: false),
                    points_used = table.Column<long>(type: "INTEGER", nullable: false),
                    adjustments_json = table.Column<string>(type: "TEXT", nullable: false),
                    recipient_name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    recipient_phone_cipher = table.Column<string>(type: "TEXT", nullable: false),
                    province = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    city = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    district = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    address_detail_cipher = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    auto_cancel_at = table.Column<long>(type: "INTEGER", nullable: false),
                    paid_at = table.Column<long>(type: "INTEGER", nullable: true),
                    shipped_at = table.Column<long>(type: "INTEGER", nullable: true),
                    delivered_at = table.Column<long>(type: "INTEGER", nullable: true),
                    completed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    cancelled_at = table.Column<long>(type: "INTEGER", nullable: true),
                    cancel_reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    carrier = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    tracking_no = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    review = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    review_reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    satisfaction_rating = table.Column<int>(type: "INTEGER", nullable: true),
                    referral_source = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    follow_up_note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_orders", x => x.id);
                    table.CheckConstraint("ck_orders_refund_within_paid", "refunded_fen >= 0 AND refunded_fen <= paid_fen");
                    table.ForeignKey(
                        name: "fk_orders_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
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
                name: "rebate_accounts",
                columns: table => new
                {
                    member_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    pending_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    available_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    frozen_fen = table.Column<long>(type: "INTEGER", nullable: false)
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
                name: "cart_items",
                columns: table => new
                {
                    member_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    product_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    selected = table.Column<bool>(type: "INTEGER", nullable: false),
                    added_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cart_items", x => new { x.member_id, x.product_id });
                    table.ForeignKey(
                        name: "fk_cart_items_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_cart_items_products_product_id",
                        column: x => x.product_id,
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "points_mall_items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    product_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    image_url = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    points = table.Column<long>(type: "INTEGER", nullable: false),
                    stock = table.Column<int>(type: "INTEGER", nullable: false),
                    exchanged = table.Column<int>(type: "INTEGER", nullable: false),
                    per_member_limit = table.Column<int>(type: "INTEGER", nullable: false),
                    physical = table.Column<bool>(type: "INTEGER", nullable: false),
                    listed = table.Column<bool>(type: "INTEGER", nullable: false),
                    starts_at = table.Column<long>(type: "INTEGER", nullable: true),
                    ends_at = table.Column<long>(type: "INTEGER", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "stock_movements",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    product_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    stock_change = table.Column<int>(type: "INTEGER", nullable: false),
                    reserved_change = table.Column<int>(type: "INTEGER", nullable: false),
                    stock_after = table.Column<int>(type: "INTEGER", nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    actor_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock_movements", x => x.id);
                    table.ForeignKey(
                        name: "fk_stock_movements_products_product_id",
                        column: x => x.product_id,
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "after_sales_requests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    request_no = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    member_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    photos = table.Column<string>(type: "TEXT", nullable: false),
                    refund_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    staff_note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_after_sales_requests", x => x.id);
                    table.ForeignKey(
                        name: "fk_after_sales_requests_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "order_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    actor_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_order_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_order_events_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "order_item",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    product_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    product_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    image_url = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    category_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    unit_price_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    line_total_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    discount_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    points_used = table.Column<long>(type: "INTEGER", nullable: false),
                    refunded_quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    refunded_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    claimed_quantity = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_order_item", x => x.id);
                    table.CheckConstraint("ck_order_items_refund_within_line", "refunded_quantity >= 0 AND refunded_quantity <= quantity AND refunded_fen >= 0 AND refunded_fen <= line_total_fen - discount_fen");
                    table.ForeignKey(
                        name: "fk_order_item_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "payments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    trade_no = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    method = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    amount_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    provider_transaction_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    succeeded_at = table.Column<long>(type: "INTEGER", nullable: true),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments", x => x.id);
                    table.ForeignKey(
                        name: "fk_payments_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "refunds",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    payment_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    after_sales_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    refund_no = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    amount_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    provider_refund_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    completed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    next_attempt_at = table.Column<long>(type: "INTEGER", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    claimed_until = table.Column<long>(type: "INTEGER", nullable: true),
                    note = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    settled_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_refunds", x => x.id);
                    table.ForeignKey(
                        name: "fk_refunds_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
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

            migrationBuilder.CreateTable(
                name: "points_mall_exchanges",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    exchange_no = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    member_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    item_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    item_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    unit_points = table.Column<long>(type: "INTEGER", nullable: false),
                    points = table.Column<long>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    recipient_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    recipient_phone_cipher = table.Column<string>(type: "TEXT", nullable: true),
                    province = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    city = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    district = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    address_detail_cipher = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    cancelled_at = table.Column<long>(type: "INTEGER", nullable: true),
                    cancel_reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
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
                    member_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    item_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    taken = table.Column<int>(type: "INTEGER", nullable: false)
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
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    item_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    change = table.Column<int>(type: "INTEGER", nullable: false),
                    stock_after = table.Column<int>(type: "INTEGER", nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    actor_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "after_sales_items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    request_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    order_item_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    quantity = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_after_sales_items", x => x.id);
                    table.ForeignKey(
                        name: "fk_after_sales_items_after_sales_requests_request_id",
                        column: x => x.request_id,
                        principalTable: "after_sales_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_after_sales_items_order_item_order_item_id",
                        column: x => x.order_item_id,
                        principalTable: "order_item",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "product_reviews",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    product_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    member_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    order_item_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    author_name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    stars = table.Column<int>(type: "INTEGER", nullable: false),
                    content = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    images = table.Column<string>(type: "TEXT", nullable: false),
                    helpful_count = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_product_reviews", x => x.id);
                    table.ForeignKey(
                        name: "fk_product_reviews_order_item_order_item_id",
                        column: x => x.order_item_id,
                        principalTable: "order_item",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_product_reviews_products_product_id",
                        column: x => x.product_id,
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "review_votes",
                columns: table => new
                {
                    review_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    member_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_review_votes", x => new { x.review_id, x.member_id });
                    table.ForeignKey(
                        name: "fk_review_votes_product_reviews_review_id",
                        column: x => x.review_id,
                        principalTable: "product_reviews",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_account_claims_user_id",
                table: "account_claims",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_account_logins_user_id",
                table: "account_logins",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "accounts",
                column: "normalized_email");

            migrationBuilder.CreateIndex(
                name: "ix_accounts_kind_created_at",
                table: "accounts",
                columns: new[] { "kind", "created_at" });

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "accounts",
                column: "normalized_user_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_addresses_member_id",
                table: "addresses",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_after_sales_items_order_item_id",
                table: "after_sales_items",
                column: "order_item_id");

            migrationBuilder.CreateIndex(
                name: "ix_after_sales_items_request_id",
                table: "after_sales_items",
                column: "request_id");

            migrationBuilder.CreateIndex(
                name: "ix_after_sales_requests_member_id_created_at",
                table: "after_sales_requests",
                columns: new[] { "member_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_after_sales_requests_order_id_status",
                table: "after_sales_requests",
                columns: new[] { "order_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_after_sales_requests_request_no",
                table: "after_sales_requests",
                column: "request_no",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_after_sales_requests_status_created_at",
                table: "after_sales_requests",
                columns: new[] { "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_actor_id_at",
                table: "audit_log",
                columns: new[] { "actor_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_at",
                table: "audit_log",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_entity_type_entity_id_at",
                table: "audit_log",
                columns: new[] { "entity_type", "entity_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_auth_sessions_access_token_hash",
                table: "auth_sessions",
                column: "access_token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_auth_sessions_account_id",
                table: "auth_sessions",
                column: "account_id");

            migrationBuilder.CreateIndex(
                name: "ix_auth_sessions_refresh_token_hash",
                table: "auth_sessions",
                column: "refresh_token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_cart_items_product_id",
                table: "cart_items",
                column: "product_id");

            migrationBuilder.CreateIndex(
                name: "ix_categories_parent_id_sort_order",
                table: "categories",
                columns: new[] { "parent_id", "sort_order" });

            migrationBuilder.CreateIndex(
                name: "ix_idempotency_records_created_at",
                table: "idempotency_records",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_member_notes_member_id_created_at",
                table: "member_notes",
                columns: new[] { "member_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_member_tags_tag_id_member_id",
                table: "member_tags",
                columns: new[] { "tag_id", "member_id" });

            migrationBuilder.CreateIndex(
                name: "ix_member_tiers_tier_id",
                table: "member_tiers",
                column: "tier_id");

            migrationBuilder.CreateIndex(
                name: "ix_members_email_hash",
                table: "members",
                column: "email_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_members_last_order_at_member_no",
                table: "members",
                columns: new[] { "last_order_at", "member_no" });

            migrationBuilder.CreateIndex(
                name: "ix_members_member_no",
                table: "members",
                column: "member_no",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_members_phone_hash",
                table: "members",
                column: "phone_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_members_referral_code",
                table: "members",
                column: "referral_code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_members_referred_by_code",
                table: "members",
                column: "referred_by_code");

            migrationBuilder.CreateIndex(
                name: "ix_members_registered_at_member_no",
                table: "members",
                columns: new[] { "registered_at", "member_no" });

            migrationBuilder.CreateIndex(
                name: "ix_members_search_name_member_no",
                table: "members",
                columns: new[] { "search_name", "member_no" });

            migrationBuilder.CreateIndex(
                name: "ix_members_total_spend_fen_member_no",
                table: "members",
                columns: new[] { "total_spend_fen", "member_no" });

            migrationBuilder.CreateIndex(
                name: "ix_order_events_order_id_at",
                table: "order_events",
                columns: new[] { "order_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_order_item_order_id",
                table: "order_item",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "ix_order_item_product_id",
                table: "order_item",
                column: "product_id");

            migrationBuilder.CreateIndex(
                name: "ix_orders_created_at",
                table: "orders",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_orders_delivered_delivered_at",
                table: "orders",
                column: "delivered_at",
                filter: "status = 'Delivered'");

            migrationBuilder.CreateIndex(
                name: "ix_orders_member_id_created_at",
                table: "orders",
                columns: new[] { "member_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_orders_order_no",
                table: "orders",
                column: "order_no",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_orders_status_created_at",
                table: "orders",
                columns: new[] { "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_orders_unpaid_auto_cancel_at",
                table: "orders",
                column: "auto_cancel_at",
                filter: "status = 'PendingPayment'");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_aggregate_id_type",
                table: "outbox",
                columns: new[] { "aggregate_id", "type" });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_processed_at_occurred_at",
                table: "outbox",
                columns: new[] { "processed_at", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_payment_notifications_provider_notify_id",
                table: "payment_notifications",
                columns: new[] { "provider", "notify_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_payment_notifications_trade_no",
                table: "payment_notifications",
                column: "trade_no");

            migrationBuilder.CreateIndex(
                name: "ix_payments_order_id_status",
                table: "payments",
                columns: new[] { "order_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_payments_trade_no",
                table: "payments",
                column: "trade_no",
                unique: true);

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
                column: "reverses_entry_id",
                filter: "reverses_entry_id IS NOT NULL");

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
                columns: new[] { "status", "available_at" },
                filter: "status = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "ix_points_lots_status_expires_at",
                table: "points_lots",
                columns: new[] { "status", "expires_at" },
                filter: "status = 'Available'");

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

            migrationBuilder.CreateIndex(
                name: "ix_points_rules_scope_target_id",
                table: "points_rules",
                columns: new[] { "scope", "target_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_product_reviews_order_item_id",
                table: "product_reviews",
                column: "order_item_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_product_reviews_product_id_created_at",
                table: "product_reviews",
                columns: new[] { "product_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_product_reviews_product_id_helpful_count",
                table: "product_reviews",
                columns: new[] { "product_id", "helpful_count" });

            migrationBuilder.CreateIndex(
                name: "ix_product_reviews_product_id_stars_created_at",
                table: "product_reviews",
                columns: new[] { "product_id", "stars", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_product_tier_prices_tier_id",
                table: "product_tier_prices",
                column: "tier_id");

            migrationBuilder.CreateIndex(
                name: "ix_products_category_id",
                table: "products",
                column: "category_id");

            migrationBuilder.CreateIndex(
                name: "ix_products_status_category_id_price_fen",
                table: "products",
                columns: new[] { "status", "category_id", "price_fen" });

            migrationBuilder.CreateIndex(
                name: "ix_products_status_created_at",
                table: "products",
                columns: new[] { "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_products_status_sold_count",
                table: "products",
                columns: new[] { "status", "sold_count" });

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
                name: "ix_refunds_order_id",
                table: "refunds",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "ix_refunds_refund_no",
                table: "refunds",
                column: "refund_no",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_refunds_status_next_attempt_at",
                table: "refunds",
                columns: new[] { "status", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "ix_risk_flags_resolved_at_created_at",
                table: "risk_flags",
                columns: new[] { "resolved_at", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_stock_movements_product_id_created_at",
                table: "stock_movements",
                columns: new[] { "product_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_stock_movements_reference",
                table: "stock_movements",
                column: "reference");

            migrationBuilder.CreateIndex(
                name: "ix_tags_name",
                table: "tags",
                column: "name",
                unique: true);

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

            migrationBuilder.CreateIndex(
                name: "ix_withdrawals_member_id_created_at",
                table: "withdrawals",
                columns: new[] { "member_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_withdrawals_status_created_at",
                table: "withdrawals",
                columns: new[] { "status", "created_at" });

            // The audit log is append-only in the database too, whoever connects.
            migrationBuilder.Sql("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;");

            migrationBuilder.DropTable(
                name: "account_claims");

            migrationBuilder.DropTable(
                name: "account_logins");

            migrationBuilder.DropTable(
                name: "account_tokens");

            migrationBuilder.DropTable(
                name: "addresses");

            migrationBuilder.DropTable(
                name: "after_sales_items");

            migrationBuilder.DropTable(
                name: "audit_log");

            migrationBuilder.DropTable(
                name: "auth_sessions");

            migrationBuilder.DropTable(
                name: "cart_items");

            migrationBuilder.DropTable(
                name: "check_ins");

            migrationBuilder.DropTable(
                name: "engagement_settings");

            migrationBuilder.DropTable(
                name: "idempotency_records");

            migrationBuilder.DropTable(
                name: "member_category_spends");

            migrationBuilder.DropTable(
                name: "member_notes");

            migrationBuilder.DropTable(
                name: "member_tags");

            migrationBuilder.DropTable(
                name: "member_tiers");

            migrationBuilder.DropTable(
                name: "order_events");

            migrationBuilder.DropTable(
                name: "outbox");

            migrationBuilder.DropTable(
                name: "payment_notifications");

            migrationBuilder.DropTable(
                name: "payments");

            migrationBuilder.DropTable(
                name: "points_accounts");

            migrationBuilder.DropTable(
                name: "points_awards");

            migrationBuilder.DropTable(
                name: "points_campaigns");

            migrationBuilder.DropTable(
                name: "points_lot_draws");

            migrationBuilder.DropTable(
                name: "points_mall_exchanges");

            migrationBuilder.DropTable(
                name: "points_mall_quotas");

            migrationBuilder.DropTable(
                name: "points_mall_stock_movements");

            migrationBuilder.DropTable(
                name: "points_rules");

            migrationBuilder.DropTable(
                name: "points_settings");

            migrationBuilder.DropTable(
                name: "product_tier_prices");

            migrationBuilder.DropTable(
                name: "rebate_accounts");

            migrationBuilder.DropTable(
                name: "rebate_accruals");

            migrationBuilder.DropTable(
                name: "rebate_entries");

            migrationBuilder.DropTable(
                name: "rebate_rules");

            migrationBuilder.DropTable(
                name: "rebate_settings");

            migrationBuilder.DropTable(
                name: "rebate_statements");

            migrationBuilder.DropTable(
                name: "refunds");

            migrationBuilder.DropTable(
                name: "review_votes");

            migrationBuilder.DropTable(
                name: "risk_flags");

            migrationBuilder.DropTable(
                name: "shop_settings");

            migrationBuilder.DropTable(
                name: "stock_movements");

            migrationBuilder.DropTable(
                name: "tier_changes");

            migrationBuilder.DropTable(
                name: "tier_settings");

            migrationBuilder.DropTable(
                name: "withdrawals");

            migrationBuilder.DropTable(
                name: "after_sales_requests");

            migrationBuilder.DropTable(
                name: "tags");

            migrationBuilder.DropTable(
                name: "points_entries");

            migrationBuilder.DropTable(
                name: "points_lots");

            migrationBuilder.DropTable(
                name: "points_mall_items");

            migrationBuilder.DropTable(
                name: "tiers");

            migrationBuilder.DropTable(
                name: "product_reviews");

            migrationBuilder.DropTable(
                name: "order_item");

            migrationBuilder.DropTable(
                name: "products");

            migrationBuilder.DropTable(
                name: "orders");

            migrationBuilder.DropTable(
                name: "categories");

            migrationBuilder.DropTable(
                name: "members");

            migrationBuilder.DropTable(
                name: "accounts");
        }
    }
}
