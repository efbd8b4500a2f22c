using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Domain.AgentConnections;
using Portal.Domain.Common;

namespace Portal.Api;

/// <summary>
/// Connections, their messages and credentials. The same handlers answer the staff routes and the agency-scoped ones:
/// the service decides what the caller sees (every agency for staff, its own for an agency's systems).
/// </summary>
public static class AgentConnectionEndpoints
{
    public static RouteGroupBuilder MapAgentConnectionEndpoints(this RouteGroupBuilder v1)
    {
        var api = v1.MapGroup("/agent-connections").WithTag(AgentConnectionsApi.Tag).RequireAuthorization(Access.Policies.Read);
        api.MapGet("/", List).WithName("ListAgentConnections").ProducesDomainProblems(400)
            .WithSummary("List agent connections")
            .WithDescription("Filter by `agencyId`, `state`, `method`, `stageAccess`; `q` finds a DID or agent id exactly, or an alias prefix or title; `sort` by createdAt (default newest first), alias, state or lastActivityAt.");
        api.MapGet("/export", Export).WithName("ExportAgentConnections").Produces(200, contentType: "text/csv").ProducesDomainProblems(400)
            .WithSummary("Export agent connections as CSV").WithDescription("Every connection the list's filters select (paging ignored), streamed as CSV.");
        api.MapPost("/", Connect).WithName("ConnectAgent").ProducesDomainProblems(400, 409).RequireAuthorization(Access.Policies.Write)
            .WithSummary("Connect an agent")
            .WithDescription(ConnectDescription + " Staff name the `agencyId`.");
        api.MapGet("/{id:guid}", Get).WithName("GetAgentConnection").ProducesDomainProblems(404)
            .WithSummary("Get an agent connection").WithDescription("With its latest messages and credentials and its timeline; the ETag is its version.");
        api.MapPost("/{id:guid}/state", ChangeState).WithName("ChangeAgentConnectionState").ProducesDomainProblems(400, 404, 409, 412, 428)
            .RequireAuthorization(Access.Policies.Write)
            .WithSummary("Move the DID Exchange state").WithDescription(StateDescription);
        api.MapPut("/{id:guid}/stage-access", SetStageAccess).WithName("SetAgentConnectionStageAccess").ProducesDomainProblems(400, 404, 409, 412, 428)
            .RequireAuthorization(Access.Policies.Write)
            .WithSummary("Grant or remove stage access").WithDescription("`stageAccess` true or false; setting what is set is harmless. Needs If-Match.");
        api.MapDelete("/{id:guid}", Delete).WithName("DeleteAgentConnection").ProducesDomainProblems(404, 412, 428).RequireAuthorization(Access.Policies.Admin)
            .WithSummary("Delete an agent connection").WithDescription("With its messages and credentials; the audit keeps their history. Admins only; needs If-Match.");
        api.MapPost("/delete", DeleteMany).WithName("DeleteAgentConnections").ProducesDomainProblems(400).RequireAuthorization(Access.Policies.Admin)
            .WithSummary("Delete many agent connections").WithDescription(DeleteManyDescription);
        api.MapGet("/{id:guid}/messages", Messages).WithName("ListAgentConnectionMessages").ProducesDomainProblems(400, 404)
            .WithSummary("A connection's messages").WithDescription("Its thread, oldest first.");
        api.MapPost("/{id:guid}/messages", Send).WithName("SendAgentMessage").ProducesDomainProblems(400, 404, 409).RequireAuthorization(Access.Policies.Write)
            .WithSummary("Send a message").WithDescription(SendDescription);
        api.MapPost("/{id:guid}/credentials", Issue).WithName("IssueAgentCredential").ProducesDomainProblems(400, 404, 409).RequireAuthorization(Access.Policies.Write)
            .WithSummary("Issue a credential").WithDescription(IssueDescription);
        return v1;
    }

