using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Domain.BusinessConnections;
using Portal.Domain.Common;

namespace Portal.Api;

public static class CertificateEndpoints
{
    public static RouteGroupBuilder MapCertificateEndpoints(this RouteGroupBuilder v1)
    {
        var api = v1.MapGroup("/certificates").WithTag(BusinessConnectionsApi.Tag).RequireAuthorization(Access.Policies.Read);
        api.MapGet("/", List).WithName("ListCertificates").ProducesDomainProblems(400)
            .WithSummary("List assurance certificates")
            .WithDescription("`status` (Valid, Grace, Expired: from the expiry and the clock), `needsAttention=true` (the work queue: expiring within 30 days or in grace), `linked`, `businessUnitId`; `q` searches the identifier, site identifiers and postcodes; `sort` by expiresAt (default), identifier or createdAt.");
        api.MapGet("/lookup", Lookup).WithName("LookupCertificates").ProducesDomainProblems(400)
            .WithSummary("Look up certificates by country, postcode and holding number")
            .WithDescription("`country` ISO 3166-1 alpha-3 (default GBR), `postcode` and/or `holdingNumber`. Answers the matching certificates that are valid or in grace, as the scheme's lookup does. Runs against the certificates Portal holds (imported or entered by staff): there is no live Red Tractor service here.");
        api.MapPost("/", Create).WithName("CreateCertificate").ProducesDomainProblems(400, 409).RequireAuthorization(Access.Policies.Write)
            .WithSummary("Enter a certificate")
            .WithDescription("Scheme (RT), identifier, enterprises, expiry and certified sites (identifier type `holdingno` and the holding number, postcode, country, primary flag). A certificate Portal already holds is a 409 `certificate.exists`.");
        api.MapGet("/{id:guid}", Get).WithName("GetCertificate").ProducesDomainProblems(404)
            .WithSummary("Get a certificate")
            .WithDescription("With its status now, its sites and the unit it is linked to.");
        return v1;
    }

    public static async Task<Ok<PagedResult<CertificateRow>>> List(ListRequest<CertificateQuery> list, CertificateService certificates, CancellationToken ct) =>
        TypedResults.Ok(await certificates.ListAsync(list.Query, ct));

    public static async Task<Ok<IReadOnlyList<CertificateRow>>> Lookup(CertificateService certificates, string? country, string? postcode, string? holdingNumber, CancellationToken ct) =>
        TypedResults.Ok(await certificates.LookupAsync(new CertificateLookupQuery { Country = country ?? "GBR", Postcode = postcode, HoldingNumber = holdingNumber }, ct));

    public static async Task<Created<CertificateRow>> Create(CreateCertificate body, CertificateService certificates, HttpContext http, CancellationToken ct)
    {
        var created = await certificates.CreateAsync(body, ct);
        return ApiConventions.CreatedWithETag(http, $"/api/v1/certificates/{created.Id}", created, created.Version);
    }

    public static async Task<Ok<CertificateRow>> Get(Guid id, CertificateService certificates, HttpContext http, CancellationToken ct)
    {
        var certificate = await certificates.GetAsync(id, ct);
        return ApiConventions.OkWithETag(http, certificate, certificate.Version);
    }
}
