using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Domain.Common;
using Portal.Domain.Logistics;

namespace Portal.Api;

public static class ParcelEndpoints
{
    public static RouteGroupBuilder MapParcelEndpoints(this RouteGroupBuilder v1)
    {
        var api = v1.MapGroup("/parcels").WithTag(LogisticsApi.Tag).RequireAuthorization(Access.Policies.LogisticsRead);
        api.MapGet("/", List).WithName("ListParcels").ProducesDomainProblems(400)
            .WithSummary("List parcels").WithDescription("Filter by `shipmentId` and `state`; newest first.");
        api.MapPost("/", Create).WithName("CreateParcel").ProducesDomainProblems(400, 409).RequireAuthorization(Access.Policies.LogisticsHandle)
            .WithSummary("Make a parcel")
            .WithDescription("For `shipmentId`, with optional weight (grams), dimensions (mm), tracking code and `unitIds` to box at once. The answer's `warnings` say when the weight is over the method's maximum (`parcel.over_max_weight`) or the shipment is not complete yet.");
        api.MapGet("/{id:guid}", Get).WithName("GetParcel").ProducesDomainProblems(404)
            .WithSummary("Get a parcel").WithDescription("With its units and warnings; the ETag is its version.");
        api.MapPut("/{id:guid}", Update).WithName("UpdateParcel").ProducesDomainProblems(400, 404, 409, 412, 428).RequireAuthorization(Access.Policies.LogisticsHandle)
            .WithSummary("Change a parcel's weight, dimensions or tracking")
            .WithDescription("While it is open (409 `parcel.in_transit` after). Needs If-Match.");
        api.MapPost("/{id:guid}/items", AddItems).WithName("AddParcelItems").ProducesDomainProblems(400, 404, 409).RequireAuthorization(Access.Policies.LogisticsHandle)
            .WithSummary("Scan units into a parcel")
            .WithDescription("`unitIds`, or `sku` and `quantity`: picked units of the parcel's own shipment. A unit of another shipment is refused naming it (409 `parcel.unit_of_another_shipment`); so are `parcel.sku_not_on_shipment`, `parcel.unit_not_picked`, `parcel.unit_missing`, `parcel.unit_already_boxed`, `parcel.quantity_above_left`. Nothing is boxed unless every scanned unit can be. No If-Match: scans are checked unit by unit.");
        api.MapPost("/{id:guid}/items/remove", RemoveItems).WithName("RemoveParcelItems").ProducesDomainProblems(400, 404, 409).RequireAuthorization(Access.Policies.LogisticsHandle)
            .WithSummary("Take units out of a parcel")
            .WithDescription("`unitIds` in this open parcel; they wait to be packed again.");
        api.MapPut("/{id:guid}/transit", Transit).WithName("ParcelInTransit").ProducesDomainProblems(404, 409, 412, 428).RequireAuthorization(Access.Policies.LogisticsHandle)
            .WithSummary("Hand a parcel to the carrier")
            .WithDescription("Its units are in transit and its contents fixed; an empty parcel is 409 `parcel.empty`. Needs If-Match.");
        api.MapPut("/{id:guid}/finished", Finish).WithName("ParcelFinished").ProducesDomainProblems(404, 409, 412, 428).RequireAuthorization(Access.Policies.LogisticsHandle)
            .WithSummary("Finish a parcel")
            .WithDescription("In transit to finished; its units are finished (409 `parcel.not_in_transit` otherwise). Needs If-Match.");
        return v1;
    }

    public static async Task<Ok<PagedResult<ParcelRow>>> List(ListRequest<ParcelQuery> list, ParcelService parcels, CancellationToken ct) =>
        TypedResults.Ok(await parcels.ListAsync(list.Query, ct));

    public static async Task<Created<ParcelDetails>> Create(CreateParcel body, ParcelService parcels, HttpContext http, CancellationToken ct)
    {
        var parcel = await parcels.CreateAsync(body, ct);
        return ApiConventions.CreatedWithETag(http, $"/api/v1/parcels/{parcel.Parcel.Id}", parcel, parcel.Parcel.Version);
    }

    public static async Task<Ok<ParcelDetails>> Get(Guid id, ParcelService parcels, HttpContext http, CancellationToken ct) =>
        WithETag(http, await parcels.GetAsync(id, ct));

    public static async Task<Ok<ParcelDetails>> Update(Guid id, ParcelFields body, ParcelService parcels, HttpContext http, CancellationToken ct) =>
        WithETag(http, await parcels.UpdateAsync(id, body, ApiConventions.RequiredVersion(http), ct));

    public static async Task<Ok<ParcelDetails>> AddItems(Guid id, AddParcelItems body, ParcelService parcels, HttpContext http, CancellationToken ct) =>
        WithETag(http, await parcels.AddItemsAsync(id, body, ct));

    public static async Task<Ok<ParcelDetails>> RemoveItems(Guid id, RemoveParcelItems body, ParcelService parcels, HttpContext http, CancellationToken ct) =>
        WithETag(http, await parcels.RemoveItemsAsync(id, body, ct));

    public static async Task<Ok<ParcelDetails>> Transit(Guid id, ParcelService parcels, HttpContext http, CancellationToken ct) =>
        WithETag(http, await parcels.TransitAsync(id, ApiConventions.RequiredVersion(http), ct));

    public static async Task<Ok<ParcelDetails>> Finish(Guid id, ParcelService parcels, HttpContext http, CancellationToken ct) =>
        WithETag(http, await parcels.FinishAsync(id, ApiConventions.RequiredVersion(http), ct));

    private static Ok<ParcelDetails> WithETag(HttpContext http, ParcelDetails parcel) => ApiConventions.OkWithETag(http, parcel, parcel.Parcel.Version);
}