    internal const string ConnectDescription =
        "`method` Did (`did`: did:method:id, at least 16 characters; `alias` the default alias), Alias (`alias`: namespace:name, 1–128), " +
        "InvitationUrl (`invitationUrl`: an RFC 0434 out-of-band URL with `oob`; a malformed or foreign one is a 400 with the reason) or " +
        "LinkedDomain (`linkedDomain`: a host name; `alias` the default alias); `title` optional. A DID or alias the agency is already connected " +
        "to is a 409 (`agent_connection.did_connected`, `agent_connection.alias_connected`). Answers 201 with the connection and its ETag.";
    internal const string StateDescription =
        "`state`: the next DID Exchange step (invited → requested → responded → completed) or Abandoned with a `reason`. Any other move is a 409 " +
        "(`agent_connection.illegal_transition`; `agent_connection.abandoned` once abandoned). Needs If-Match.";
    internal const string DeleteManyDescription =
        "`ids`: up to 1,000 connection ids. Those found are deleted, in transactions of 250; the answer counts them and lists the ids that named none.";
    internal const string SendDescription =
        "`kind` General, Action (needs `expiresAt`) or Data (needs `requestId`); `title`, `body`. Stored as queued for the agency's systems to deliver " +
        "(Portal talks to no agent). An abandoned connection is a 409. Answers 201.";
    internal const string IssueDescription =
        "`schemaId` and `attributes` (`[{ name, value }]`), optional `requestId` and `expiresAt`. Queued for the agency's systems to deliver. Answers 201.";

    public static async Task<Ok<PagedResult<AgentConnectionRow>>> List(ListRequest<AgentConnectionQuery> list, AgentConnectionService connections, CancellationToken ct) =>
        TypedResults.Ok(await connections.ListAsync(list.Query, ct));

    public static async Task Export(ListRequest<AgentConnectionQuery> list, AgentConnectionService connections, HttpContext http, CancellationToken ct) =>
        await connections.ExportAsync(list.Query, ApiConventions.CsvDownload(http, "agent-connections"), ct);

    public static async Task<Created<AgentConnectionDetails>> Connect(Connect body, AgentConnectionService connections, HttpContext http, CancellationToken ct)
    {
        var created = await connections.ConnectAsync(body, ct);
        return ApiConventions.CreatedWithETag(http, $"{http.Request.Path.Value!.TrimEnd('/')}/{created.Connection.Id}", created, created.Connection.Version);
    }

    public static async Task<Ok<AgentConnectionDetails>> Get(Guid id, AgentConnectionService connections, HttpContext http, CancellationToken ct)
    {
        var connection = await connections.GetAsync(id, ct);
        return ApiConventions.OkWithETag(http, connection, connection.Connection.Version);
    }

    public static async Task<Ok<AgentConnectionDetails>> ChangeState(Guid id, ChangeConnectionState body, AgentConnectionService connections, HttpContext http, CancellationToken ct)
    {
        var connection = await connections.ChangeStateAsync(id, body, ApiConventions.RequiredVersion(http), ct);
        return ApiConventions.OkWithETag(http, connection, connection.Connection.Version);
    }

    public static async Task<Ok<AgentConnectionDetails>> SetStageAccess(Guid id, SetStageAccess body, AgentConnectionService connections, HttpContext http, CancellationToken ct)
    {
        var connection = await connections.SetStageAccessAsync(id, body, ApiConventions.RequiredVersion(http), ct);
        return ApiConventions.OkWithETag(http, connection, connection.Connection.Version);
    }

    public static async Task<NoContent> Delete(Guid id, AgentConnectionService connections, HttpContext http, CancellationToken ct)
    {
        await connections.DeleteAsync(id, ApiConventions.RequiredVersion(http), ct);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<DeleteConnectionsResult>> DeleteMany(DeleteConnections body, AgentConnectionService connections, CancellationToken ct) =>
        TypedResults.Ok(await connections.DeleteManyAsync(body, progress: null, ct));

    public static async Task<Ok<PagedResult<AgentMessageRow>>> Messages(Guid id, ListRequest<AgentMessageQuery> list, AgentConnectionService connections,
        AgentMessageService messages, CancellationToken ct)
    {
        await connections.GetAsync(id, ct); // 404 for a connection the caller cannot see
        return TypedResults.Ok(await messages.ListAsync(list.Query with { ConnectionId = id }, ct));
    }

    public static async Task<Created<AgentMessageRow>> Send(Guid id, SendMessage body, AgentMessageService messages, HttpContext http, CancellationToken ct)
    {
        var sent = await messages.SendAsync(id, body, ct);
        return TypedResults.Created(http.Request.Path.Value, sent);
    }

    public static async Task<Created<AgentCredentialRow>> Issue(Guid id, IssueCredential body, AgentCredentialService credentials, HttpContext http, CancellationToken ct)
    {
        var issued = await credentials.IssueAsync(id, body, ct);
        var root = http.Request.Path.StartsWithSegments("/api/v1/agency") ? "/api/v1/agency/credentials" : "/api/v1/agent-credentials";
        return TypedResults.Created($"{root}/{issued.Id}", issued);
    }
}
