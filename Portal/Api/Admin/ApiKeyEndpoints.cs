using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Auth;
using Portal.Domain.Admin;
using Portal.Domain.Common;

namespace Portal.Api;

public static class ApiKeyEndpoints
{
    public static readonly ApiTag Tag = new("API keys",
        "Keys for machine clients (Admin only), sent in the `X-Api-Key` header. Each key has a role, a name and an optional " +
        "expiry; its plaintext is shown once, when it is created, and only a hash is stored. Revoking is immediate.");

    public static RouteGroupBuilder MapApiKeyEndpoints(this RouteGroupBuilder v1)
    {
        var api = v1.MapGroup("/api-keys").WithTag(Tag).RequireAuthorization(Access.Policies.Admin);

        api.MapGet("/", List).WithName("ListApiKeys").ProducesDomainProblems(400)
            .WithSummary("List API keys")
            .WithDescription("One page of keys (never their secrets), with role, expiry and last use. `status` (active, expired or revoked) and `role` filter; `q` searches the name and prefix.");
        api.MapGet("/{id:guid}", Get).WithName("GetApiKey").ProducesDomainProblems(404)
            .WithSummary("Get an API key")
            .WithDescription("The key's name, role, prefix, expiry and last use; the ETag is its version.");
        api.MapPost("/", Create).WithName("CreateApiKey").ProducesDomainProblems(400)
            .RequireSignedInPerson() // creating keys and accounts is for people, never for a key
            .WithSummary("Create an API key")
            .WithDescription("Answers 201 with the key's plaintext (`plaintext`): the only time it is shown, so store it now. The answer is not cached.");
        api.MapPost("/{id:guid}/revoke", Revoke).WithName("RevokeApiKey").ProducesDomainProblems(404, 409, 412, 428)
            .WithSummary("Revoke an API key")
            .WithDescription("The key stops working at once. Needs If-Match; a key already revoked is a 409 (`api_key.already_revoked`).");
        return v1;
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
        http.Response.Headers.CacheControl = "no-store";
        return ApiConventions.CreatedWithETag(http, $"/api/v1/api-keys/{created.Key.Id}", created, created.Key.Version);
    }

    public static async Task<Ok<ApiKeyRow>> Revoke(Guid id, ApiKeyService keys, HttpContext http, CancellationToken ct)
    {
        var key = await keys.RevokeAsync(id, ApiConventions.RequiredVersion(http), ct);
        return ApiConventions.OkWithETag(http, key, key.Version);
    }
}
