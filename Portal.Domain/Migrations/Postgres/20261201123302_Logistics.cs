using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Portal.Domain.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Logistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Locations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "citext", maxLength: 120, nullable: false),
                    Line1 = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Line2 = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    City = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Region = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Postcode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    CountryCode = table.Column<string>(type: "character(2)", fixedLength: true, maxLength: 2, nullable: false),
                    IsDisabled = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Locations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LogisticsNumbers",
                columns: table => new
                {
                    Series = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Last = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LogisticsNumbers", x => x.Series);
                });

            migrationBuilder.CreateTable(
                name: "ShippingMethods",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Carrier = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Service = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Name = table.Column<string>(type: "citext", maxLength: 120, nullable: false),
                    Countries = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    MaxWeightGrams = table.Column<int>(type: "integer", nullable: true),
                    IsEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    ToServicePoint = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ShippingMethods", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "HandlingLists",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<long>(type: "bigint", nullable: false),
                    LocationId = table.Column<Guid>(type: "uuid", nullable: false),
                    IsOutbound = table.Column<bool>(type: "boolean", nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    StateBeforeHold = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    HoldReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    PickerId = table.Column<Guid>(type: "uuid", nullable: true),
                    PickerName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CancelledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CancelReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    UnitCount = table.Column<int>(type: "integer", nullable: false),
                    HandledCount = table.Column<int>(type: "integer", nullable: false),
                    MissingCount = table.Column<int>(type: "integer", nullable: false),
                    LastPickAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HandlingLists", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HandlingLists_Locations_LocationId",
                        column: x => x.LocationId,
                        principalTable: "Locations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LocationPositions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    LocationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Sorting = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LocationPositions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LocationPositions_Locations_LocationId",
                        column: x => x.LocationId,
                        principalTable: "Locations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SkuDefaultPositions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    LocationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sku = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Position = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SkuDefaultPositions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SkuDefaultPositions_Locations_LocationId",
                        column: x => x.LocationId,
                        principalTable: "Locations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Shipments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<long>(type: "bigint", nullable: false),
                    Type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Direction = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    LocationId = table.Column<Guid>(type: "uuid", nullable: false),
                    FromKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    FromLocationId = table.Column<Guid>(type: "uuid", nullable: true),
                    FromServicePoint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    FromName = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    FromLine1 = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    FromLine2 = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    FromCity = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    FromRegion = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    FromPostcode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    FromCountryCode = table.Column<string>(type: "character(2)", fixedLength: true, maxLength: 2, nullable: true),
                    ToKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ToLocationId = table.Column<Guid>(type: "uuid", nullable: true),
                    ToServicePoint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ToName = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    ToLine1 = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ToLine2 = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ToCity = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ToRegion = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ToPostcode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    ToCountryCode = table.Column<string>(type: "character(2)", fixedLength: true, maxLength: 2, nullable: true),
                    MethodId = table.Column<Guid>(type: "uuid", nullable: true),
                    OrderReference = table.Column<string>(type: "citext", maxLength: 64, nullable: true),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    ShipAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ExpectedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpectedUnits = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Warnings = table.Column<int>(type: "integer", nullable: false),
                    IsComplete = table.Column<bool>(type: "boolean", nullable: false),
                    UnitCount = table.Column<int>(type: "integer", nullable: false),
                    HandledCount = table.Column<int>(type: "integer", nullable: false),
                    MissingCount = table.Column<int>(type: "integer", nullable: false),
                    BoxedCount = table.Column<int>(type: "integer", nullable: false),
                    HandlingListId = table.Column<Guid>(type: "uuid", nullable: true),
                    ProgressAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CanceledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CancelReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Shipments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Shipments_Locations_LocationId",
                        column: x => x.LocationId,
                        principalTable: "Locations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Shipments_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Shipments_ShippingMethods_MethodId",
                        column: x => x.MethodId,
                        principalTable: "ShippingMethods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "HandlingListPicks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    HandlingListId = table.Column<Guid>(type: "uuid", nullable: false),
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Sku = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Position = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    UsedPosition = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Quantity = table.Column<int>(type: "integer", nullable: false),
                    IsMissing = table.Column<bool>(type: "boolean", nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    LotNumber = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ById = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    By = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    UndoneAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Answer = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HandlingListPicks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HandlingListPicks_HandlingLists_HandlingListId",
                        column: x => x.HandlingListId,
                        principalTable: "HandlingLists",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "HandlingListShipments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    HandlingListId = table.Column<Guid>(type: "uuid", nullable: false),
                    ShipmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Label = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HandlingListShipments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HandlingListShipments_HandlingLists_HandlingListId",
                        column: x => x.HandlingListId,
                        principalTable: "HandlingLists",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Parcels",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ShipmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Seq = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    WeightGrams = table.Column<int>(type: "integer", nullable: true),
                    LengthMm = table.Column<int>(type: "integer", nullable: true),
                    WidthMm = table.Column<int>(type: "integer", nullable: true),
                    HeightMm = table.Column<int>(type: "integer", nullable: true),
                    TrackingCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    InTransitAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastScanAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Parcels", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Parcels_Shipments_ShipmentId",
                        column: x => x.ShipmentId,
                        principalTable: "Shipments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ShipmentLines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ShipmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    LineNo = table.Column<int>(type: "integer", nullable: false),
                    Sku = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Description = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Quantity = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ShipmentLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ShipmentLines_Shipments_ShipmentId",
                        column: x => x.ShipmentId,
                        principalTable: "Shipments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ShipmentUnits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ShipmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    LineId = table.Column<Guid>(type: "uuid", nullable: false),
                    LocationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sku = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Position = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    IsOverage = table.Column<bool>(type: "boolean", nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    HandlingListId = table.Column<Guid>(type: "uuid", nullable: true),
                    Label = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    PickId = table.Column<Guid>(type: "uuid", nullable: true),
                    PickedPosition = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    LotNumber = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    HandledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    HandledBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    MissingReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ParcelId = table.Column<Guid>(type: "uuid", nullable: true),
                    BoxedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ShipmentUnits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ShipmentUnits_ShipmentLines_LineId",
                        column: x => x.LineId,
                        principalTable: "ShipmentLines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ShipmentUnits_Shipments_ShipmentId",
                        column: x => x.ShipmentId,
                        principalTable: "Shipments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "LogisticsNumbers",
                columns: new[] { "Series", "Last" },
                values: new object[,]
                {
                    { "handling-list", 0L },
                    { "shipment", 0L }
                });

            migrationBuilder.CreateIndex(
                name: "IX_HandlingListPicks_At",
                table: "HandlingListPicks",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_HandlingListPicks_HandlingListId_ById_At",
                table: "HandlingListPicks",
                columns: new[] { "HandlingListId", "ById", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_HandlingListPicks_HandlingListId_Key",
                table: "HandlingListPicks",
                columns: new[] { "HandlingListId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HandlingLists_LocationId_State_DueAt",
                table: "HandlingLists",
                columns: new[] { "LocationId", "State", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_HandlingLists_Number",
                table: "HandlingLists",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HandlingLists_PickerId_State",
                table: "HandlingLists",
                columns: new[] { "PickerId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_HandlingLists_State_DueAt_Id",
                table: "HandlingLists",
                columns: new[] { "State", "DueAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_HandlingListShipments_HandlingListId_Label",
                table: "HandlingListShipments",
                columns: new[] { "HandlingListId", "Label" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HandlingListShipments_HandlingListId_ShipmentId",
                table: "HandlingListShipments",
                columns: new[] { "HandlingListId", "ShipmentId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HandlingListShipments_ShipmentId",
                table: "HandlingListShipments",
                column: "ShipmentId");

            migrationBuilder.CreateIndex(
                name: "IX_LocationPositions_LocationId_Code",
                table: "LocationPositions",
                columns: new[] { "LocationId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LocationPositions_LocationId_Sorting",
                table: "LocationPositions",
                columns: new[] { "LocationId", "Sorting" });

            migrationBuilder.CreateIndex(
                name: "IX_Locations_Name_Id",
                table: "Locations",
                columns: new[] { "Name", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Parcels_ShipmentId_Seq",
                table: "Parcels",
                columns: new[] { "ShipmentId", "Seq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Parcels_State_CreatedAt",
                table: "Parcels",
                columns: new[] { "State", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ShipmentLines_ShipmentId_LineNo",
                table: "ShipmentLines",
                columns: new[] { "ShipmentId", "LineNo" });

            migrationBuilder.CreateIndex(
                name: "IX_ShipmentLines_Sku_ShipmentId",
                table: "ShipmentLines",
                columns: new[] { "Sku", "ShipmentId" });

            migrationBuilder.CreateIndex(
                name: "IX_Shipments_CreatedAt_Id",
                table: "Shipments",
                columns: new[] { "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Shipments_ExpectedAt_Id",
                table: "Shipments",
                columns: new[] { "ExpectedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Shipments_HandlingListId",
                table: "Shipments",
                column: "HandlingListId");

            migrationBuilder.CreateIndex(
                name: "IX_Shipments_LocationId_Number",
                table: "Shipments",
                columns: new[] { "LocationId", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Shipments_LocationId_Status_ShipAt",
                table: "Shipments",
                columns: new[] { "LocationId", "Status", "ShipAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Shipments_MethodId_Number",
                table: "Shipments",
                columns: new[] { "MethodId", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Shipments_Number",
                table: "Shipments",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Shipments_OrderReference",
                table: "Shipments",
                column: "OrderReference");

            migrationBuilder.CreateIndex(
                name: "IX_Shipments_OrganisationId_Number",
                table: "Shipments",
                columns: new[] { "OrganisationId", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Shipments_ShipAt_Id",
                table: "Shipments",
                columns: new[] { "ShipAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Shipments_Status_Number",
                table: "Shipments",
                columns: new[] { "Status", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Shipments_Status_ShipAt_Id",
                table: "Shipments",
                columns: new[] { "Status", "ShipAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Shipments_Type_Direction_Number",
                table: "Shipments",
                columns: new[] { "Type", "Direction", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Shipments_Warnings_Number",
                table: "Shipments",
                columns: new[] { "Warnings", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_ShipmentUnits_HandlingListId_State_Sku_Position",
                table: "ShipmentUnits",
                columns: new[] { "HandlingListId", "State", "Sku", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_ShipmentUnits_LineId",
                table: "ShipmentUnits",
                column: "LineId");

            migrationBuilder.CreateIndex(
                name: "IX_ShipmentUnits_ParcelId",
                table: "ShipmentUnits",
                column: "ParcelId");

            migrationBuilder.CreateIndex(
                name: "IX_ShipmentUnits_PickId",
                table: "ShipmentUnits",
                column: "PickId");

            migrationBuilder.CreateIndex(
                name: "IX_ShipmentUnits_ShipmentId_State",
                table: "ShipmentUnits",
                columns: new[] { "ShipmentId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_ShippingMethods_Carrier_Service",
                table: "ShippingMethods",
                columns: new[] { "Carrier", "Service" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ShippingMethods_Name_Id",
                table: "ShippingMethods",
                columns: new[] { "Name", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_SkuDefaultPositions_LocationId_Sku",
                table: "SkuDefaultPositions",
                columns: new[] { "LocationId", "Sku" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HandlingListPicks");

            migrationBuilder.DropTable(
                name: "HandlingListShipments");

            migrationBuilder.DropTable(
                name: "LocationPositions");

            migrationBuilder.DropTable(
                name: "LogisticsNumbers");

            migrationBuilder.DropTable(
                name: "Parcels");

            migrationBuilder.DropTable(
                name: "ShipmentUnits");

            migrationBuilder.DropTable(
                name: "SkuDefaultPositions");

            migrationBuilder.DropTable(
                name: "HandlingLists");

            migrationBuilder.DropTable(
                name: "ShipmentLines");

            migrationBuilder.DropTable(
                name: "Shipments");

            migrationBuilder.DropTable(
                name: "Locations");

            migrationBuilder.DropTable(
                name: "ShippingMethods");
        }
    }
}
