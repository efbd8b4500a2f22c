using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Domain.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AgentConnections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Agencies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false, collation: "NOCASE"),
                    Did = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ServiceEndpoint = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    SecretPrefix = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    SecretHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    SecretRotatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ConnectLinkId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ConnectLinkNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    ConnectLinkCreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Agencies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Agencies_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AgentConnections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgentId = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 36, nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Did = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    Alias = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    LinkedDomain = table.Column<string>(type: "TEXT", maxLength: 253, nullable: true),
                    InvitationId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AbandonReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    StageAccess = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastActivityAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgentConnections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AgentConnections_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AgentCredentials",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ConnectionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SchemaId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RequestId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    IsRevoked = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsSuspended = table.Column<bool>(type: "INTEGER", nullable: false),
                    StatusChangedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Delivery = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    IssuedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: true),
                    IssuedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgentCredentials", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AgentCredentials_AgentConnections_ConnectionId",
                        column: x => x.ConnectionId,
                        principalTable: "AgentConnections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AgentMessages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ConnectionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    RequestId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Delivery = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DeliveredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgentMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AgentMessages_AgentConnections_ConnectionId",
                        column: x => x.ConnectionId,
                        principalTable: "AgentConnections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AgentCredentialAttributes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CredentialId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgentCredentialAttributes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AgentCredentialAttributes_AgentCredentials_CredentialId",
                        column: x => x.CredentialId,
                        principalTable: "AgentCredentials",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Agencies_Name_Id",
                table: "Agencies",
                columns: new[] { "Name", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Agencies_OrganisationId",
                table: "Agencies",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Agencies_SecretPrefix",
                table: "Agencies",
                column: "SecretPrefix",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AgentConnections_AgencyId_Alias",
                table: "AgentConnections",
                columns: new[] { "AgencyId", "Alias" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AgentConnections_AgencyId_CreatedAt_Id",
                table: "AgentConnections",
                columns: new[] { "AgencyId", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AgentConnections_AgencyId_Did",
                table: "AgentConnections",
                columns: new[] { "AgencyId", "Did" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AgentConnections_AgentId",
                table: "AgentConnections",
                column: "AgentId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AgentConnections_CreatedAt_Id",
                table: "AgentConnections",
                columns: new[] { "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AgentConnections_State_CreatedAt_Id",
                table: "AgentConnections",
                columns: new[] { "State", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AgentCredentialAttributes_CredentialId",
                table: "AgentCredentialAttributes",
                column: "CredentialId");

            migrationBuilder.CreateIndex(
                name: "IX_AgentCredentialAttributes_Name_Value_CredentialId",
                table: "AgentCredentialAttributes",
                columns: new[] { "Name", "Value", "CredentialId" });

            migrationBuilder.CreateIndex(
                name: "IX_AgentCredentials_AgencyId_SchemaId_Id",
                table: "AgentCredentials",
                columns: new[] { "AgencyId", "SchemaId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AgentCredentials_ConnectionId_IssuedAt",
                table: "AgentCredentials",
                columns: new[] { "ConnectionId", "IssuedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AgentMessages_AgencyId_Delivery_CreatedAt",
                table: "AgentMessages",
                columns: new[] { "AgencyId", "Delivery", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AgentMessages_ConnectionId_CreatedAt",
                table: "AgentMessages",
                columns: new[] { "ConnectionId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AgentCredentialAttributes");

            migrationBuilder.DropTable(
                name: "AgentMessages");

            migrationBuilder.DropTable(
                name: "AgentCredentials");

            migrationBuilder.DropTable(
                name: "AgentConnections");

            migrationBuilder.DropTable(
                name: "Agencies");
        }
    }
}
