using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Auth;
using Portal.Domain.Admin;
using Portal.Domain.Common;

namespace Portal.Api;

public static class StaffUserEndpoints
{
    public static readonly ApiTag Tag = new("Staff users",
        "The people who sign in to Portal, and their roles (Admin only): create and change them, disable and enable them, " +
        "set a new password, and move them in and out as CSV. A disabled user is signed out everywhere within a minute.");

    public static RouteGroupBuilder MapStaffUserEndpoints(this RouteGroupBuilder v1)
    {
        var api = v1.MapGroup("/staff-users").WithTag(Tag).RequireAuthorization(Access.Policies.Admin);

        api.MapGet("/", List).WithName("ListStaffUsers").ProducesDomainProblems(400)
            .WithSummary("List staff users")
            .WithDescription("One page of staff users. `q` searches email and display name; `role` (Admin, Staff, Warehouse, Viewer) and `disabled` filter; `sort` by email, displayName, createdAt or lastSignInAt. An unknown role or sort field is a 400.");
        api.MapGet("/{id:guid}", Get).WithName("GetStaffUser").ProducesDomainProblems(404)
            .WithSummary("Get a staff user")
            .WithDescription("The user with its roles; the ETag is its version, to send back as If-Match when changing it.");
        api.MapPost("/", Create).WithName("CreateStaffUser").ProducesDomainProblems(400)
            .RequireSignedInPerson() // creating keys and accounts is for people, never for a key
            .WithSummary("Create a staff user")
            .WithDescription("Creates a user with a display name, roles and an initial password that meets the password policy (12 characters, upper- and lower-case letters and a digit). An email already in use is a 400 on `email`.");
        api.MapPut("/{id:guid}", Update).WithName("UpdateStaffUser").ProducesDomainProblems(400, 404, 409, 412)
            .WithSummary("Change a staff user's name and roles")
            .WithDescription("Needs the version read (If-Match or `version` in the body); a change made meanwhile is a 412. A change of roles signs the user out everywhere. Removing your own Admin role (`staff_user.self_demotion`) or the last active Admin's (`staff_user.last_admin`) is a 409.");
        api.MapPost("/{id:guid}/disable", Disable).WithName("DisableStaffUser").ProducesDomainProblems(404, 409, 412, 428)
            .WithSummary("Disable a staff user")
            .WithDescription("The user can no longer sign in and is signed out everywhere within a minute. Needs If-Match. Disabling yourself, the last active Admin or a user already disabled is a 409 whose `code` says which.");
        api.MapPost("/{id:guid}/enable", Enable).WithName("EnableStaffUser").ProducesDomainProblems(404, 409, 412, 428)
            .WithSummary("Enable a disabled staff user")
            .WithDescription("The user may sign in again (a lockout is lifted too). Needs If-Match; a user who is not disabled is a 409.");
        api.MapPost("/{id:guid}/password", ResetPassword).WithName("ResetStaffUserPassword").ProducesDomainProblems(400, 404, 412)
            .WithSummary("Set a new password for a staff user")
            .WithDescription("Replaces the password (it must meet the password policy, else a 400 on `newPassword`), ends the user's sessions, lifts a lockout and emails the user. Needs the version read (If-Match or `version` in the body).");
        api.MapGet("/export", Export).WithName("ExportStaffUsers").Produces(200, contentType: "text/csv").ProducesDomainProblems(400)
            .WithSummary("Export staff users as CSV")
            .WithDescription("Every user the list's filters select (paging ignored), streamed as CSV with the columns email, displayName and roles.");
        api.MapGet("/import/template", () => TypedResults.Text(StaffUserService.ImportTemplate(), "text/csv"))
            .WithName("StaffUserImportTemplate").Produces(200, contentType: "text/csv").ProducesDomainProblems()
            .WithSummary("Download the staff-user import template")
            .WithDescription("A CSV file with the columns the import expects and an example row.");
        api.MapPost("/import", Import).WithName("ImportStaffUsers").Accepts<IFormFile>("text/csv", "multipart/form-data")
            .RequireSignedInPerson() // creating keys and accounts is for people, never for a key
            .ProducesDomainProblems(400)
            .WithSummary("Import staff users from CSV")
            .WithDescription("The CSV (email, displayName, roles separated by `;`) as the body (text/csv) or a form field named `file`. Every row is checked first; the good rows are saved together and the report lists each refused row with its reasons. Imported users have no password until an Admin sets one, and are told so by email. `dryRun=true` checks without saving.");
        return v1;
    }

    public static async Task<Ok<PagedResult<StaffUserRow>>> List(ListRequest<StaffUserQuery> list, StaffUserService users, CancellationToken ct) =>
        TypedResults.Ok(await users.ListAsync(list.Query, ct));

    /// <summary>The current filter as CSV, streamed row by row.</summary>
    public static async Task Export(ListRequest<StaffUserQuery> list, StaffUserService users, HttpContext http, CancellationToken ct)
    {
        var query = list.Query;
        query.EnsureValid(); // before the first byte, so a bad filter is still a 400
        await users.ExportAsync(query, ApiConventions.CsvDownload(http, "staff-users"), ct);
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
        return ApiConventions.CreatedWithETag(http, $"/api/v1/staff-users/{user.Id}", user, user.Version);
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
