using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Domain.BusinessConnections;
using Portal.Domain.Common;

namespace Portal.Api;

public static class BusinessConnectionEndpoints
{
    public static RouteGroupBuilder MapBusinessConnectionEndpoints(this RouteGroupBuilder v1)
    {
        var api = v1.MapGroup("/business-connections").WithTag(BusinessConnectionsApi.Tag).RequireAuthorization(Access.Policies.Read);
        api.MapGet("/", List).WithName("ListBusinessConnections").ProducesDomainProblems(400)
            .WithSummary("List business connections")
            .WithDescription("`organisationId` (connections from or to it), `relationship`, `ended=true` (ended ones; otherwise the open ones); `q` searches either organisation's name; `sort` by createdAt (default newest first) or endedAt.");
        api.MapPost("/exists", Exists).WithName("CheckBusinessConnectionExists").ProducesDomainProblems(400)
            .WithSummary("Check whether a new connection's organisation already exists")
            .WithDescription("The organisation a connection would create (`name`, `companyNumber`, `countryCode`, `contacts` with emails). Answers the likely existing organisations with why each matched (ContactEmail: a member has the email; EmailDomain: a member or the billing email shares the domain, shared mail providers excepted; SimilarName; CompanyNumber) and `blockNewConnection`: true when an email or company number is taken or the name is the same once normalised, and then the client must connect one of them by `toOrganisationId`. Saves nothing.");
        api.MapPost("/", Create).WithName("CreateBusinessConnection").ProducesDomainProblems(400, 409).RequireAuthorization(Access.Policies.Write)
            .WithSummary("Connect two organisations")
            .WithDescription("From `fromOrganisationId` to an existing organisation (`toOrganisationId`, with `contactMemberIds` of its members) or a new one (`newOrganisation`, as for `/exists`; its contacts become its members, with no invitation email). `relationships`: at least one, each once. 409 `business_connection.duplicate` when the duplicate check blocks the new organisation, `business_connection.exists` when an open connection in that direction exists.");
        api.MapGet("/network/{organisationId:guid}", Network).WithName("GetBusinessConnectionNetwork").ProducesDomainProblems(404)
            .WithSummary("The network around an organisation")
            .WithDescription("Open connections both ways, two hops out: nodes (with their hop count) and edges with their relationships; `truncated` when a hop had more than 200 connections.");
        api.MapGet("/{id:guid}", Get).WithName("GetBusinessConnection").ProducesDomainProblems(404)
            .WithSummary("Get a business connection")
            .WithDescription("With its relationships, contacts and notes; the ETag is its version.");
        api.MapPut("/{id:guid}", Update).WithName("UpdateBusinessConnection").ProducesDomainProblems(400, 404, 409, 412, 428).RequireAuthorization(Access.Policies.Write)
            .WithSummary("Change a connection's notes")
            .WithDescription("An ended connection is read-only (409 `business_connection.ended`). Needs If-Match.");
        api.MapPost("/{id:guid}/relationships", AddRelationship).WithName("AddBusinessConnectionRelationship").ProducesDomainProblems(400, 404, 409, 412, 428).RequireAuthorization(Access.Policies.Write)
            .WithSummary("Add a relationship")
            .WithDescription("`relationship`: Trading, Storage, Carrier or Organiser; one the connection has is a 409 `business_connection.relationship_exists`. Needs If-Match.");
        api.MapDelete("/{id:guid}/relationships/{relationship}", RemoveRelationship).WithName("RemoveBusinessConnectionRelationship").ProducesDomainProblems(400, 404, 409, 412, 428).RequireAuthorization(Access.Policies.Write)
            .WithSummary("Remove a relationship")
            .WithDescription("The last one stays (409 `business_connection.last_relationship`: end the connection instead). Needs If-Match.");
        api.MapPost("/{id:guid}/contacts", ConnectContact).WithName("ConnectBusinessConnectionContact").ProducesDomainProblems(400, 404, 409, 412, 428).RequireAuthorization(Access.Policies.Write)
            .WithSummary("Connect a contact")
            .WithDescription("`memberId`: a member of the connected organisation (400 otherwise; 409 `business_connection.contact_connected` when already one). Needs If-Match; answers 201 with the contact and the connection's next ETag.");
        api.MapDelete("/{id:guid}/contacts/{memberId:guid}", DisconnectContact).WithName("DisconnectBusinessConnectionContact").ProducesDomainProblems(404, 409, 412, 428).RequireAuthorization(Access.Policies.Write)
            .WithSummary("Disconnect a contact")
            .WithDescription("The person stays a member of their organisation. Needs If-Match.");
        api.MapPost("/{id:guid}/end", End).WithName("EndBusinessConnection").ProducesDomainProblems(404, 409, 412, 428).RequireAuthorization(Access.Policies.Write)
            .WithSummary("End a connection")
            .WithDescription("It stays, read-only, with its history; a new connection between the two may be made later. Needs If-Match.");
        return v1;
    }

