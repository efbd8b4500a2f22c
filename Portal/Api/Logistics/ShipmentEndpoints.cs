using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Domain.Common;
using Portal.Domain.Logistics;

namespace Portal.Api;

public static class ShipmentEndpoints
{
    public static RouteGroupBuilder MapShipmentEndpoints(this RouteGroupBuilder v1)
    {
        var api = v1.MapGroup("/shipments").WithTag(LogisticsApi.Tag).RequireAuthorization(Access.Policies.LogisticsRead);
        api.MapGet("/", List).WithName("ListShipments").ProducesDomainProblems(400)
            .WithSummary("List shipments")
            .WithDescription("`q` finds a number (`SH-000123` or `123`), an order reference starting with it, or a SKU on a line. Filter by `status`, `type`, `direction`, `methodId`, `locationId`, `organisationId`, `handlingListId`, `shipFrom`/`shipTo` (ship date, to exclusive) and `warning`; `sort` by number (default `-number`), shipAt, expectedAt, createdAt or status.");
        api.MapGet("/export", Export).WithName("ExportShipments").Produces(200, contentType: "text/csv").ProducesDomainProblems(400)
            .WithSummary("Export shipments as CSV")
            .WithDescription("Every shipment the list's filters select (paging ignored), streamed as CSV. A bad filter is a 400 before the first byte.");
        api.MapGet("/{id:guid}", Get).WithName("GetShipment").ProducesDomainProblems(404)
            .WithSummary("Get a shipment")
            .WithDescription("Header, addressing, lines with their units per state, every unit (the timeline: listed, picked where and by whom, lot, missing, boxed) and the actions allowed now. The ETag is its version.");
        api.MapPost("/", Create).WithName("CreateShipment").ProducesDomainProblems(400, 409).RequireAuthorization(Access.Policies.LogisticsPlan)
            .WithSummary("Create a shipment")
            .WithDescription("Type (Delivery, Collect, Internal), direction, fulfilment `locationId`, `from` and `to` (an Address, a Location or a ServicePoint), method, order reference, organisation, dates and `lines` (SKU, description, quantity, optional position: a line without one gets the SKU's default position at the location). Each unit becomes a tracked row; the shipment gets the next number (SH-000123). 409 `location.disabled` for a disabled location.");
        api.MapPut("/{id:guid}", Update).WithName("UpdateShipment").ProducesDomainProblems(400, 404, 409, 412, 428).RequireAuthorization(Access.Policies.LogisticsPlan)
            .WithSummary("Change a shipment's header")
            .WithDescription("Addressing, method, references and dates, until it is in transit (409 `shipment.in_transit`, `shipment.canceled`). Needs If-Match.");
        api.MapPost("/{id:guid}/cancel", Cancel).WithName("CancelShipment").ProducesDomainProblems(400, 404, 409, 412, 428).RequireAuthorization(Access.Policies.LogisticsPlan)
            .WithSummary("Cancel a shipment")
            .WithDescription("Optional `reason`. Its units leave their handling list (back to open, picks voided). Refused once anything of it is in transit (409 `shipment.in_transit`) or when already canceled (409 `shipment.canceled`). Needs If-Match.");
        api.MapPost("/{id:guid}/backorder", Backorder).WithName("CreateShipmentBackorder").ProducesDomainProblems(404, 409, 412, 428)
            .RequireAuthorization(Access.Policies.LogisticsPlan)
            .WithSummary("Send the missing units again")
            .WithDescription("Makes a backorder: a new shipment (next number, `backorderOfId` this one; same type, location, addressing, method, references and organisation; ships now) whose lines are this shipment's missing units not sent again yet. Those units stay missing here and carry the backorder's id, so a unit is never sent twice and cannot be found again here (409 `shipment.unit_backordered`). 409 `shipment.nothing_to_backorder` when no missing unit is left, `shipment.canceled`. Needs this shipment's If-Match; answers 201 with the backorder and its ETag.");
        api.MapPut("/{id:guid}/items/missing", SetMissing).WithName("SetShipmentUnitsMissing").ProducesDomainProblems(400, 404, 409)
            .RequireAuthorization(Access.Policies.LogisticsHandle)
            .WithSummary("Mark units missing, or found again")
            .WithDescription("`unitIds` of this shipment, `missing` true (with an optional `reason`) or false. Only units waiting on a list can go missing (409 `shipment.unit_not_listed`) and only missing ones be found (409 `shipment.unit_not_missing`); a unit of another shipment is a 400. Warehouse and Admin.");
        return v1;
    }

    public static async Task<Ok<PagedResult<ShipmentRow>>> List(ListRequest<ShipmentQuery> list, ShipmentService shipments, CancellationToken ct) =>
        TypedResults.Ok(await shipments.ListAsync(list.Query, ct));

    public static async Task Export(ListRequest<ShipmentQuery> list, ShipmentService shipments, HttpContext http, CancellationToken ct)
    {
        list.Query.EnsureValid();
        await shipments.ExportAsync(list.Query, ApiConventions.CsvDownload(http, "shipments"), ct);
    }

    public static async Task<Ok<ShipmentDetails>> Get(Guid id, ShipmentService shipments, HttpContext http, CancellationToken ct) =>
        WithETag(http, await shipments.GetAsync(id, ct));

    public static async Task<Created<ShipmentDetails>> Create(CreateShipment body, ShipmentService shipments, HttpContext http, CancellationToken ct)
    {
        var created = await shipments.CreateAsync(body, ct);
        return ApiConventions.CreatedWithETag(http, $"/api/v1/shipments/{created.Shipment.Id}", created, created.Shipment.Version);
    }

    public static async Task<Ok<ShipmentDetails>> Update(Guid id, UpdateShipment body, ShipmentService shipments, HttpContext http, CancellationToken ct) =>
        WithETag(http, await shipments.UpdateAsync(id, body, ApiConventions.RequiredVersion(http), ct));

    public static async Task<Ok<ShipmentDetails>> Cancel(Guid id, CancelShipment? body, ShipmentService shipments, HttpContext http, CancellationToken ct) =>
        WithETag(http, await shipments.CancelAsync(id, body ?? new CancelShipment(), ApiConventions.RequiredVersion(http), ct));

    public static async Task<Created<ShipmentDetails>> Backorder(Guid id, ShipmentService shipments, HttpContext http, CancellationToken ct)
    {
        var backorder = await shipments.CreateBackorderAsync(id, ApiConventions.RequiredVersion(http), ct);
        return ApiConventions.CreatedWithETag(http, $"/api/v1/shipments/{backorder.Shipment.Id}", backorder, backorder.Shipment.Version);
    }

    public static async Task<Ok<ShipmentDetails>> SetMissing(Guid id, SetUnitsMissing body, ShipmentService shipments, HttpContext http, CancellationToken ct) =>
        WithETag(http, await shipments.SetMissingAsync(id, body, ct));

    private static Ok<ShipmentDetails> WithETag(HttpContext http, ShipmentDetails shipment) => ApiConventions.OkWithETag(http, shipment, shipment.Shipment.Version);
}
