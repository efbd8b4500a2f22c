using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Domain.Common;
using Portal.Domain.Organisations;

namespace Portal.Api;

public static class OrganisationEndpoints
{
    public static RouteGroupBuilder MapOrganisationEndpoints(this RouteGroupBuilder v1)
    {
        // Viewers read, Admin/Staff write: each changing route names Access.Policies.Write, and OrganisationService checks again.
        var api = v1.MapGroup("/organisations").WithTag(OrganisationsApi.Tag).RequireAuthorization(Access.Policies.Read);

        api.MapGet("/", List).WithName("ListOrganisations").ProducesDomainProblems(400)
            .WithSummary("List organisations")
            .WithDescription("One page of organisations with owner and account manager. `q` searches name, trading name, billing email and company number (any part, case-insensitive); filter by `status`, `country` (ISO 3166-1 alpha-2), `vetted`, `accountManagerId` and `module`; `sort` by name, countryCode, status, createdAt or companyNumber. An unknown module or sort field is a 400.");
        api.MapGet("/export", Export).WithName("ExportOrganisations").Produces(200, contentType: "text/csv").ProducesDomainProblems(400)
            .WithSummary("Export organisations as CSV")
            .WithDescription("Every organisation the list's filters select (paging ignored), streamed as CSV: id, name, trading name, billing email, company number, country, status, vetted, merchant, owner, account manager and created date. A bad filter is a 400 before the first byte.");
        api.MapGet("/import/template", () => TypedResults.Text(OrganisationImportService.Template(), "text/csv"))
            .WithName("OrganisationImportTemplate").Produces(200, contentType: "text/csv").ProducesDomainProblems()
            .WithSummary("Download the organisation import template")
            .WithDescription("A CSV file with the columns the import expects and an example row.");
        api.MapPost("/import", Import).WithName("ImportOrganisations").Accepts<IFormFile>("text/csv", "multipart/form-data")
            .RequireAuthorization(Access.Policies.Write)
            .ProducesDomainProblems(400)
            .WithSummary("Import organisations from CSV")
            .WithDescription("New, pending organisations from CSV: the body (text/csv) or a form field named `file`, up to 20 MB. Every row is checked first; the good rows are saved in one transaction and the report lists each refused row with its reasons. `dryRun=true` checks every row and saves nothing.");
        api.MapPost("/bulk", Bulk).WithName("BulkChangeOrganisations").ProducesDomainProblems(400)
            .RequireAuthorization(Access.Policies.Write)
            .WithSummary("Change many organisations at once")
            .WithDescription("`action` Activate, Suspend (with `reason`) or AssignAccountManager (with `accountManagerId`), for the organisations given by `ids` or selected by `filter` (the list's filter keys). Each organisation is changed only when the action is legal for it, as on its own page; the answer counts the changed ones and, by reason, those left untouched. Runs in transactions of 250.");
        api.MapGet("/{id:guid}", Get).WithName("GetOrganisation").ProducesDomainProblems(404)
            .WithSummary("Get an organisation")
            .WithDescription("The organisation with its members and owner; the ETag is its version, to send as If-Match with any change to it or its parts.");
        api.MapPost("/", Create).WithName("CreateOrganisation").ProducesDomainProblems(400, 409)
            .RequireAuthorization(Access.Policies.Write)
            .WithSummary("Create an organisation")
            .WithDescription("A new organisation starts Pending; with `owner` it gets its owner as first member. Answers 201 with the organisation and its ETag. Field errors (and an account manager who is not an active Admin or Staff user) are a 400 by field. When it looks like organisations Portal has (the same company number in the country, the same name in the country, the same billing-email domain, or a member with the owner's or the billing email) it is a 409 `organisation.possible_duplicate` with `candidates` (id, name, countryCode, status, companyNumber, billingEmail, matches), unless `confirmedNotDuplicate` is true. The CSV import runs the same check.");
        api.MapPost("/duplicates", FindDuplicates).WithName("FindOrganisationDuplicates").ProducesDomainProblems(400)
            .WithSummary("Find the organisations a new one would duplicate")
            .WithDescription("The create's duplicate check without creating: the same body as `POST /organisations` (checked by the same rules); answers the candidates, each with the ways it matched (`CompanyNumber`, `Name`, `BillingEmailDomain`, `MemberEmail`), most matches first, at most 10. An empty list means a create would not be refused as a duplicate.");
        api.MapPut("/{id:guid}", Update).WithName("UpdateOrganisation").ProducesDomainProblems(400, 404, 409, 412, 428)
            .RequireAuthorization(Access.Policies.Write)
            .WithSummary("Change an organisation's details")
            .WithDescription("Name, trading name, billing email, company number, country, flags and account manager. Needs the version read (If-Match or `version` in the body): 412 when it changed meanwhile. An archived organisation is read-only (409 `organisation.archived`).");
        api.MapPost("/{id:guid}/activate", Activate).WithName("ActivateOrganisation").ProducesDomainProblems(404, 409, 412, 428)
            .RequireAuthorization(Access.Policies.Write)
            .WithSummary("Activate or reinstate an organisation")
            .WithDescription("Pending or suspended to active; the owner is emailed (a welcome, or \"active again\"). On an active organisation it sends the welcome again and changes nothing else (200, same ETag). Needs If-Match. 409 `organisation.no_owner` without an owner, `organisation.archived` when archived.");
        api.MapPost("/{id:guid}/suspend", Suspend).WithName("SuspendOrganisation").ProducesDomainProblems(400, 404, 409, 412, 428)
            .RequireAuthorization(Access.Policies.Write)
            .WithSummary("Suspend an active organisation")
            .WithDescription("Needs a `reason` (400 without one) and If-Match (or `version`). Only an active organisation can be suspended (409 `organisation.not_active`).");
        api.MapPost("/{id:guid}/archive", Archive).WithName("ArchiveOrganisation").ProducesDomainProblems(400, 404, 409, 412, 428)
            .RequireAuthorization(Access.Policies.Write)
            .WithSummary("Archive an organisation")
            .WithDescription("Pending, active or suspended to archived, for good: an archived organisation is read-only. Needs a `reason` and If-Match (or `version`); an organisation already archived is a 409.");
        api.MapGet("/{id:guid}/members", Members).WithName("ListOrganisationMembers").ProducesDomainProblems(404)
            .WithSummary("List an organisation's members")
            .WithDescription("The members with their roles (Owner, Admin, Member); the ETag is the organisation's version.");
        api.MapPost("/{id:guid}/members", AddMember).WithName("AddOrganisationMember").ProducesDomainProblems(400, 404, 409, 412, 428)
            .RequireAuthorization(Access.Policies.Write)
            .WithSummary("Add a member to an organisation")
            .WithDescription("Adds a person by email and name with a role. Needs the organisation's If-Match; answers 201 with the member, its `Location` and the organisation's next ETag. An email that is already a member is a 400 on `email`.");
        api.MapGet("/{id:guid}/members/{memberId:guid}", GetMember).WithName("GetOrganisationMember").ProducesDomainProblems(404)
            .WithSummary("Get a member of an organisation")
            .WithDescription("One member with their role; the ETag is the organisation's version.");
        api.MapPut("/{id:guid}/owner", ChangeOwner).WithName("ChangeOrganisationOwner").ProducesDomainProblems(400, 404, 409, 412, 428)
            .RequireAuthorization(Access.Policies.Write)
            .WithSummary("Make a member the owner")
            .WithDescription("`memberId` must be a member (400 otherwise); the previous owner stays a member, as an Admin. Needs If-Match (or `version`).");
        return v1;
    }