    public static async Task<Ok<PagedResult<BusinessConnectionRow>>> List(ListRequest<BusinessConnectionQuery> list, BusinessConnectionService connections, CancellationToken ct) =>
        TypedResults.Ok(await connections.ListAsync(list.Query, ct));

    public static async Task<Ok<DuplicateCheckResult>> Exists(CheckConnection body, BusinessConnectionService connections, CancellationToken ct) =>
        TypedResults.Ok(await connections.CheckAsync(body, ct));

    public static async Task<Created<BusinessConnectionDetails>> Create(CreateBusinessConnection body, BusinessConnectionService connections, HttpContext http, CancellationToken ct)
    {
        var created = await connections.CreateAsync(body, ct);
        return ApiConventions.CreatedWithETag(http, $"/api/v1/business-connections/{created.Connection.Id}", created, created.Connection.Version);
    }

    public static async Task<Ok<ConnectionNetwork>> Network(Guid organisationId, BusinessConnectionService connections, CancellationToken ct) =>
        TypedResults.Ok(await connections.NetworkAsync(organisationId, ct));

    public static async Task<Ok<BusinessConnectionDetails>> Get(Guid id, BusinessConnectionService connections, HttpContext http, CancellationToken ct)
    {
        var connection = await connections.GetAsync(id, ct);
        return ApiConventions.OkWithETag(http, connection, connection.Connection.Version);
    }

    public static async Task<Ok<BusinessConnectionDetails>> Update(Guid id, UpdateBusinessConnection body, BusinessConnectionService connections, HttpContext http, CancellationToken ct)
    {
        var connection = await connections.UpdateAsync(id, body, ApiConventions.RequiredVersion(http, body.Version), ct);
        return ApiConventions.OkWithETag(http, connection, connection.Connection.Version);
    }

    public static async Task<Ok<BusinessConnectionDetails>> AddRelationship(Guid id, AddRelationship body, BusinessConnectionService connections, HttpContext http, CancellationToken ct)
    {
        var connection = await connections.AddRelationshipAsync(id, body, ApiConventions.RequiredVersion(http), ct);
        return ApiConventions.OkWithETag(http, connection, connection.Connection.Version);
    }

    public static async Task<NoContent> RemoveRelationship(Guid id, string relationship, BusinessConnectionService connections, HttpContext http, CancellationToken ct)
    {
        var parsed = Relationships.Parse(relationship);
        var connection = await connections.RemoveRelationshipAsync(id, parsed, ApiConventions.RequiredVersion(http), ct);
        return ApiConventions.NoContentWithETag(http, connection.Connection.Version);
    }

    public static async Task<Created<ConnectionContactRow>> ConnectContact(Guid id, ConnectContact body, BusinessConnectionService connections, HttpContext http, CancellationToken ct)
    {
        var added = await connections.ConnectContactAsync(id, body, ApiConventions.RequiredVersion(http), ct);
        return ApiConventions.CreatedWithETag(http, $"/api/v1/business-connections/{id}", added);
    }

    public static async Task<NoContent> DisconnectContact(Guid id, Guid memberId, BusinessConnectionService connections, HttpContext http, CancellationToken ct) =>
        ApiConventions.NoContentWithETag(http, await connections.DisconnectContactAsync(id, memberId, ApiConventions.RequiredVersion(http), ct));

    public static async Task<Ok<BusinessConnectionDetails>> End(Guid id, BusinessConnectionService connections, HttpContext http, CancellationToken ct)
    {
        var connection = await connections.EndAsync(id, ApiConventions.RequiredVersion(http), ct);
        return ApiConventions.OkWithETag(http, connection, connection.Connection.Version);
    }
}
