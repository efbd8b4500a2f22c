using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Domain.Migrations.Sqlite
{
    /// <summary>
    /// The foreign key the Pricing migration left out on SQLite (Organisations.PricingGroupId → PricingGroups). SQLite adds
    /// one only by rebuilding the table, which drops the organisations' full-text triggers; the store now puts those back
    /// after every migration run (Store/SqliteSearchTriggers), so the rebuild is safe. PostgreSQL has had the key since Pricing.
    /// </summary>
    public partial class OrganisationsPricingGroupForeignKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddForeignKey(
                name: "FK_Organisations_PricingGroups_PricingGroupId",
                table: "Organisations",
                column: "PricingGroupId",
                principalTable: "PricingGroups",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Organisations_PricingGroups_PricingGroupId",
                table: "Organisations");
        }
    }
}
