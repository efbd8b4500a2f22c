using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Domain.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SharedRateLimits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RateLimitCounters",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    WindowStart = table.Column<long>(type: "bigint", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RateLimitCounters", x => x.Key);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RateLimitCounters_WindowStart",
                table: "RateLimitCounters",
                column: "WindowStart");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RateLimitCounters");
        }
    }
}
