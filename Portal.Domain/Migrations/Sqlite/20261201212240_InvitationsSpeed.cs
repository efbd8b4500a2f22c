using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Domain.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InvitationsSpeed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Invitations_CreatedAt",
                table: "Invitations");

            migrationBuilder.DropIndex(
                name: "IX_Invitations_State_CreatedAt",
                table: "Invitations");

            migrationBuilder.DropIndex(
                name: "IX_Invitations_State_ExpiresAt",
                table: "Invitations");

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_CreatedAt_Id",
                table: "Invitations",
                columns: new[] { "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_ExpiresAt_Id",
                table: "Invitations",
                columns: new[] { "ExpiresAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_LastName_Id",
                table: "Invitations",
                columns: new[] { "LastName", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_State_CreatedAt_Id",
                table: "Invitations",
                columns: new[] { "State", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_State_ExpiresAt_Id",
                table: "Invitations",
                columns: new[] { "State", "ExpiresAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_State_LastName_Id",
                table: "Invitations",
                columns: new[] { "State", "LastName", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_State_VerificationCount_Id",
                table: "Invitations",
                columns: new[] { "State", "VerificationCount", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_VerificationCount_Id",
                table: "Invitations",
                columns: new[] { "VerificationCount", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Invitations_CreatedAt_Id",
                table: "Invitations");

            migrationBuilder.DropIndex(
                name: "IX_Invitations_ExpiresAt_Id",
                table: "Invitations");

            migrationBuilder.DropIndex(
                name: "IX_Invitations_LastName_Id",
                table: "Invitations");

            migrationBuilder.DropIndex(
                name: "IX_Invitations_State_CreatedAt_Id",
                table: "Invitations");

            migrationBuilder.DropIndex(
                name: "IX_Invitations_State_ExpiresAt_Id",
                table: "Invitations");

            migrationBuilder.DropIndex(
                name: "IX_Invitations_State_LastName_Id",
                table: "Invitations");

            migrationBuilder.DropIndex(
                name: "IX_Invitations_State_VerificationCount_Id",
                table: "Invitations");

            migrationBuilder.DropIndex(
                name: "IX_Invitations_VerificationCount_Id",
                table: "Invitations");

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_CreatedAt",
                table: "Invitations",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_State_CreatedAt",
                table: "Invitations",
                columns: new[] { "State", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_State_ExpiresAt",
                table: "Invitations",
                columns: new[] { "State", "ExpiresAt" });
        }
    }
}
