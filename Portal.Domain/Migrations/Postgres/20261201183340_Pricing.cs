using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Domain.Migrations.Postgres
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
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PricingGroups",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "citext", maxLength: 120, nullable: false),
                    Currency = table.Column<string>(type: "character(3)", unicode: false, fixedLength: true, maxLength: 3, nullable: false),
                    IncludesVat = table.Column<bool>(type: "boolean", nullable: false),
                    Metadata = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DisabledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PricesChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PricingGroups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Prices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    GroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sku = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    OriginalMinor = table.Column<long>(type: "bigint", nullable: true),
                    Vat = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ActiveAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CancelledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AmountCurrency = table.Column<string>(type: "character(3)", unicode: false, fixedLength: true, maxLength: 3, nullable: false),
                    AmountMinor = table.Column<long>(type: "bigint", nullable: false)
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
