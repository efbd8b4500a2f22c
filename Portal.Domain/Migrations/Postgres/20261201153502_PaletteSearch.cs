using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Domain.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PaletteSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_WhiteLabelDomains_HostName_Trigram",
                table: "WhiteLabelDomains",
                column: "HostName")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_OrganisationMember_Email_Trigram",
                table: "OrganisationMember",
                column: "Email")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WhiteLabelDomains_HostName_Trigram",
                table: "WhiteLabelDomains");

            migrationBuilder.DropIndex(
                name: "IX_OrganisationMember_Email_Trigram",
                table: "OrganisationMember");
        }
    }
}
