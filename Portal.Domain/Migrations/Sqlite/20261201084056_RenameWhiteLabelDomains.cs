using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Domain.Migrations.Sqlite
{
    /// <summary>OrganisationDomain became WhiteLabelDomain: the table and its indexes follow, rows and history kept.</summary>
    public partial class RenameWhiteLabelDomains : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameTable(name: "OrganisationDomains", newName: "WhiteLabelDomains");
            migrationBuilder.RenameIndex(name: "IX_OrganisationDomains_HostName", table: "WhiteLabelDomains", newName: "IX_WhiteLabelDomains_HostName");
            migrationBuilder.RenameIndex(name: "IX_OrganisationDomains_OrganisationId_IsPrimary", table: "WhiteLabelDomains", newName: "IX_WhiteLabelDomains_OrganisationId_IsPrimary");
            // The audit trail names entities by type: earlier entries of a domain stay on its History.
            migrationBuilder.Sql("UPDATE \"AuditEntries\" SET \"EntityType\" = 'WhiteLabelDomain' WHERE \"EntityType\" = 'OrganisationDomain';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE \"AuditEntries\" SET \"EntityType\" = 'OrganisationDomain' WHERE \"EntityType\" = 'WhiteLabelDomain';");
            migrationBuilder.RenameIndex(name: "IX_WhiteLabelDomains_OrganisationId_IsPrimary", table: "WhiteLabelDomains", newName: "IX_OrganisationDomains_OrganisationId_IsPrimary");
            migrationBuilder.RenameIndex(name: "IX_WhiteLabelDomains_HostName", table: "WhiteLabelDomains", newName: "IX_OrganisationDomains_HostName");
            migrationBuilder.RenameTable(name: "WhiteLabelDomains", newName: "OrganisationDomains");
        }
    }
}
