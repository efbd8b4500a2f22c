using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Domain.AgentConnections;
using Portal.Domain.Common;

namespace Portal.Api;

/// <summary>/api/v1/agency: what an agency's own systems call with the <c>hash</c> header; each sees its own agency only.</summary>
public static class AgencyScopedEndpoints
{
    public static RouteGroupBuilder MapAgencyScopedEndpoints(this RouteGroupBuilder agency)
    {
        agency.MapGet("/", Self).WithName("AgencyGetSelf").WithSummary("The calling agency")
            .WithDescription("The agency the secret belongs to: its details, connect URL and counts.");
        agency.MapGet("/connections", AgentConnectionEndpoints.List).WithName("AgencyListConnections").ProducesDomainProblems(400)
            .WithSummary("List the agency's connections").WithDescription("As `GET /api/v1/agent-connections`, of this agency only (`agencyId` is ignored).");
        agency.MapPost("/connections", AgentConnectionEndpoints.Connect).WithName("AgencyConnect").ProducesDomainProblems(400, 409)
            .WithSummary("Connect an agent").WithDescription(AgentConnectionEndpoints.ConnectDescription + " The agency is the caller's (`agencyId` is ignored).");
        agency.MapGet("/connections/{id:guid}", AgentConnectionEndpoints.Get).WithName("AgencyGetConnection").ProducesDomainProblems(404)
            .WithSummary("Get a connection").WithDescription("Another agency's connection is a 404.");
        agency.MapPost("/connections/{id:guid}/state", AgentConnectionEndpoints.ChangeState).WithName("AgencyChangeConnectionState")
            .ProducesDomainProblems(400, 404, 409, 412, 428).WithSummary("Report a DID Exchange step").WithDescription(AgentConnectionEndpoints.StateDescription);
        agency.MapPut("/connections/{id:guid}/stage-access", AgentConnectionEndpoints.SetStageAccess).WithName("AgencySetStageAccess")
            .ProducesDomainProblems(400, 404, 409, 412, 428).WithSummary("Grant or remove stage access").WithDescription("Needs If-Match.");
        agency.MapDelete("/connections/{id:guid}", AgentConnectionEndpoints.Delete).WithName("AgencyDeleteConnection").ProducesDomainProblems(404, 412, 428)
            .WithSummary("Delete a connection").WithDescription("With its messages and credentials. Needs If-Match.");
        agency.MapPost("/connections/delete", AgentConnectionEndpoints.DeleteMany).WithName("AgencyDeleteConnections").ProducesDomainProblems(400)
            .WithSummary("Delete many connections").WithDescription(AgentConnectionEndpoints.DeleteManyDescription + " Another agency's ids count as unknown.");
        agency.MapPost("/connections/{id:guid}/messages", AgentConnectionEndpoints.Send).WithName("AgencySendMessage").ProducesDomainProblems(400, 404, 409)
            .WithSummary("Send a message").WithDescription(AgentConnectionEndpoints.SendDescription);
        agency.MapPost("/connections/{id:guid}/credentials", AgentConnectionEndpoints.Issue).WithName("AgencyIssueCredential").ProducesDomainProblems(400, 404, 409)
            .WithSummary("Issue a credential").WithDescription(AgentConnectionEndpoints.IssueDescription);
        agency.MapGet("/messages", Messages).WithName("AgencyListMessages").ProducesDomainProblems(400)
            .WithSummary("The delivery queue").WithDescription("The agency's messages oldest first; `delivery=Queued` for those still to deliver, `connectionId` for one thread.");
        agency.MapPost("/messages/{id:guid}/delivered", Delivered).WithName("AgencyMarkMessageDelivered").ProducesDomainProblems(404)
            .WithSummary("Mark a message delivered").WithDescription("Marking it again is harmless (a retried call).");
        agency.MapGet("/credentials", AgentCredentialEndpoints.List).WithName("AgencyListCredentials").ProducesDomainProblems(400)
            .WithSummary("List the agency's credentials").WithDescription("As `GET /api/v1/agent-credentials`, of this agency only.");
        agency.MapGet("/credentials/{id:guid}", AgentCredentialEndpoints.Get).WithName("AgencyGetCredential").ProducesDomainProblems(404)
            .WithSummary("Get a credential").WithDescription("Another agency's credential is a 404.");
        agency.MapPost("/credentials/{id:guid}/revoke", AgentCredentialEndpoints.Revoke).WithName("AgencyRevokeCredential").ProducesDomainProblems(400, 404, 409)
            .WithSummary("Revoke or suspend a credential").WithDescription(AgentCredentialEndpoints.RevokeDescription);
        agency.MapPost("/credentials/{id:guid}/unrevoke", AgentCredentialEndpoints.Unrevoke).WithName("AgencyUnrevokeCredential").ProducesDomainProblems(400, 404, 409)
            .WithSummary("Unrevoke or restore a credential").WithDescription(AgentCredentialEndpoints.UnrevokeDescription);
        agency.MapPost("/credentials/revoke-by-criteria", AgentCredentialEndpoints.RevokeByCriteria).WithName("AgencyRevokeCredentialsByCriteria")
            .ProducesDomainProblems(400).WithSummary("Revoke or suspend by criteria").WithDescription(AgentCredentialEndpoints.CriteriaDescription);
        agency.MapPost("/credentials/restore-by-criteria", AgentCredentialEndpoints.RestoreByCriteria).WithName("AgencyRestoreCredentialsByCriteria")
            .ProducesDomainProblems(400).WithSummary("Restore by criteria").WithDescription(AgentCredentialEndpoints.CriteriaDescription);
        return agency;
    }

    public static async Task<Ok<AgencyDetails>> Self(AgencyService agencies, ICurrentUser user, HttpContext http, CancellationToken ct)
    {
        var agency = await agencies.GetAsync(user.AgencyId() ?? throw new ForbiddenException("Only an agency's secret opens this."), ct);
        return ApiConventions.OkWithETag(http, agency, agency.Agency.Version);
    }

    public static async Task<Ok<PagedResult<AgentMessageRow>>> Messages(ListRequest<AgentMessageQuery> list, AgentMessageService messages, CancellationToken ct) =>
        TypedResults.Ok(await messages.ListAsync(list.Query, ct));

    public static async Task<Ok<AgentMessageRow>> Delivered(Guid id, AgentMessageService messages, CancellationToken ct) =>
        TypedResults.Ok(await messages.MarkDeliveredAsync(id, ct));
}
