using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Auth;
using Portal.Domain.Admin;
using Portal.Domain.Common;

namespace Portal.Api;

public static class ApiKeyEndpoints
{
    public static IEndpointRouteBuilder MapApiKeyEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/api-keys").WithTags("API keys").RequireAuthorization(Policies.ApiAdmin);

        api.MapGet("/", List).WithName("ListApiKeys").ProducesDomainProblems(400);
        api.MapGet("/{id:guid}", Get).WithName("GetApiKey").ProducesDomainProblems(404);
        api.MapPost("/", Create).WithName("CreateApiKey").ProducesDomainProblems(400);
        api.MapPost("/{id:guid}/revoke", Revoke).WithName("RevokeApiKey").ProducesDomainProblems(404, 409, 412, 428);
        return app;
    }

    public static async Task<Ok<PagedResult<ApiKeyRow>>> List(ListRequest<ApiKeyQuery> list, ApiKeyService keys, CancellationToken ct) =>
        TypedResults.Ok(await keys.ListAsync(list.Query, ct));

    public static async Task<Ok<ApiKeyRow>> Get(Guid id, ApiKeyService keys, HttpContext http, CancellationToken ct)
    {
        var key = await keys.GetAsync(id, ct);
        return ApiConventions.OkWithETag(http, key, key.Version);
    }

    /// <summary>The answer carries the key's plaintext: the only time it is ever shown.</summary>
    public static async Task<Created<CreatedApiKey>> Create(CreateApiKey body, ApiKeyService keys, HttpContext http, CancellationToken ct)
    {
        var created = await keys.CreateAsync(body, ct);
        http.Response.Headers.ETag = ApiConventions.ETagOf(created.Key.Version);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/api/v1/api-keys/{created.Key.Id}", created);
    }

    public static async Task<Ok<ApiKeyRow>> Revoke(Guid id, ApiKeyService keys, HttpContext http, CancellationToken ct)
    {
        var key = await keys.RevokeAsync(id, ApiConventions.RequiredVersion(http), ct);
        return ApiConventions.OkWithETag(http, key, key.Version);
    }
}
