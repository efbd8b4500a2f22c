using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Domain.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InvitationsNameSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "FirstNameKey",
                table: "Invitations",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastNameKey",
                table: "Invitations",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            // The keys of the names already stored, folded exactly as the entity does it (SQLite cannot remove accents:
            // portal_fold_name is InvitationSecrets.NormalizeName, registered on every connection by SqliteTuning).
            migrationBuilder.Sql("""
                UPDATE "Invitations" SET "FirstNameKey" = portal_fold_name("FirstName"), "LastNameKey" = portal_fold_name("LastName")
                WHERE "FirstName" IS NOT NULL OR "LastName" IS NOT NULL;
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_FailedVerifications_Id",
                table: "Invitations",
                columns: new[] { "FailedVerifications", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_FirstNameKey_Id",
                table: "Invitations",
                columns: new[] { "FirstNameKey", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_LastNameKey_Id",
                table: "Invitations",
                columns: new[] { "LastNameKey", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Invitations_FailedVerifications_Id",
                table: "Invitations");

            migrationBuilder.DropIndex(
                name: "IX_Invitations_FirstNameKey_Id",
                table: "Invitations");

            migrationBuilder.DropIndex(
                name: "IX_Invitations_LastNameKey_Id",
                table: "Invitations");

            migrationBuilder.DropColumn(
                name: "FirstNameKey",
                table: "Invitations");

            migrationBuilder.DropColumn(
                name: "LastNameKey",
                table: "Invitations");
        }
    }
}
