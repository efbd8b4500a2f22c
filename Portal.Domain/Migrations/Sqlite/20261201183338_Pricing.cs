using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Domain.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Pricing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "PricingGroupId",
                table: "Organisations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PricingGroups",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false, collation: "NOCASE"),
                    Currency = table.Column<string>(type: "TEXT", unicode: false, fixedLength: true, maxLength: 3, nullable: false),
                    IncludesVat = table.Column<bool>(type: "INTEGER", nullable: false),
                    Metadata = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DisabledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PricesChangedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PricingGroups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Prices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    GroupId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sku = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OriginalMinor = table.Column<long>(type: "INTEGER", nullable: true),
                    Vat = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ActiveAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CancelledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AmountCurrency = table.Column<string>(type: "TEXT", unicode: false, fixedLength: true, maxLength: 3, nullable: false),
                    AmountMinor = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Prices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Prices_PricingGroups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "PricingGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_PricingGroupId_Name",
                table: "Organisations",
                columns: new[] { "PricingGroupId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_Prices_GroupId_ActiveAt",
                table: "Prices",
                columns: new[] { "GroupId", "ActiveAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Prices_GroupId_Sku_ActiveAt_Live",
                table: "Prices",
                columns: new[] { "GroupId", "Sku", "ActiveAt" },
                unique: true,
                filter: "\"CancelledAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_PricingGroups_DisabledAt_Name",
                table: "PricingGroups",
                columns: new[] { "DisabledAt", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_PricingGroups_Name_Enabled",
                table: "PricingGroups",
                column: "Name",
                unique: true,
                filter: "\"DisabledAt\" IS NULL");

            // No foreign key constraint on Organisations.PricingGroupId here: SQLite adds one only by rebuilding the table,
            // which drops the organisations' full-text triggers (SearchIndexes, PaletteSearch). Migration
            // OrganisationsPricingGroupForeignKey adds it, now that the store puts dropped triggers back.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Prices");

            migrationBuilder.DropTable(
                name: "PricingGroups");

            migrationBuilder.DropIndex(
                name: "IX_Organisations_PricingGroupId_Name",
                table: "Organisations");

            migrationBuilder.DropColumn(
                name: "PricingGroupId",
                table: "Organisations");
        }
    }
}
