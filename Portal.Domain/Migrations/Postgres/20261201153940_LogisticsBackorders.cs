using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Domain.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LogisticsBackorders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Shipments_Warnings_Number",
                table: "Shipments");

            migrationBuilder.AddColumn<Guid>(
                name: "BackorderId",
                table: "ShipmentUnits",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "BackorderOfId",
                table: "Shipments",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "HasWarning",
                table: "Shipments",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // Existing shipments: the flag says what their stored warnings already say.
            migrationBuilder.Sql("UPDATE \"Shipments\" SET \"HasWarning\" = (\"Warnings\" <> 0);");

            migrationBuilder.CreateIndex(
                name: "IX_ShipmentUnits_State_HandledAt",
                table: "ShipmentUnits",
                columns: new[] { "State", "HandledAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Shipments_BackorderOfId",
                table: "Shipments",
                column: "BackorderOfId");

            migrationBuilder.CreateIndex(
                name: "IX_Shipments_HasWarning_Number",
                table: "Shipments",
                columns: new[] { "HasWarning", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Shipments_HasWarning_ShipAt_Id",
                table: "Shipments",
                columns: new[] { "HasWarning", "ShipAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ShipmentUnits_State_HandledAt",
                table: "ShipmentUnits");

            migrationBuilder.DropIndex(
                name: "IX_Shipments_BackorderOfId",
                table: "Shipments");

            migrationBuilder.DropIndex(
                name: "IX_Shipments_HasWarning_Number",
                table: "Shipments");

            migrationBuilder.DropIndex(
                name: "IX_Shipments_HasWarning_ShipAt_Id",
                table: "Shipments");

            migrationBuilder.DropColumn(
                name: "BackorderId",
                table: "ShipmentUnits");

            migrationBuilder.DropColumn(
                name: "BackorderOfId",
                table: "Shipments");

            migrationBuilder.DropColumn(
                name: "HasWarning",
                table: "Shipments");

            migrationBuilder.CreateIndex(
                name: "IX_Shipments_Warnings_Number",
                table: "Shipments",
                columns: new[] { "Warnings", "Number" });
        }
    }
}
