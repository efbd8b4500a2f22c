using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Domain.Migrations.Sqlite
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
                    Key = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    WindowStart = table.Column<long>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
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
