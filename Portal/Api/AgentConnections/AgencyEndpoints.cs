using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Domain.AgentConnections;
using Portal.Domain.Common;
using Portal.Features.AgentConnections;

namespace Portal.Api;

public static class AgencyEndpoints
{
    public static RouteGroupBuilder MapAgencyEndpoints(this RouteGroupBuilder v1)
    {
        var api = v1.MapGroup("/agencies").WithTag(AgentConnectionsApi.Tag).RequireAuthorization(Access.Policies.Read);
        api.MapGet("/", List).WithName("ListAgencies").ProducesDomainProblems(400)
            .WithSummary("List agencies")
            .WithDescription("`q` searches name, DID and label; filter by `organisationId`; `sort` by name, createdAt or secretRotatedAt.");
        api.MapPost("/", Create).WithName("CreateAgency").ProducesDomainProblems(400).RequireAuthorization(Access.Policies.Write)
            .WithSummary("Create an agency")
            .WithDescription("Answers 201 with the agency and its `secret`, the value of the `hash` header its systems send. It is shown this once; Portal keeps only its SHA-256 hash.");
        api.MapGet("/{id:guid}", Get).WithName("GetAgency").ProducesDomainProblems(404)
            .WithSummary("Get an agency")
            .WithDescription("With its connect URL, when the secret was last rotated (never the secret) and its counts.");
        api.MapPut("/{id:guid}", Update).WithName("UpdateAgency").ProducesDomainProblems(400, 404, 412, 428).RequireAuthorization(Access.Policies.Write)
            .WithSummary("Change an agency").WithDescription("Organisation, name, DID, label and endpoint. Needs If-Match.");
        api.MapDelete("/{id:guid}", Delete).WithName("DeleteAgency").ProducesDomainProblems(404, 412, 428).RequireAuthorization(Access.Policies.Admin)
            .WithSummary("Delete an agency")
            .WithDescription("With its connections, messages and credentials (the audit keeps their history); its secret stops working. Admins only; needs If-Match.");
        api.MapPost("/{id:guid}/secret", RotateSecret).WithName("RotateAgencySecret").ProducesDomainProblems(404, 412, 428).RequireAuthorization(Access.Policies.Write)
            .WithSummary("Rotate the agency secret")
            .WithDescription("A new secret, answered once; the old one is refused from now on. Needs If-Match.");
        api.MapGet("/{id:guid}/connect-url", ConnectUrl).WithName("GetAgencyConnectUrl").ProducesDomainProblems(404)
            .WithSummary("Get the connect URL")
            .WithDescription("The agency's endpoint with `?oob=` and the base64url RFC 0434 invitation (`@type`, `@id`, `label`, `services`, `handshake_protocols`).");
        api.MapPost("/{id:guid}/connect-url", RecreateConnectUrl).WithName("RecreateAgencyConnectUrl").ProducesDomainProblems(404, 412, 428)
            .RequireAuthorization(Access.Policies.Write)
            .WithSummary("Recreate the connect URL")
            .WithDescription("A new invitation id: links and QR codes handed out before no longer validate. Needs If-Match.");
        api.MapPost("/{id:guid}/connect-url/check", CheckConnectUrl).WithName("CheckAgencyConnectUrl").ProducesDomainProblems(400, 404)
            .WithSummary("Check a connect URL")
            .WithDescription("Whether `url` is the agency's current connect link; when not, why (malformed, replaced, another party's).");
        api.MapGet("/{id:guid}/connect-qr", ConnectQr).WithName("GetAgencyConnectQr").ProducesDomainProblems(400, 404)
            .Produces(200, contentType: "image/png").Produces(200, contentType: "image/svg+xml")
            .WithSummary("Get the connect QR code")
            .WithDescription("The connect URL as a QR code: `format=png` (default) or `format=svg`.");
        return v1;
    }

    public static async Task<Ok<PagedResult<AgencyRow>>> List(ListRequest<AgencyQuery> list, AgencyService agencies, CancellationToken ct) =>
        TypedResults.Ok(await agencies.ListAsync(list.Query, ct));

    public static async Task<Created<AgencyCreated>> Create(AgencyFields body, AgencyService agencies, HttpContext http, CancellationToken ct)
    {
        var created = await agencies.CreateAsync(body, ct);
        http.Response.Headers.CacheControl = "no-store"; // the secret is in the body
        return ApiConventions.CreatedWithETag(http, $"/api/v1/agencies/{created.Agency.Agency.Id}", created, created.Agency.Agency.Version);
    }

    public static async Task<Ok<AgencyDetails>> Get(Guid id, AgencyService agencies, HttpContext http, CancellationToken ct)
    {
        var agency = await agencies.GetAsync(id, ct);
        return ApiConventions.OkWithETag(http, agency, agency.Agency.Version);
    }

    public static async Task<Ok<AgencyDetails>> Update(Guid id, AgencyFields body, AgencyService agencies, HttpContext http, CancellationToken ct)
    {
        var agency = await agencies.UpdateAsync(id, body, ApiConventions.RequiredVersion(http, body.Version), ct);
        return ApiConventions.OkWithETag(http, agency, agency.Agency.Version);
    }

    public static async Task<NoContent> Delete(Guid id, AgencyService agencies, HttpContext http, CancellationToken ct)
    {
        await agencies.DeleteAsync(id, ApiConventions.RequiredVersion(http), ct);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<SecretRotated>> RotateSecret(Guid id, AgencyService agencies, HttpContext http, CancellationToken ct)
    {
        var rotated = await agencies.RotateSecretAsync(id, ApiConventions.RequiredVersion(http), ct);
        http.Response.Headers.CacheControl = "no-store";
        return ApiConventions.OkWithETag(http, rotated, rotated.Version);
    }

    public sealed record ConnectUrlAnswer(string Url, int LinkNumber, DateTimeOffset CreatedAt);

    public static async Task<Ok<ConnectUrlAnswer>> ConnectUrl(Guid id, AgencyService agencies, HttpContext http, CancellationToken ct)
    {
        var agency = await agencies.GetAsync(id, ct);
        return ApiConventions.OkWithETag(http, new ConnectUrlAnswer(agency.ConnectUrl, agency.Agency.ConnectLinkNumber, agency.Agency.ConnectLinkCreatedAt), agency.Agency.Version);
    }

    public static async Task<Ok<ConnectUrlAnswer>> RecreateConnectUrl(Guid id, AgencyService agencies, HttpContext http, CancellationToken ct)
    {
        var agency = await agencies.RecreateConnectLinkAsync(id, ApiConventions.RequiredVersion(http), ct);
        return ApiConventions.OkWithETag(http, new ConnectUrlAnswer(agency.ConnectUrl, agency.Agency.ConnectLinkNumber, agency.Agency.ConnectLinkCreatedAt), agency.Agency.Version);
    }

    public static async Task<Ok<ConnectLinkCheck>> CheckConnectUrl(Guid id, CheckConnectLink body, AgencyService agencies, CancellationToken ct) =>
        TypedResults.Ok(await agencies.CheckConnectLinkAsync(id, body, ct));

    public static async Task<IResult> ConnectQr(Guid id, string? format, AgencyService agencies, CancellationToken ct)
    {
        var kind = (format ?? "png").ToLowerInvariant();
        if (kind is not ("png" or "svg")) throw DomainValidationException.For("format", "Ask for format=png or format=svg.");
        var url = await agencies.ConnectUrlAsync(id, ct);
        return kind == "svg"
            ? TypedResults.Text(ConnectQrCode.Svg(url), "image/svg+xml")
            : TypedResults.File(ConnectQrCode.Png(url), "image/png");
    }
}
