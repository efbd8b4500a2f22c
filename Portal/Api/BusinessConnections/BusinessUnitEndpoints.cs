using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Domain.BusinessConnections;
using Portal.Domain.Common;

namespace Portal.Api;

public static class BusinessUnitEndpoints
{
    public static RouteGroupBuilder MapBusinessUnitEndpoints(this RouteGroupBuilder v1)
    {
        var api = v1.MapGroup("/business-units").WithTag(BusinessConnectionsApi.Tag).RequireAuthorization(Access.Policies.Read);
        api.MapGet("/", List).WithName("ListBusinessUnits").ProducesDomainProblems(400)
            .WithSummary("List business units")
            .WithDescription("`q` searches the name (any part), the holding number (exact, any separators) and the postcode (prefix); filter by `organisationId`, `type` (Farm, Stores, Region), `tag`, `scheme` (RT), `certificateStatus` (Valid, Grace, Expired: of the unit's latest certificate now), `country` (alpha-2) and `archived=true` (archived units; otherwise those in use); `sort` by name, type, postcode, countryCode, holdingNumber or createdAt.");
        api.MapGet("/export", Export).WithName("ExportBusinessUnits").Produces(200, contentType: "text/csv").ProducesDomainProblems(400)
            .WithSummary("Export business units as CSV")
            .WithDescription("Every unit the list's filters select (paging ignored), streamed as CSV. A bad filter is a 400 before the first byte.");
        api.MapGet("/import/template", () => TypedResults.Text(BusinessUnitImportService.Template(), "text/csv"))
            .WithName("BusinessUnitImportTemplate").Produces(200, contentType: "text/csv").ProducesDomainProblems()
            .WithSummary("Download the business unit import template")
            .WithDescription("A CSV file with the columns the import expects and an example row (README: Business connections).");
        api.MapPost("/import", Import).WithName("ImportBusinessUnits").Accepts<IFormFile>("text/csv", "multipart/form-data")
            .RequireAuthorization(Access.Policies.Write).ProducesDomainProblems(400)
            .WithSummary("Import business units from CSV")
            .WithDescription("The body (text/csv) or a form field named `file`, up to 20 MB; `organisationId` is the organisation of rows that leave theirs blank. Every row is checked first; the good rows are saved in one transaction and the report lists each refused row with its reasons and a failed-rows file. `dryRun=true` checks and saves nothing.");
        api.MapPost("/", Create).WithName("CreateBusinessUnit").ProducesDomainProblems(400).RequireAuthorization(Access.Policies.Write)
            .WithSummary("Create a business unit")
            .WithDescription("`organisationId` and `type` (set once), name, address (postcode checked against the country), `latitude`/`longitude` (both or neither, in range), `what3words` (`///word.word.word`), phone, email, tags, assurance scheme and holding number (GB: `11/111/1111`), SQC. Answers 201 with the unit and its ETag.");
        api.MapGet("/{id:guid}", Get).WithName("GetBusinessUnit").ProducesDomainProblems(404)
            .WithSummary("Get a business unit")
            .WithDescription("With its certificates (status now), whether it is assured and a map link; the ETag is its version.");
        api.MapPut("/{id:guid}", Update).WithName("UpdateBusinessUnit").ProducesDomainProblems(400, 404, 409, 412, 428).RequireAuthorization(Access.Policies.Write)
            .WithSummary("Change a business unit")
            .WithDescription("Every field but the type and the organisation. An archived unit is read-only (409 `business_unit.archived`). Needs If-Match.");
        api.MapPut("/{id:guid}/region", Move).WithName("MoveBusinessUnit").ProducesDomainProblems(400, 404, 409, 412, 428).RequireAuthorization(Access.Policies.Write)
            .WithSummary("Move a unit to another region")
            .WithDescription("`regionId`: a region of the same organisation. A region cannot sit under a region (409 `business_unit.region_in_region`). Needs If-Match.");
        api.MapDelete("/{id:guid}/region", LeaveRegion).WithName("RemoveBusinessUnitFromRegion").ProducesDomainProblems(404, 409, 412, 428).RequireAuthorization(Access.Policies.Write)
            .WithSummary("Take a unit out of its region")
            .WithDescription("409 `business_unit.not_in_region` when it is in none. Needs If-Match; answers 204 with the unit's next ETag.");
        api.MapPost("/{id:guid}/archive", Archive).WithName("ArchiveBusinessUnit").ProducesDomainProblems(404, 409, 412, 428).RequireAuthorization(Access.Policies.Write)
            .WithSummary("Archive a business unit")
            .WithDescription("It leaves the default list and becomes read-only; a region with units under it is kept (409 `business_unit.region_in_use`). Needs If-Match.");
        api.MapPost("/{id:guid}/restore", Restore).WithName("RestoreBusinessUnit").ProducesDomainProblems(404, 409, 412, 428).RequireAuthorization(Access.Policies.Write)
            .WithSummary("Restore an archived business unit")
            .WithDescription("Needs If-Match; 409 `business_unit.not_archived` when it is in use.");
        api.MapGet("/{id:guid}/certificates", Certificates).WithName("ListBusinessUnitCertificates").ProducesDomainProblems(404)
            .WithSummary("The unit's certificates")
            .WithDescription("Each with its status now (Valid, Grace, Expired), enterprises, expiry and certified sites.");
        api.MapPost("/{id:guid}/certificates", Link).WithName("LinkBusinessUnitCertificate").ProducesDomainProblems(400, 404, 409, 412, 428).RequireAuthorization(Access.Policies.Write)
            .WithSummary("Link a certificate to the unit")
            .WithDescription("`certificateId`: one Portal holds (found with `GET /certificates/lookup`). 409 `certificate.linked_elsewhere` or `certificate.already_linked`. Needs the unit's If-Match; answers 201 with the certificate and the unit's next ETag.");
        api.MapDelete("/{id:guid}/certificates/{certificateId:guid}", Unlink).WithName("UnlinkBusinessUnitCertificate").ProducesDomainProblems(404, 409, 412, 428).RequireAuthorization(Access.Policies.Write)
            .WithSummary("Unlink a certificate from the unit")
            .WithDescription("The certificate stays in Portal, unlinked. Needs the unit's If-Match.");
        return v1;
    }

