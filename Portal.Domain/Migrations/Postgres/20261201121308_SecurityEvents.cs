using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Domain.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SecurityEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "MaskedTextBody",
                table: "OutboxEmails",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClientAddress",
                table: "AuditEntries",
                type: "character varying(45)",
                maxLength: 45,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SecurityEvent",
                table: "AuditEntries",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UserAgent",
                table: "AuditEntries",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_SecurityEvent_At",
                table: "AuditEntries",
                columns: new[] { "SecurityEvent", "At" });
            // Entries written before security events existed: a reveal and a role change were already audited.
            migrationBuilder.Sql("UPDATE \"AuditEntries\" SET \"SecurityEvent\" = 'SecretRevealed' WHERE \"Action\" = 'Revealed'");
            migrationBuilder.Sql("UPDATE \"AuditEntries\" SET \"SecurityEvent\" = 'RoleChanged' WHERE \"Action\" IN ('RoleAdded', 'RoleRemoved')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_SecurityEvent_At",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "MaskedTextBody",
                table: "OutboxEmails");

            migrationBuilder.DropColumn(
                name: "ClientAddress",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "SecurityEvent",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "UserAgent",
                table: "AuditEntries");
        }
    }
}
