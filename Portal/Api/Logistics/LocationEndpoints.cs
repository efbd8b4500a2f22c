using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Domain.Common;
using Portal.Domain.Logistics;

namespace Portal.Api;

public static class LocationEndpoints
{
    public static RouteGroupBuilder MapLocationEndpoints(this RouteGroupBuilder v1)
    {
        var api = v1.MapGroup("/locations").WithTag(LogisticsApi.Tag).RequireAuthorization(Access.Policies.LogisticsRead);
        api.MapGet("/", List).WithName("ListLocations").ProducesDomainProblems(400)
            .WithSummary("List fulfilment locations")
            .WithDescription("`q` searches name and town; filter by `disabled` and `country`; `sort` by name, city, countryCode or createdAt.");
        api.MapPost("/", Create).WithName("CreateLocation").ProducesDomainProblems(400).RequireAuthorization(Access.Policies.LogisticsPlan)
            .WithSummary("Create a location")
            .WithDescription("Name and address (the postcode is checked against the country). Answers 201 with the location and its ETag.");
        api.MapGet("/{id:guid}", Get).WithName("GetLocation").ProducesDomainProblems(404)
            .WithSummary("Get a location")
            .WithDescription("With its positions in walk order and its SKU defaults; the ETag is its version.");
        api.MapPut("/{id:guid}", Update).WithName("UpdateLocation").ProducesDomainProblems(400, 404, 412, 428).RequireAuthorization(Access.Policies.LogisticsPlan)
            .WithSummary("Change a location")
            .WithDescription("Name, address and `isDisabled` (a disabled location takes no new shipments or lists). Needs If-Match.");
        api.MapPost("/{id:guid}/positions", AddPosition).WithName("AddLocationPosition").ProducesDomainProblems(400, 404, 412, 428)
            .RequireAuthorization(Access.Policies.LogisticsPlan)
            .WithSummary("Add a position")
            .WithDescription("A position code (as on its label, e.g. `A3.32435`), last in the walk. A code the location has is a 400. Needs the location's If-Match; answers 201 with the location's next ETag.");
        api.MapPut("/{id:guid}/positions", Reorder).WithName("ReorderLocationPositions").ProducesDomainProblems(400, 404, 412, 428)
            .RequireAuthorization(Access.Policies.LogisticsPlan)
            .WithSummary("Set the walk order")
            .WithDescription("`codes`: every position code of the location, first to last. A code the location does not have, a missing one or a repeat is a 400 on `codes` and nothing moves. Needs If-Match.");
        api.MapDelete("/{id:guid}/positions/{positionId:guid}", RemovePosition).WithName("RemoveLocationPosition").ProducesDomainProblems(404, 409, 412, 428)
            .RequireAuthorization(Access.Policies.LogisticsPlan)
            .WithSummary("Remove a position")
            .WithDescription("Refused (409 `location.position_in_use`) while it is a SKU's default or units on a list wait there. Needs If-Match.");
        api.MapPut("/{id:guid}/sku-defaults", SetSkuDefaults).WithName("SetLocationSkuDefaults").ProducesDomainProblems(400, 404, 412, 428)
            .RequireAuthorization(Access.Policies.LogisticsPlan)
            .WithSummary("Set SKUs' default positions")
            .WithDescription("`items`: `{ sku, position }` pairs, added or moved; each position must be one of the location's (400 otherwise). New shipment lines without a position get their SKU's default. Needs If-Match.");
        return v1;
    }

    public static async Task<Ok<PagedResult<LocationRow>>> List(ListRequest<LocationQuery> list, LocationService locations, CancellationToken ct) =>
        TypedResults.Ok(await locations.ListAsync(list.Query, ct));

    public static async Task<Created<LocationDetails>> Create(LocationFields body, LocationService locations, HttpContext http, CancellationToken ct)
    {
        var created = await locations.CreateAsync(body, ct);
        return ApiConventions.CreatedWithETag(http, $"/api/v1/locations/{created.Location.Id}", created, created.Location.Version);
    }

    public static async Task<Ok<LocationDetails>> Get(Guid id, LocationService locations, HttpContext http, CancellationToken ct)
    {
        var location = await locations.GetAsync(id, ct);
        return ApiConventions.OkWithETag(http, location, location.Location.Version);
    }

    public static async Task<Ok<LocationDetails>> Update(Guid id, LocationFields body, LocationService locations, HttpContext http, CancellationToken ct)
    {
        var location = await locations.UpdateAsync(id, body, ApiConventions.RequiredVersion(http, body.Version), ct);
        return ApiConventions.OkWithETag(http, location, location.Location.Version);
    }

    public static async Task<Created<PositionRow>> AddPosition(Guid id, AddPosition body, LocationService locations, HttpContext http, CancellationToken ct)
    {
        var added = await locations.AddPositionAsync(id, body, ApiConventions.RequiredVersion(http), ct);
        return ApiConventions.CreatedWithETag(http, $"/api/v1/locations/{id}", added);
    }

    public static async Task<Ok<IReadOnlyList<PositionRow>>> Reorder(Guid id, ReorderPositions body, LocationService locations, HttpContext http, CancellationToken ct) =>
        ApiConventions.OkWithETag(http, await locations.ReorderPositionsAsync(id, body, ApiConventions.RequiredVersion(http), ct));

    public static async Task<NoContent> RemovePosition(Guid id, Guid positionId, LocationService locations, HttpContext http, CancellationToken ct) =>
        ApiConventions.NoContentWithETag(http, await locations.RemovePositionAsync(id, positionId, ApiConventions.RequiredVersion(http), ct));

    public static async Task<Ok<IReadOnlyList<SkuDefaultRow>>> SetSkuDefaults(Guid id, SetSkuDefaults body, LocationService locations, HttpContext http, CancellationToken ct) =>
        ApiConventions.OkWithETag(http, await locations.SetSkuDefaultsAsync(id, body, ApiConventions.RequiredVersion(http), ct));
}
