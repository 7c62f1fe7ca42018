using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MemberMall.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PointsAccountCheck : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
