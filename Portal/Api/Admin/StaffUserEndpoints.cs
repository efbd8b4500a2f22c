using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Auth;
using Portal.Domain.Admin;
using Portal.Domain.Common;

namespace Portal.Api;

public static class StaffUserEndpoints
{
    public static IEndpointRouteBuilder MapStaffUserEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/staff-users").WithTags("Staff users").RequireAuthorization(Policies.ApiAdmin);

        api.MapGet("/", List).WithName("ListStaffUsers").ProducesDomainProblems(400);
        api.MapGet("/{id:guid}", Get).WithName("GetStaffUser").ProducesDomainProblems(404);
        api.MapPost("/", Create).WithName("CreateStaffUser").ProducesDomainProblems(400);
        api.MapPut("/{id:guid}", Update).WithName("UpdateStaffUser").ProducesDomainProblems(400, 404, 409, 412);
        api.MapPost("/{id:guid}/disable", Disable).WithName("DisableStaffUser").ProducesDomainProblems(404, 409, 412, 428);
        api.MapPost("/{id:guid}/enable", Enable).WithName("EnableStaffUser").ProducesDomainProblems(404, 409, 412, 428);
        api.MapPost("/{id:guid}/password", ResetPassword).WithName("ResetStaffUserPassword").ProducesDomainProblems(400, 404, 412);
        api.MapGet("/export", Export).WithName("ExportStaffUsers").Produces(200, contentType: "text/csv").ProducesDomainProblems(400);
        api.MapGet("/import/template", () => TypedResults.Text(StaffUserService.ImportTemplate(), "text/csv"))
            .WithName("StaffUserImportTemplate").Produces(200, contentType: "text/csv").ProducesDomainProblems();
        api.MapPost("/import", Import).WithName("ImportStaffUsers").Accepts<IFormFile>("text/csv", "multipart/form-data")
            .ProducesDomainProblems(400);
        return app;
    }

    public static async Task<Ok<PagedResult<StaffUserRow>>> List(ListRequest<StaffUserQuery> list, StaffUserService users, CancellationToken ct) =>
        TypedResults.Ok(await users.ListAsync(list.Query, ct));

    /// <summary>The current filter as CSV, streamed row by row.</summary>
    public static async Task Export(ListRequest<StaffUserQuery> list, StaffUserService users, HttpContext http, CancellationToken ct)
    {
        var query = list.Query;
        query.EnsureValid(); // before the first byte, so a bad filter is still a 400
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"staff-users-{DateTime.UtcNow:yyyyMMdd-HHmm}.csv\"";
        await users.ExportAsync(query, http.Response.Body, ct);
    }

    /// <summary>A CSV file as the body (text/csv) or as a form upload named "file"; <c>dryRun=true</c> checks without saving.</summary>
    public static async Task<Ok<CsvImportReport>> Import(HttpRequest request, StaffUserService users, bool? dryRun, CancellationToken ct) =>
        TypedResults.Ok(await users.ImportAsync(await ApiConventions.CsvBodyAsync(request, ct), dryRun ?? false, progress: null, ct));

    public static async Task<Ok<StaffUserRow>> Get(Guid id, StaffUserService users, HttpContext http, CancellationToken ct)
    {
        var user = await users.GetAsync(id, ct);
        return ApiConventions.OkWithETag(http, user, user.Version);
    }

    public static async Task<Created<StaffUserRow>> Create(CreateStaffUser body, StaffUserService users, HttpContext http, CancellationToken ct)
    {
        var user = await users.CreateAsync(body, ct);
        http.Response.Headers.ETag = ApiConventions.ETagOf(user.Version);
        return TypedResults.Created($"/api/v1/staff-users/{user.Id}", user);
    }

    public static async Task<Ok<StaffUserRow>> Update(Guid id, UpdateStaffUser body, StaffUserService users, HttpContext http, CancellationToken ct)
    {
        body.Version = ApiConventions.RequiredVersion(http, body.Version);
        var user = await users.UpdateAsync(id, body, ct);
        return ApiConventions.OkWithETag(http, user, user.Version);
    }

    public static async Task<Ok<StaffUserRow>> Disable(Guid id, StaffUserService users, HttpContext http, CancellationToken ct)
    {
        var user = await users.SetDisabledAsync(id, true, ApiConventions.RequiredVersion(http), ct);
        return ApiConventions.OkWithETag(http, user, user.Version);
    }

    public static async Task<Ok<StaffUserRow>> Enable(Guid id, StaffUserService users, HttpContext http, CancellationToken ct)
    {
        var user = await users.SetDisabledAsync(id, false, ApiConventions.RequiredVersion(http), ct);
        return ApiConventions.OkWithETag(http, user, user.Version);
    }

    public static async Task<Ok<StaffUserRow>> ResetPassword(Guid id, ResetStaffUserPassword body, StaffUserService users, HttpContext http, CancellationToken ct)
    {
        body.Version = ApiConventions.RequiredVersion(http, body.Version);
        var user = await users.ResetPasswordAsync(id, body, ct);
        return ApiConventions.OkWithETag(http, user, user.Version);
    }
}