    public static async Task<Ok<PagedResult<BusinessUnitRow>>> List(ListRequest<BusinessUnitQuery> list, BusinessUnitService units, CancellationToken ct) =>
        TypedResults.Ok(await units.ListAsync(list.Query, ct));

    public static async Task Export(ListRequest<BusinessUnitQuery> list, BusinessUnitService units, HttpContext http, CancellationToken ct)
    {
        var query = list.Query;
        query.EnsureValid();
        await units.ExportAsync(query, ApiConventions.CsvDownload(http, "business-units"), ct);
    }

    public static async Task<Ok<CsvImportReport>> Import(HttpRequest request, BusinessUnitImportService import, Guid? organisationId, bool? dryRun, CancellationToken ct) =>
        TypedResults.Ok(await import.ImportAsync(await ApiConventions.CsvBodyAsync(request, ct), organisationId, dryRun ?? false, progress: null, ct));

    public static async Task<Created<BusinessUnitDetails>> Create(CreateBusinessUnit body, BusinessUnitService units, HttpContext http, CancellationToken ct)
    {
        var created = await units.CreateAsync(body, ct);
        return ApiConventions.CreatedWithETag(http, $"/api/v1/business-units/{created.Id}", created, created.Version);
    }

    public static async Task<Ok<BusinessUnitDetails>> Get(Guid id, BusinessUnitService units, HttpContext http, CancellationToken ct)
    {
        var unit = await units.GetAsync(id, ct);
        return ApiConventions.OkWithETag(http, unit, unit.Version);
    }

    public static async Task<Ok<BusinessUnitDetails>> Update(Guid id, BusinessUnitFields body, BusinessUnitService units, HttpContext http, CancellationToken ct)
    {
        var unit = await units.UpdateAsync(id, body, ApiConventions.RequiredVersion(http, body.Version), ct);
        return ApiConventions.OkWithETag(http, unit, unit.Version);
    }

    public static async Task<Ok<BusinessUnitDetails>> Move(Guid id, MoveBusinessUnit body, BusinessUnitService units, HttpContext http, CancellationToken ct)
    {
        var unit = await units.MoveAsync(id, body, ApiConventions.RequiredVersion(http), ct);
        return ApiConventions.OkWithETag(http, unit, unit.Version);
    }

    public static async Task<NoContent> LeaveRegion(Guid id, BusinessUnitService units, HttpContext http, CancellationToken ct) =>
        ApiConventions.NoContentWithETag(http, (await units.LeaveRegionAsync(id, ApiConventions.RequiredVersion(http), ct)).Version);

    public static async Task<Ok<BusinessUnitDetails>> Archive(Guid id, BusinessUnitService units, HttpContext http, CancellationToken ct)
    {
        var unit = await units.ArchiveAsync(id, ApiConventions.RequiredVersion(http), ct);
        return ApiConventions.OkWithETag(http, unit, unit.Version);
    }

    public static async Task<Ok<BusinessUnitDetails>> Restore(Guid id, BusinessUnitService units, HttpContext http, CancellationToken ct)
    {
        var unit = await units.RestoreAsync(id, ApiConventions.RequiredVersion(http), ct);
        return ApiConventions.OkWithETag(http, unit, unit.Version);
    }

    public static async Task<Ok<IReadOnlyList<CertificateRow>>> Certificates(Guid id, BusinessUnitService units, HttpContext http, CancellationToken ct)
    {
        var unit = await units.GetAsync(id, ct);
        return ApiConventions.OkWithETag(http, unit.Certificates, unit.Version);
    }

    public static async Task<Created<CertificateRow>> Link(Guid id, LinkCertificate body, BusinessUnitService units, HttpContext http, CancellationToken ct)
    {
        var unit = await units.LinkCertificateAsync(id, body, ApiConventions.RequiredVersion(http), ct);
        var certificate = unit.Certificates.Single(c => c.Id == body.CertificateId);
        return ApiConventions.CreatedWithETag(http, $"/api/v1/certificates/{certificate.Id}", certificate, unit.Version);
    }

    public static async Task<NoContent> Unlink(Guid id, Guid certificateId, BusinessUnitService units, HttpContext http, CancellationToken ct) =>
        ApiConventions.NoContentWithETag(http, (await units.UnlinkCertificateAsync(id, certificateId, ApiConventions.RequiredVersion(http), ct)).Version);
}
