using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Domain.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BusinessConnections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BusinessConnections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FromOrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ToOrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Relationships = table.Column<int>(type: "INTEGER", nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BusinessConnections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BusinessConnections_Organisations_FromOrganisationId",
                        column: x => x.FromOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_BusinessConnections_Organisations_ToOrganisationId",
                        column: x => x.ToOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BusinessUnits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false, collation: "NOCASE"),
                    BusinessName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Line1 = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Line2 = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    City = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Postcode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    CountryCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 2, nullable: false),
                    Latitude = table.Column<double>(type: "REAL", nullable: true),
                    Longitude = table.Column<double>(type: "REAL", nullable: true),
                    What3Words = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Tags = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false, collation: "NOCASE"),
                    LocationTag = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ManagementTag = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    AssuranceScheme = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    HoldingNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    SqcNumber = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    IsSqcAssured = table.Column<bool>(type: "INTEGER", nullable: false),
                    ParentRegionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ArchivedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BusinessUnits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BusinessUnits_BusinessUnits_ParentRegionId",
                        column: x => x.ParentRegionId,
                        principalTable: "BusinessUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_BusinessUnits_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BusinessConnectionContacts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ConnectionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ConnectedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BusinessConnectionContacts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BusinessConnectionContacts_BusinessConnections_ConnectionId",
                        column: x => x.ConnectionId,
                        principalTable: "BusinessConnections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_BusinessConnectionContacts_OrganisationMember_MemberId",
                        column: x => x.MemberId,
                        principalTable: "OrganisationMember",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AssuranceCertificates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Scheme = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Identifier = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Enterprises = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    BusinessUnitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssuranceCertificates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssuranceCertificates_BusinessUnits_BusinessUnitId",
                        column: x => x.BusinessUnitId,
                        principalTable: "BusinessUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "CertifiedSites",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CertificateId = table.Column<Guid>(type: "TEXT", nullable: false),
                    IdentifierType = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Identifier = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    IsPrimary = table.Column<bool>(type: "INTEGER", nullable: false),
                    SiteName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Address = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Postcode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    CountryCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CertifiedSites", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CertifiedSites_AssuranceCertificates_CertificateId",
                        column: x => x.CertificateId,
                        principalTable: "AssuranceCertificates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AssuranceCertificates_BusinessUnitId_ExpiresAt",
                table: "AssuranceCertificates",
                columns: new[] { "BusinessUnitId", "ExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AssuranceCertificates_ExpiresAt_Id",
                table: "AssuranceCertificates",
                columns: new[] { "ExpiresAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AssuranceCertificates_Scheme_Identifier",
                table: "AssuranceCertificates",
                columns: new[] { "Scheme", "Identifier" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BusinessConnectionContacts_ConnectionId_MemberId",
                table: "BusinessConnectionContacts",
                columns: new[] { "ConnectionId", "MemberId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BusinessConnectionContacts_MemberId",
                table: "BusinessConnectionContacts",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_BusinessConnections_EndedAt_CreatedAt_Id",
                table: "BusinessConnections",
                columns: new[] { "EndedAt", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_BusinessConnections_FromOrganisationId_ToOrganisationId",
                table: "BusinessConnections",
                columns: new[] { "FromOrganisationId", "ToOrganisationId" },
                unique: true,
                filter: "\"EndedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_BusinessConnections_ToOrganisationId_FromOrganisationId",
                table: "BusinessConnections",
                columns: new[] { "ToOrganisationId", "FromOrganisationId" });

            migrationBuilder.CreateIndex(
                name: "IX_BusinessUnits_ArchivedAt_Name_Id",
                table: "BusinessUnits",
                columns: new[] { "ArchivedAt", "Name", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_BusinessUnits_CountryCode_Name_Id",
                table: "BusinessUnits",
                columns: new[] { "CountryCode", "Name", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_BusinessUnits_HoldingNumber",
                table: "BusinessUnits",
                column: "HoldingNumber");

            migrationBuilder.CreateIndex(
                name: "IX_BusinessUnits_OrganisationId_Name_Id",
                table: "BusinessUnits",
                columns: new[] { "OrganisationId", "Name", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_BusinessUnits_ParentRegionId",
                table: "BusinessUnits",
                column: "ParentRegionId");

            migrationBuilder.CreateIndex(
                name: "IX_BusinessUnits_Postcode",
                table: "BusinessUnits",
                column: "Postcode");

            migrationBuilder.CreateIndex(
                name: "IX_BusinessUnits_Type_Name_Id",
                table: "BusinessUnits",
                columns: new[] { "Type", "Name", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_CertifiedSites_CertificateId",
                table: "CertifiedSites",
                column: "CertificateId");

            migrationBuilder.CreateIndex(
                name: "IX_CertifiedSites_CountryCode_Identifier",
                table: "CertifiedSites",
                columns: new[] { "CountryCode", "Identifier" });

            migrationBuilder.CreateIndex(
                name: "IX_CertifiedSites_CountryCode_Postcode",
                table: "CertifiedSites",
                columns: new[] { "CountryCode", "Postcode" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BusinessConnectionContacts");

            migrationBuilder.DropTable(
                name: "CertifiedSites");

            migrationBuilder.DropTable(
                name: "BusinessConnections");

            migrationBuilder.DropTable(
                name: "AssuranceCertificates");

            migrationBuilder.DropTable(
                name: "BusinessUnits");
        }
    }
}
