using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Domain.Migrations.Postgres
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
                type: "character varying(100)",
                maxLength: 100,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "LastNameKey",
                table: "Invitations",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true,
                collation: "C");

            // The keys of the names already stored, folded as InvitationSecrets.NormalizeName does: accents removed (the
            // combining marks after NFD), spaces trimmed and runs made one, upper case, NFC.
            migrationBuilder.Sql("""
                CREATE FUNCTION pg_temp.portal_fold_name(name text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
                  SELECT normalize(upper(regexp_replace(regexp_replace(regexp_replace(normalize(name, NFD),
                    '[\u0300-\u036f]', '', 'g'), '^\s+|\s+$', '', 'g'), '\s+', ' ', 'g')), NFC)
                $$;
                UPDATE "Invitations" SET "FirstNameKey" = pg_temp.portal_fold_name("FirstName"), "LastNameKey" = pg_temp.portal_fold_name("LastName")
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
