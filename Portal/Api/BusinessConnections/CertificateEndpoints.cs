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
            .WithDescription("`status` (Valid, Grace, Expired: from the expiry and the clock), `needsAttention=true` (the work queue: expiring within 30 days or in grace), `expiringWithinDays` (valid, expiring within N days), `scheme` (RT), `linked`, `businessUnitId`; `q` searches the identifier, site identifiers and postcodes; `sort` by expiresAt (default), identifier or createdAt.");
        api.MapGet("/export", Export).WithName("ExportCertificates").Produces(200, contentType: "text/csv").ProducesDomainProblems(400)
            .WithSummary("Export certificates as CSV")
            .WithDescription("Every certificate the list's filters select (paging ignored), streamed as CSV, one line each with its status now and its primary site. A bad filter is a 400 before the first byte.");
        api.MapGet("/import/template", () => TypedResults.Text(CertificateImportService.Template(), "text/csv"))
            .WithName("CertificateImportTemplate").Produces(200, contentType: "text/csv").ProducesDomainProblems()
            .WithSummary("Download the scheme certificate file's template")
            .WithDescription("The columns of the scheme's certificate file (one line per certified site) and an example line (README: Business connections).");
        api.MapPost("/import", Import).WithName("ImportCertificates").Accepts<IFormFile>("text/csv", "multipart/form-data")
            .RequireAuthorization(Access.Policies.Write).ProducesDomainProblems(400)
            .WithSummary("Import the scheme's certificate file")
            .WithDescription("The body (text/csv) or a form field named `file`. The lines of one `certificateIdentifier` are one certificate, saved whole or refused whole; one Portal holds is renewed (expiry, enterprises, sites; its unit link kept). Good certificates are saved in one transaction; the report lists refused lines and a failed-rows file. `dryRun=true` checks and saves nothing.");
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

    public static async Task Export(ListRequest<CertificateQuery> list, CertificateService certificates, HttpContext http, CancellationToken ct)
    {
        var query = list.Query;
        query.EnsureValidFilters();
        await certificates.ExportAsync(query, ApiConventions.CsvDownload(http, "certificates"), ct);
    }

    public static async Task<Ok<CsvImportReport>> Import(HttpRequest request, CertificateImportService import, bool? dryRun, CancellationToken ct) =>
        TypedResults.Ok(await import.ImportAsync(await ApiConventions.CsvBodyAsync(request, ct), dryRun ?? false, progress: null, ct));

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
