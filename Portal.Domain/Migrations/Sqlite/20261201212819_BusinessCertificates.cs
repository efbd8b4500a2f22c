using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Domain.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BusinessCertificates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_BusinessUnits_ArchivedAt_CreatedAt_Id",
                table: "BusinessUnits",
                columns: new[] { "ArchivedAt", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_BusinessUnits_ArchivedAt_Postcode_Id",
                table: "BusinessUnits",
                columns: new[] { "ArchivedAt", "Postcode", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_BusinessUnits_ArchivedAt_Type_Id",
                table: "BusinessUnits",
                columns: new[] { "ArchivedAt", "Type", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_BusinessUnits_ArchivedAt_CreatedAt_Id",
                table: "BusinessUnits");

            migrationBuilder.DropIndex(
                name: "IX_BusinessUnits_ArchivedAt_Postcode_Id",
                table: "BusinessUnits");

            migrationBuilder.DropIndex(
                name: "IX_BusinessUnits_ArchivedAt_Type_Id",
                table: "BusinessUnits");
        }
    }
}
