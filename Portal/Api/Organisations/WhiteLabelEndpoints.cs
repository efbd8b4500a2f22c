using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Domain.Common;
using Portal.Domain.Organisations;

namespace Portal.Api;

/// <summary>/api/v1/organisations/{id}/domains: an organisation's white-label domains. Every change needs If-Match.</summary>
public static class WhiteLabelEndpoints
{
    public static IEndpointRouteBuilder MapWhiteLabelEndpoints(this IEndpointRouteBuilder app)
    {
        // Who may read or change is decided by WhiteLabelDomainService (Admin/Staff write, Viewer reads).
        var api = app.MapGroup("/api/v1/organisations/{id:guid}/domains").WithTags("Organisations").RequireAuthorization(Access.Policies.Read);

        api.MapGet("/", List).WithName("ListOrganisationDomains").ProducesDomainProblems(404);
        api.MapPost("/", Add).WithName("AddOrganisationDomain").ProducesDomainProblems(400, 404, 409, 412, 428);
        api.MapGet("/{domainId:guid}", Get).WithName("GetOrganisationDomain").ProducesDomainProblems(404);
        api.MapPut("/{domainId:guid}", Update).WithName("UpdateOrganisationDomain").ProducesDomainProblems(400, 404, 409, 412, 428);
        api.MapDelete("/{domainId:guid}", Remove).WithName("RemoveOrganisationDomain").ProducesDomainProblems(404, 409, 412, 428);
        api.MapPost("/{domainId:guid}/primary", MakePrimary).WithName("MakeOrganisationDomainPrimary").ProducesDomainProblems(404, 409, 412, 428);
        return app;
    }

    /// <summary>The domains, primary first; the ETag is the organisation's version.</summary>
    public static async Task<Ok<WhiteLabelDomainList>> List(Guid id, WhiteLabelDomainService domains, HttpContext http, CancellationToken ct)
    {
        var list = await domains.ListAsync(id, ct);
        return ApiConventions.OkWithETag(http, list, list.Version);
    }

    /// <summary>Adds a domain; a host another organisation uses is a 400 on <c>hostName</c> that names it.</summary>
    public static async Task<Created<WhiteLabelDomainRow>> Add(Guid id, CreateWhiteLabelDomain body, WhiteLabelDomainService domains, HttpContext http, CancellationToken ct)
    {
        var added = await domains.AddAsync(id, body, ApiConventions.RequiredVersion(http), ct);
        return ApiConventions.CreatedWithETag(http, $"/api/v1/organisations/{id}/domains/{added.Item.Id}", added);
    }

    public static async Task<Ok<WhiteLabelDomainRow>> Get(Guid id, Guid domainId, WhiteLabelDomainService domains, HttpContext http, CancellationToken ct) =>
        ApiConventions.OkWithETag(http, await domains.GetAsync(id, domainId, ct));

    /// <summary>Changes the theme colour and logo; the host name is the domain's identity and stays.</summary>
    public static async Task<Ok<WhiteLabelDomainRow>> Update(Guid id, Guid domainId, UpdateWhiteLabelDomain body, WhiteLabelDomainService domains, HttpContext http, CancellationToken ct) =>
        ApiConventions.OkWithETag(http, await domains.UpdateAsync(id, domainId, body, ApiConventions.RequiredVersion(http), ct));

    /// <summary>Removes a domain; the primary goes only when it is the last one (409 <c>organisation_domain.primary</c>).</summary>
    public static async Task<NoContent> Remove(Guid id, Guid domainId, WhiteLabelDomainService domains, HttpContext http, CancellationToken ct) =>
        ApiConventions.NoContentWithETag(http, await domains.RemoveAsync(id, domainId, ApiConventions.RequiredVersion(http), ct));

    /// <summary>Makes it the primary domain (the previous primary stays, as an ordinary domain); answers the domain.</summary>
    public static async Task<Ok<WhiteLabelDomainRow>> MakePrimary(Guid id, Guid domainId, WhiteLabelDomainService domains, HttpContext http, CancellationToken ct) =>
        ApiConventions.OkWithETag(http, await domains.MakePrimaryAsync(id, domainId, ApiConventions.RequiredVersion(http), ct));
}
