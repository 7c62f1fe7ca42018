using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MemberMall.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StaleRowCheck : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Raised from a saved row's WHERE clause when a concurrency token no longer matches (PostgresUpdateSqlGenerator).
            migrationBuilder.Sql("""
                CREATE FUNCTION mall_stale(what text) RETURNS boolean
                LANGUAGE plpgsql VOLATILE COST 10000 AS $$
                BEGIN
                    RAISE EXCEPTION 'row changed since it was read: %', what USING ERRCODE = 'MS409';
                END
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION mall_stale(text);");
        }
    }
}
