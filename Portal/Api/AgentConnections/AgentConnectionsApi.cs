using Portal.Auth;

namespace Portal.Api;

public static class AgentConnectionsApi
{
    public static readonly ApiTag Tag = new("Agent connections",
        "Agencies (an organisation's agent, with its DID, a secret `hash` shown once and stored hashed, and a connect link " +
        "carrying an Aries RFC 0434 out-of-band invitation, also as a QR code), their connections to people's and businesses' " +
        "agents (by DID, alias, invitation URL or linked domain; DID Exchange states invited → requested → responded → completed, " +
        "or abandoned with a reason), messages and credentials (revocation and suspension lists, singly or by criteria). Portal " +
        "talks to no ledger or agent: what it sends is queued for the agency's systems, which fetch it through the agency-scoped " +
        "routes. Staff (and Admin) change, Viewers read, Admins delete. Changes to an agency or connection need its ETag as If-Match.");

    public static readonly ApiTag AgencyTag = new("Agency",
        "The agency-scoped API for an agency's own systems: send the agency secret in the `hash` header (no API key, no cookie). " +
        "Every route sees and changes only that agency's connections, messages and credentials; another agency's record is a 404. " +
        "A rotated secret, or a deleted agency's, is a 401 at once. Poll `GET /api/v1/agency/messages?delivery=Queued` for what to deliver.");

    /// <summary>The staff routes under /api/v1.</summary>
    public static RouteGroupBuilder MapAgentConnectionsApi(this RouteGroupBuilder v1) => v1
        .MapAgencyEndpoints()
        .MapAgentConnectionEndpoints()
        .MapAgentCredentialEndpoints();

    /// <summary>
    /// The agency-scoped routes, /api/v1/agency, beside the /api/v1 group rather than in it: that group admits Portal roles
    /// only, and an agency's systems have none. They authenticate by the <c>hash</c> header alone.
    /// </summary>
    public static IEndpointRouteBuilder MapAgencyScopedApi(this IEndpointRouteBuilder app)
    {
        var agency = app.MapGroup("/api/v1/agency").WithTag(AgencyTag).RequireAuthorization(AgencyHashAuthenticationHandler.Policy)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        agency.MapAgencyScopedEndpoints();
        return app;
    }
}
