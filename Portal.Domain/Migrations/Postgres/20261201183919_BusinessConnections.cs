using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Domain.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FromOrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ToOrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Relationships = table.Column<int>(type: "integer", nullable: false),
                    Notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Name = table.Column<string>(type: "citext", maxLength: 200, nullable: false),
                    BusinessName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Line1 = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Line2 = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    City = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Region = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Postcode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    CountryCode = table.Column<string>(type: "character(2)", fixedLength: true, maxLength: 2, nullable: false),
                    Latitude = table.Column<double>(type: "double precision", nullable: true),
                    Longitude = table.Column<double>(type: "double precision", nullable: true),
                    What3Words = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    Phone = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Tags = table.Column<string>(type: "citext", maxLength: 500, nullable: false),
                    LocationTag = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    ManagementTag = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    AssuranceScheme = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    HoldingNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    SqcNumber = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    IsSqcAssured = table.Column<bool>(type: "boolean", nullable: false),
                    ParentRegionId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ArchivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ConnectionId = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    ConnectedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Scheme = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Identifier = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Enterprises = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    BusinessUnitId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CertificateId = table.Column<Guid>(type: "uuid", nullable: false),
                    IdentifierType = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Identifier = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    IsPrimary = table.Column<bool>(type: "boolean", nullable: false),
                    SiteName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Address = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Postcode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    CountryCode = table.Column<string>(type: "character(2)", fixedLength: true, maxLength: 2, nullable: false)
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
