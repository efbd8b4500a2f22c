using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Domain.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OrganisationDuplicates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "BillingEmailDomain",
                table: "Organisations",
                type: "character varying(256)",
                maxLength: 256,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "NameKey",
                table: "Organisations",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            // The duplicate check's billing-email domain for the organisations saved before it (OrganisationDuplicates.DomainOf).
            // Their NameKey stays empty: the check finds them by their exact name.
            migrationBuilder.Sql("""
                UPDATE "Organisations" SET "BillingEmailDomain" = lower(trim(split_part("BillingEmail", '@', 2))) WHERE position('@' in "BillingEmail") > 0;
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_BillingEmailDomain",
                table: "Organisations",
                column: "BillingEmailDomain");

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_NameKey_CountryCode",
                table: "Organisations",
                columns: new[] { "NameKey", "CountryCode" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Organisations_BillingEmailDomain",
                table: "Organisations");

            migrationBuilder.DropIndex(
                name: "IX_Organisations_NameKey_CountryCode",
                table: "Organisations");

            migrationBuilder.DropColumn(
                name: "BillingEmailDomain",
                table: "Organisations");

            migrationBuilder.DropColumn(
                name: "NameKey",
                table: "Organisations");
        }
    }
}
