using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Domain.AgentConnections;
using Portal.Domain.Common;

namespace Portal.Api;

public static class AgentCredentialEndpoints
{
    public static RouteGroupBuilder MapAgentCredentialEndpoints(this RouteGroupBuilder v1)
    {
        var api = v1.MapGroup("/agent-credentials").WithTag(AgentConnectionsApi.Tag).RequireAuthorization(Access.Policies.Read);
        api.MapGet("/", List).WithName("ListAgentCredentials").ProducesDomainProblems(400)
            .WithSummary("List issued credentials").WithDescription("Filter by `agencyId`, `connectionId`, `schemaId` and `status` (Active, Suspended, Revoked); newest first.");
        api.MapGet("/{id:guid}", Get).WithName("GetAgentCredential").ProducesDomainProblems(404)
            .WithSummary("Get an issued credential").WithDescription("Its schema, attributes, lists (revoked, suspended) and delivery.");
        api.MapPost("/{id:guid}/revoke", Revoke).WithName("RevokeAgentCredential").ProducesDomainProblems(400, 404, 409).RequireAuthorization(Access.Policies.Write)
            .WithSummary("Revoke or suspend a credential").WithDescription(RevokeDescription);
        api.MapPost("/{id:guid}/unrevoke", Unrevoke).WithName("UnrevokeAgentCredential").ProducesDomainProblems(400, 404, 409).RequireAuthorization(Access.Policies.Write)
            .WithSummary("Unrevoke or restore a credential").WithDescription(UnrevokeDescription);
        api.MapPost("/revoke-by-criteria", RevokeByCriteria).WithName("RevokeAgentCredentialsByCriteria").ProducesDomainProblems(400)
            .RequireAuthorization(Access.Policies.Write)
            .WithSummary("Revoke or suspend credentials by criteria").WithDescription(CriteriaDescription);
        api.MapPost("/restore-by-criteria", RestoreByCriteria).WithName("RestoreAgentCredentialsByCriteria").ProducesDomainProblems(400)
            .RequireAuthorization(Access.Policies.Write)
            .WithSummary("Restore credentials by criteria").WithDescription(CriteriaDescription);
        return v1;
    }

    internal const string RevokeDescription =
        "`purpose` Revocation (revoke) or Suspension (suspend): the two lists are separate. Already on that list is a 409 " +
        "(`agent_credential.already_revoked`, `agent_credential.already_suspended`).";
    internal const string UnrevokeDescription =
        "`purpose` Revocation (unrevoke: a revoked credential can be restored) or Suspension (end a suspension). Not on that list is a 409 " +
        "(`agent_credential.not_revoked`, `agent_credential.not_suspended`).";
    internal const string CriteriaDescription =
        "Every credential of the agency (`agencyId`, staff only) with `schemaId` and every `attributes` `{ name, value }` given, on the `purpose`'s " +
        "list, in transactions of 250. Answers how many matched, changed and were already so.";

    public static async Task<Ok<PagedResult<AgentCredentialRow>>> List(ListRequest<AgentCredentialQuery> list, AgentCredentialService credentials, CancellationToken ct) =>
        TypedResults.Ok(await credentials.ListAsync(list.Query, ct));

    public static async Task<Ok<AgentCredentialRow>> Get(Guid id, AgentCredentialService credentials, CancellationToken ct) =>
        TypedResults.Ok(await credentials.GetAsync(id, ct));

    public static async Task<Ok<AgentCredentialRow>> Revoke(Guid id, ChangeCredentialStatus body, AgentCredentialService credentials, CancellationToken ct) =>
        TypedResults.Ok(await credentials.RevokeAsync(id, body, ct));

    public static async Task<Ok<AgentCredentialRow>> Unrevoke(Guid id, ChangeCredentialStatus body, AgentCredentialService credentials, CancellationToken ct) =>
        TypedResults.Ok(await credentials.UnrevokeAsync(id, body, ct));

    public static async Task<Ok<CriteriaResult>> RevokeByCriteria(CredentialCriteria body, AgentCredentialService credentials, CancellationToken ct) =>
        TypedResults.Ok(await credentials.RevokeByCriteriaAsync(body, progress: null, ct));

    public static async Task<Ok<CriteriaResult>> RestoreByCriteria(CredentialCriteria body, AgentCredentialService credentials, CancellationToken ct) =>
        TypedResults.Ok(await credentials.RestoreByCriteriaAsync(body, progress: null, ct));
}
