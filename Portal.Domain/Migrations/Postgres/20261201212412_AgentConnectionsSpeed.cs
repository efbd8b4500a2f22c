using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Domain.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AgentConnectionsSpeed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_AgentConnections_AgencyId_State_CreatedAt_Id",
                table: "AgentConnections",
                columns: new[] { "AgencyId", "State", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AgentConnections_Alias_Id",
                table: "AgentConnections",
                columns: new[] { "Alias", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AgentConnections_Did",
                table: "AgentConnections",
                column: "Did");

            migrationBuilder.CreateIndex(
                name: "IX_AgentConnections_LastActivityAt_Id",
                table: "AgentConnections",
                columns: new[] { "LastActivityAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AgentConnections_StageAccess_CreatedAt_Id",
                table: "AgentConnections",
                columns: new[] { "StageAccess", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AgentConnections_State_Id",
                table: "AgentConnections",
                columns: new[] { "State", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AgentConnections_AgencyId_State_CreatedAt_Id",
                table: "AgentConnections");

            migrationBuilder.DropIndex(
                name: "IX_AgentConnections_Alias_Id",
                table: "AgentConnections");

            migrationBuilder.DropIndex(
                name: "IX_AgentConnections_Did",
                table: "AgentConnections");

            migrationBuilder.DropIndex(
                name: "IX_AgentConnections_LastActivityAt_Id",
                table: "AgentConnections");

            migrationBuilder.DropIndex(
                name: "IX_AgentConnections_StageAccess_CreatedAt_Id",
                table: "AgentConnections");

            migrationBuilder.DropIndex(
                name: "IX_AgentConnections_State_Id",
                table: "AgentConnections");
        }
    }
}
