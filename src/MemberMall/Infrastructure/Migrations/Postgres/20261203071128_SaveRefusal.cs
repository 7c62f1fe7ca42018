using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MemberMall.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SaveRefusal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Raised by a statement sent with a save when the change is one the app refuses (MallDb.SendWithNextSave):
            // the code goes as the name of the broken rule, the message as the error's text.
            migrationBuilder.Sql("""
                CREATE FUNCTION mall_refuse(code text, message text) RETURNS boolean
                LANGUAGE plpgsql VOLATILE COST 10000 AS $$
                BEGIN
                    RAISE EXCEPTION USING ERRCODE = 'MS422', MESSAGE = message, CONSTRAINT = code;
                END
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION mall_refuse(text, text);");
        }
    }
}
