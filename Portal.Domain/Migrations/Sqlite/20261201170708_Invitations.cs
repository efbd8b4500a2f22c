using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Domain.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Invitations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

            migrationBuilder.AddColumn<string>(
                name: "ProtectedSecret",
                table: "OutboxEmails",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SecretOwnerId",
                table: "OutboxEmails",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Invitations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AccountUri = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    FirstName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    LastName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    NameKey = table.Column<string>(type: "TEXT", maxLength: 201, nullable: true),
                    Role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    TokenHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: true),
                    IdentificationHash = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SharedSecretHash = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    InviterFullName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    VerificationCount = table.Column<int>(type: "INTEGER", nullable: false),
                    FailedVerifications = table.Column<int>(type: "INTEGER", nullable: false),
                    LastVerificationAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ResendCount = table.Column<int>(type: "INTEGER", nullable: false),
                    AcceptedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CompletedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RevokedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: true),
                    JointOwnerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Invitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Invitations_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "JointOwners",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountUri = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    FirstName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    LastName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    InvitationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AddedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AddedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JointOwners", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxEmails_SecretOwnerId",
                table: "OutboxEmails",
                column: "SecretOwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_AccountUri_CreatedAt",
                table: "Invitations",
                columns: new[] { "AccountUri", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_CreatedAt",
                table: "Invitations",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_Email",
                table: "Invitations",
                column: "Email");

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_NameKey",
                table: "Invitations",
                column: "NameKey");

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_OrganisationId_Email",
                table: "Invitations",
                columns: new[] { "OrganisationId", "Email" });

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_OrganisationId_State_CreatedAt",
                table: "Invitations",
                columns: new[] { "OrganisationId", "State", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_State_CreatedAt",
                table: "Invitations",
                columns: new[] { "State", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_State_ExpiresAt",
                table: "Invitations",
                columns: new[] { "State", "ExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_TokenHash",
                table: "Invitations",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_JointOwners_AccountUri",
                table: "JointOwners",
                column: "AccountUri");

            migrationBuilder.CreateIndex(
                name: "IX_JointOwners_InvitationId",
                table: "JointOwners",
                column: "InvitationId",
                unique: true);

            // Existing member invitations move into the one table, keeping their ids, token hashes (sent /join links keep
            // working until they expire), versions and history; Pending is the one lifecycle's sent.
            migrationBuilder.Sql("""
                INSERT INTO "Invitations" ("Id", "Kind", "State", "OrganisationId", "AccountUri", "Email", "FirstName", "LastName", "NameKey",
                    "Role", "TokenHash", "IdentificationHash", "SharedSecretHash", "InviterFullName", "CreatedById", "CreatedBy", "CreatedAt",
                    "UpdatedAt", "ExpiresAt", "VerificationCount", "FailedVerifications", "LastVerificationAt", "ResendCount", "AcceptedAt",
                    "CompletedAt", "CompletedBy", "RevokedAt", "RevokedBy", "MemberId", "JointOwnerId", "Version")
                SELECT "Id", 'Member', CASE "Status" WHEN 'Pending' THEN 'Sent' ELSE "Status" END, "OrganisationId", NULL, "Email",
                    "GivenName", "FamilyName", NULL, "Role", "TokenHash", NULL, NULL, "InvitedBy", "InvitedById", "InvitedBy", "CreatedAt",
                    COALESCE("AcceptedAt", "RevokedAt", "CreatedAt"), "ExpiresAt", 0, 0, NULL, 0, "AcceptedAt",
                    NULL, NULL, "RevokedAt", "RevokedBy", "MemberId", NULL, "Version"
                FROM "OrganisationInvitations";
                """);
            // Links already sent no longer sit in the stored body: it keeps only the masked text.
            migrationBuilder.Sql("""
                UPDATE "OutboxEmails" SET "TextBody" = "MaskedTextBody" WHERE "MaskedTextBody" IS NOT NULL AND "Status" = 'Sent';
                """);

            migrationBuilder.DropTable(
                name: "OrganisationInvitations");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

            migrationBuilder.DropTable(
                name: "JointOwners");

            migrationBuilder.DropIndex(
                name: "IX_OutboxEmails_SecretOwnerId",
                table: "OutboxEmails");

            migrationBuilder.DropColumn(
                name: "ProtectedSecret",
                table: "OutboxEmails");

            migrationBuilder.DropColumn(
                name: "SecretOwnerId",
                table: "OutboxEmails");

            migrationBuilder.CreateTable(
                name: "OrganisationInvitations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AcceptedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FamilyName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    GivenName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    InvitedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    InvitedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RevokedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    TokenHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganisationInvitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OrganisationInvitations_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OrganisationInvitations_OrganisationId_Email",
                table: "OrganisationInvitations",
                columns: new[] { "OrganisationId", "Email" });

            migrationBuilder.CreateIndex(
                name: "IX_OrganisationInvitations_OrganisationId_Status_CreatedAt",
                table: "OrganisationInvitations",
                columns: new[] { "OrganisationId", "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OrganisationInvitations_TokenHash",
                table: "OrganisationInvitations",
                column: "TokenHash",
                unique: true);

            migrationBuilder.Sql("""
                INSERT INTO "OrganisationInvitations" ("Id", "AcceptedAt", "CreatedAt", "Email", "ExpiresAt", "FamilyName", "GivenName",
                    "InvitedBy", "InvitedById", "MemberId", "OrganisationId", "RevokedAt", "RevokedBy", "Role", "Status", "TokenHash", "Version")
                SELECT "Id", "AcceptedAt", "CreatedAt", "Email", "ExpiresAt", "LastName", "FirstName", "CreatedBy", "CreatedById", "MemberId",
                    "OrganisationId", "RevokedAt", "RevokedBy", COALESCE("Role", 'Member'),
                    CASE "State" WHEN 'Sent' THEN 'Pending' WHEN 'Expired' THEN 'Pending' ELSE "State" END, "TokenHash", "Version"
                FROM "Invitations" WHERE "Kind" = 'Member' AND "OrganisationId" IS NOT NULL AND "TokenHash" IS NOT NULL;
                """);

            migrationBuilder.DropTable(
                name: "Invitations");
        }
    }
}
