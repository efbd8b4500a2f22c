using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Domain.Common;
using Portal.Domain.Organisations;

namespace Portal.Api;

/// <summary>/api/v1/organisations/{id}/domains: an organisation's white-label domains. Every change needs If-Match.</summary>
public static class WhiteLabelEndpoints
{
    public static RouteGroupBuilder MapWhiteLabelEndpoints(this RouteGroupBuilder v1)
    {
        // Viewers read, Admin/Staff write: each changing route names Access.Policies.Write, and WhiteLabelDomainService checks again.
        var api = v1.MapGroup("/organisations/{id:guid}/domains").WithTag(OrganisationsApi.Tag).RequireAuthorization(Access.Policies.Read);

        api.MapGet("/", List).WithName("ListOrganisationDomains").ProducesDomainProblems(404)
            .WithSummary("List an organisation's white-label domains")
            .WithDescription("The domains, primary first, with theme colour and logo; the ETag is the organisation's version.");
        api.MapPost("/", Add).WithName("AddOrganisationDomain").ProducesDomainProblems(400, 404, 409, 412, 428)
            .RequireAuthorization(Access.Policies.Write)
            .WithSummary("Add a white-label domain")
            .WithDescription("A host name with a theme colour and an optional logo URL; a host another organisation uses is a 400 on `hostName` that names it. Needs the organisation's If-Match; answers 201.");
        api.MapGet("/{domainId:guid}", Get).WithName("GetOrganisationDomain").ProducesDomainProblems(404)
            .WithSummary("Get a white-label domain")
            .WithDescription("One domain with its theme colour, logo and whether it is the primary; the ETag is the organisation's version.");
        api.MapPut("/{domainId:guid}", Update).WithName("UpdateOrganisationDomain").ProducesDomainProblems(400, 404, 409, 412, 428)
            .RequireAuthorization(Access.Policies.Write)
            .WithSummary("Change a domain's theme colour and logo")
            .WithDescription("The host name is the domain's identity and stays. Needs the organisation's If-Match.");
        api.MapDelete("/{domainId:guid}", Remove).WithName("RemoveOrganisationDomain").ProducesDomainProblems(404, 409, 412, 428)
            .RequireAuthorization(Access.Policies.Write)
            .WithSummary("Remove a white-label domain")
            .WithDescription("The primary goes only when it is the last one (409 `organisation_domain.primary`). Needs the organisation's If-Match.");
        api.MapPost("/{domainId:guid}/primary", MakePrimary).WithName("MakeOrganisationDomainPrimary").ProducesDomainProblems(404, 409, 412, 428)
            .RequireAuthorization(Access.Policies.Write)
            .WithSummary("Make a domain the primary")
            .WithDescription("Needs the organisation's If-Match.");
        return v1;
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
