using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Auth;
using Portal.Domain.Common;
using Portal.Domain.Organisations;

namespace Portal.Api;

public static class OrganisationEndpoints
{
    public static IEndpointRouteBuilder MapOrganisationEndpoints(this IEndpointRouteBuilder app)
    {
        // Who may read or change is decided by OrganisationService (Admin/Staff write, Viewer reads).
        var api = app.MapGroup("/api/v1/organisations").WithTags("Organisations").RequireAuthorization(Policies.ApiRead);

        api.MapGet("/", List).WithName("ListOrganisations").ProducesDomainProblems(400);
        api.MapGet("/export", Export).WithName("ExportOrganisations").Produces(200, contentType: "text/csv").ProducesDomainProblems(400);
        api.MapGet("/import/template", () => TypedResults.Text(OrganisationImportService.Template(), "text/csv"))
            .WithName("OrganisationImportTemplate").Produces(200, contentType: "text/csv").ProducesDomainProblems();
        api.MapPost("/import", Import).WithName("ImportOrganisations").Accepts<IFormFile>("text/csv", "multipart/form-data")
            .ProducesDomainProblems(400);
        api.MapPost("/bulk", Bulk).WithName("BulkChangeOrganisations").ProducesDomainProblems(400);
        api.MapGet("/{id:guid}", Get).WithName("GetOrganisation").ProducesDomainProblems(404);
        api.MapPost("/", Create).WithName("CreateOrganisation").ProducesDomainProblems(400);
        api.MapPut("/{id:guid}", Update).WithName("UpdateOrganisation").ProducesDomainProblems(400, 404, 409, 412, 428);
        api.MapPost("/{id:guid}/activate", Activate).WithName("ActivateOrganisation").ProducesDomainProblems(404, 409, 412, 428);
        api.MapPost("/{id:guid}/suspend", Suspend).WithName("SuspendOrganisation").ProducesDomainProblems(400, 404, 409, 412, 428);
        api.MapPost("/{id:guid}/archive", Archive).WithName("ArchiveOrganisation").ProducesDomainProblems(400, 404, 409, 412, 428);
        api.MapGet("/{id:guid}/members", Members).WithName("ListOrganisationMembers").ProducesDomainProblems(404);
        api.MapPost("/{id:guid}/members", AddMember).WithName("AddOrganisationMember").ProducesDomainProblems(400, 404, 409, 412, 428);
        api.MapPut("/{id:guid}/owner", ChangeOwner).WithName("ChangeOrganisationOwner").ProducesDomainProblems(400, 404, 409, 412, 428);
        return app;
    }

    public static async Task<Ok<PagedResult<OrganisationRow>>> List(ListRequest<OrganisationQuery> list, OrganisationService orgs, CancellationToken ct) =>
        TypedResults.Ok(await orgs.ListAsync(list.Query, ct));

    /// <summary>The current filter as CSV, streamed row by row.</summary>
    public static async Task Export(ListRequest<OrganisationQuery> list, OrganisationService orgs, HttpContext http, CancellationToken ct)
    {
        var query = list.Query;
        query.EnsureValid(); // before the first byte, so a bad filter is still a 400
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"organisations-{DateTime.UtcNow:yyyyMMdd-HHmm}.csv\"";
        await orgs.ExportAsync(query, http.Response.Body, ct);
    }

    /// <summary>New organisations from CSV (the body, or a form upload named "file"); <c>dryRun=true</c> checks every row and saves nothing.</summary>
    public static async Task<Ok<CsvImportReport>> Import(HttpRequest request, OrganisationImportService import, bool? dryRun, CancellationToken ct) =>
        TypedResults.Ok(await import.ImportAsync(await ApiConventions.CsvBodyAsync(request, ct), dryRun ?? false, progress: null, ct));

    /// <summary>Activates, suspends or assigns an account manager to the organisations given by id or by a filter.</summary>
    public static async Task<Ok<BulkOrganisationResult>> Bulk(BulkOrganisationChange body, OrganisationService orgs, CancellationToken ct) =>
        TypedResults.Ok(await orgs.BulkChangeAsync(body, progress: null, ct));

    public static async Task<Ok<OrganisationDetails>> Get(Guid id, OrganisationService orgs, HttpContext http, CancellationToken ct) =>
        WithETag(http, await orgs.GetAsync(id, ct));

    public static async Task<Created<OrganisationDetails>> Create(CreateOrganisation body, OrganisationService orgs, HttpContext http, CancellationToken ct)
    {
        var org = await orgs.CreateAsync(body, ct);
        http.Response.Headers.ETag = ApiConventions.ETagOf(org.Organisation.Version);
        return TypedResults.Created($"/api/v1/organisations/{org.Organisation.Id}", org);
    }

    public static async Task<Ok<OrganisationDetails>> Update(Guid id, UpdateOrganisation body, OrganisationService orgs, HttpContext http, CancellationToken ct)
    {
        body.Version = ApiConventions.RequiredVersion(http, body.Version);
        return WithETag(http, await orgs.UpdateAsync(id, body, ct));
    }

    /// <summary>Activates (or reinstates) it; the owner is sent a welcome email.</summary>
    public static async Task<Ok<OrganisationDetails>> Activate(Guid id, OrganisationService orgs, HttpContext http, CancellationToken ct) =>
        WithETag(http, await orgs.ActivateAsync(id, ApiConventions.RequiredVersion(http), ct));

    public static async Task<Ok<OrganisationDetails>> Suspend(Guid id, StatusReason body, OrganisationService orgs, HttpContext http, CancellationToken ct) =>
        WithETag(http, await orgs.SuspendAsync(id, new ChangeStatus { Reason = body.Reason, Version = ApiConventions.RequiredVersion(http, body.Version) }, ct));

    public static async Task<Ok<OrganisationDetails>> Archive(Guid id, StatusReason body, OrganisationService orgs, HttpContext http, CancellationToken ct) =>
        WithETag(http, await orgs.ArchiveAsync(id, new ChangeStatus { Reason = body.Reason, Version = ApiConventions.RequiredVersion(http, body.Version) }, ct));

    public static async Task<Ok<IReadOnlyList<MemberRow>>> Members(Guid id, OrganisationService orgs, HttpContext http, CancellationToken ct)
    {
        var org = await orgs.GetAsync(id, ct);
        http.Response.Headers.ETag = ApiConventions.ETagOf(org.Organisation.Version);
        return TypedResults.Ok(org.Members);
    }

    public static async Task<Created<OrganisationDetails>> AddMember(Guid id, CreateMember body, OrganisationService orgs, HttpContext http, CancellationToken ct)
    {
        var org = await orgs.AddMemberAsync(id, body, ApiConventions.RequiredVersion(http), ct);
        http.Response.Headers.ETag = ApiConventions.ETagOf(org.Organisation.Version);
        return TypedResults.Created($"/api/v1/organisations/{id}/members", org);
    }

    public static async Task<Ok<OrganisationDetails>> ChangeOwner(Guid id, NewOwner body, OrganisationService orgs, HttpContext http, CancellationToken ct) =>
        WithETag(http, await orgs.ChangeOwnerAsync(id, body.MemberId, ApiConventions.RequiredVersion(http, body.Version), ct));

    private static Ok<OrganisationDetails> WithETag(HttpContext http, OrganisationDetails org) =>
        ApiConventions.OkWithETag(http, org, org.Organisation.Version);

    /// <summary>Why it is being suspended or archived; the version may come here or in If-Match.</summary>
    public sealed record StatusReason(string? Reason, long? Version);

    public sealed record NewOwner(Guid MemberId, long? Version);
}
