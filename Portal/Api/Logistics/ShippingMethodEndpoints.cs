using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Domain.Common;
using Portal.Domain.Logistics;

namespace Portal.Api;

public static class ShippingMethodEndpoints
{
    public static RouteGroupBuilder MapShippingMethodEndpoints(this RouteGroupBuilder v1)
    {
        var api = v1.MapGroup("/shipping-methods").WithTag(LogisticsApi.Tag).RequireAuthorization(Access.Policies.LogisticsRead);
        api.MapGet("/", List).WithName("ListShippingMethods").ProducesDomainProblems(400)
            .WithSummary("List shipping methods")
            .WithDescription("`q` searches name, carrier and service; filter by `enabled`, `carrier` and `country` (methods that serve it); `sort` by name, carrier or maxWeightGrams.");
        api.MapPost("/", Create).WithName("CreateShippingMethod").ProducesDomainProblems(400, 409).RequireAuthorization(Access.Policies.LogisticsPlan)
            .WithSummary("Create a shipping method")
            .WithDescription("Carrier, service (unique together), name, `countries` it serves (ISO alpha-2; empty for all), `maxWeightGrams`, `isEnabled`, `toServicePoint`. Answers 201 with its ETag. A carrier and service that exist are a 400 on `service`; one saved by someone else at the same moment a 409 `shipping_method.duplicate`.");
        api.MapGet("/{id:guid}", Get).WithName("GetShippingMethod").ProducesDomainProblems(404)
            .WithSummary("Get a shipping method").WithDescription("The ETag is its version.");
        api.MapPut("/{id:guid}", Update).WithName("UpdateShippingMethod").ProducesDomainProblems(400, 404, 409, 412, 428).RequireAuthorization(Access.Policies.LogisticsPlan)
            .WithSummary("Change a shipping method").WithDescription("All its fields. Needs If-Match. 409 `shipping_method.duplicate` when another method took the carrier and service at the same moment.");
        return v1;
    }

    public static async Task<Ok<PagedResult<ShippingMethodRow>>> List(ListRequest<ShippingMethodQuery> list, ShippingMethodService methods, CancellationToken ct) =>
        TypedResults.Ok(await methods.ListAsync(list.Query, ct));

    public static async Task<Created<ShippingMethodRow>> Create(ShippingMethodFields body, ShippingMethodService methods, HttpContext http, CancellationToken ct)
    {
        var method = await methods.CreateAsync(body, ct);
        return ApiConventions.CreatedWithETag(http, $"/api/v1/shipping-methods/{method.Id}", method, method.Version);
    }

    public static async Task<Ok<ShippingMethodRow>> Get(Guid id, ShippingMethodService methods, HttpContext http, CancellationToken ct)
    {
        var method = await methods.GetAsync(id, ct);
        return ApiConventions.OkWithETag(http, method, method.Version);
    }

    public static async Task<Ok<ShippingMethodRow>> Update(Guid id, ShippingMethodFields body, ShippingMethodService methods, HttpContext http, CancellationToken ct)
    {
        var method = await methods.UpdateAsync(id, body, ApiConventions.RequiredVersion(http), ct);
        return ApiConventions.OkWithETag(http, method, method.Version);
    }
}