    public static async Task<Ok<PagedResult<OrganisationRow>>> List(ListRequest<OrganisationQuery> list, OrganisationService orgs, CancellationToken ct) =>
        TypedResults.Ok(await orgs.ListAsync(list.Query, ct));

    /// <summary>The current filter as CSV, streamed row by row.</summary>
    public static async Task Export(ListRequest<OrganisationQuery> list, OrganisationService orgs, HttpContext http, CancellationToken ct)
    {
        var query = list.Query;
        query.EnsureValid(); // before the first byte, so a bad filter is still a 400
        await orgs.ExportAsync(query, ApiConventions.CsvDownload(http, "organisations"), ct);
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
        return ApiConventions.CreatedWithETag(http, $"/api/v1/organisations/{org.Organisation.Id}", org, org.Organisation.Version);
    }

    public static async Task<Ok<IReadOnlyList<DuplicateCandidate>>> FindDuplicates(CreateOrganisation body, OrganisationService orgs, CancellationToken ct) =>
        TypedResults.Ok(await orgs.FindDuplicatesAsync(body, ct));

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
        return ApiConventions.OkWithETag(http, org.Members, org.Organisation.Version);
    }

    public static async Task<Created<MemberRow>> AddMember(Guid id, CreateMember body, OrganisationService orgs, HttpContext http, CancellationToken ct)
    {
        var added = await orgs.AddMemberAsync(id, body, ApiConventions.RequiredVersion(http), ct);
        return ApiConventions.CreatedWithETag(http, $"/api/v1/organisations/{id}/members/{added.Item.Id}", added);
    }

    public static async Task<Ok<MemberRow>> GetMember(Guid id, Guid memberId, OrganisationService orgs, HttpContext http, CancellationToken ct) =>
        ApiConventions.OkWithETag(http, await orgs.GetMemberAsync(id, memberId, ct));

    public static async Task<Ok<OrganisationDetails>> ChangeOwner(Guid id, NewOwner body, OrganisationService orgs, HttpContext http, CancellationToken ct) =>
        WithETag(http, await orgs.ChangeOwnerAsync(id, body.MemberId, ApiConventions.RequiredVersion(http, body.Version), ct));

    private static Ok<OrganisationDetails> WithETag(HttpContext http, OrganisationDetails org) =>
        ApiConventions.OkWithETag(http, org, org.Organisation.Version);

    /// <summary>Why it is being suspended or archived; the version may come here or in If-Match.</summary>
    public sealed record StatusReason(string? Reason, long? Version);

    public sealed record NewOwner(Guid MemberId, long? Version);
}
