using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Domain.Common;
using Portal.Domain.Pricing;

namespace Portal.Api;

public static class PricingGroupEndpoints
{
    public static RouteGroupBuilder MapPricingGroupEndpoints(this RouteGroupBuilder v1)
    {
        var api = v1.MapGroup("/pricing-groups").WithTag(PricingApi.Tag).RequireAuthorization(Access.Policies.Read);
        api.MapGet("/", List).WithName("ListPricingGroups").ProducesDomainProblems(400)
            .WithSummary("List pricing groups")
            .WithDescription("`q` searches the name; filter by `disabled` and `currency`; `sort` by name, currency, createdAt or disabledAt. Each row counts the group's price rows and organisations.");
        api.MapGet("/export", Export).WithName("ExportPricingGroups").Produces(200, contentType: "text/csv").ProducesDomainProblems(400)
            .WithSummary("Export pricing groups as CSV")
            .WithDescription("Every group the list's filters select (paging ignored), streamed as CSV.");
        api.MapPost("/", Create).WithName("CreatePricingGroup").ProducesDomainProblems(400, 409).RequireAuthorization(Access.Policies.Write)
            .WithSummary("Create a pricing group")
            .WithDescription("Name, `currency` (ISO 4217) and `includesVat` (both fixed from now on), `metadata` (string to string). A name an enabled group has is a 409 `pricing_group.name_taken`. Answers 201 with the group and its ETag.");
        api.MapGet("/{id:guid}", Get).WithName("GetPricingGroup").ProducesDomainProblems(404)
            .WithSummary("Get a pricing group")
            .WithDescription("The ETag is its version: send it as If-Match with changes to the group and its prices.");
        api.MapPut("/{id:guid}", Update).WithName("UpdatePricingGroup").ProducesDomainProblems(400, 404, 409, 412, 428).RequireAuthorization(Access.Policies.Write)
            .WithSummary("Rename a pricing group or change its metadata")
            .WithDescription("`name` and `metadata`. `currency` and `includesVat` may be sent but must be the group's own (409 `pricing_group.currency_fixed` / `pricing_group.vat_mode_fixed`). Needs If-Match.");
        api.MapPost("/{id:guid}/disable", Disable).WithName("DisablePricingGroup").ProducesDomainProblems(404, 409, 412, 428).RequireAuthorization(Access.Policies.Write)
            .WithSummary("Disable a pricing group")
            .WithDescription("The group keeps every price and its history, takes no new prices and cannot be given to an organisation (organisations already in it stay). Needs If-Match.");
        api.MapPost("/{id:guid}/enable", Enable).WithName("EnablePricingGroup").ProducesDomainProblems(404, 409, 412, 428).RequireAuthorization(Access.Policies.Admin)
            .WithSummary("Enable a disabled pricing group (Admin)")
            .WithDescription("Refused (409 `pricing_group.name_taken`) while an enabled group has its name. Needs If-Match.");

        var orgs = v1.MapGroup("/organisations").WithTag(PricingApi.Tag).RequireAuthorization(Access.Policies.Read);
        orgs.MapGet("/{id:guid}/pricing-group", OfOrganisation).WithName("GetOrganisationPricingGroup").ProducesDomainProblems(404)
            .WithSummary("Get an organisation's pricing group")
            .WithDescription("The group its prices come from; 404 when it has none.");
        orgs.MapPut("/{id:guid}/pricing-group", Assign).WithName("AssignOrganisationPricingGroup").ProducesDomainProblems(400, 404, 409, 412, 428)
            .RequireAuthorization(Access.Policies.Write)
            .WithSummary("Put an organisation in a pricing group")
            .WithDescription("`pricingGroupId`: an enabled group (a disabled one is a 409 `pricing_group.disabled`). Needs the organisation's If-Match; answers 204 with its next ETag.");
        orgs.MapDelete("/{id:guid}/pricing-group", Unassign).WithName("UnassignOrganisationPricingGroup").ProducesDomainProblems(404, 412, 428)
            .RequireAuthorization(Access.Policies.Write)
            .WithSummary("Take an organisation out of its pricing group")
            .WithDescription("Needs the organisation's If-Match; answers 204 with its next ETag.");
        return v1;
    }

    public static async Task<Ok<PagedResult<PricingGroupRow>>> List(ListRequest<PricingGroupQuery> list, PricingGroupService groups, CancellationToken ct) =>
        TypedResults.Ok(await groups.ListAsync(list.Query, ct));

    public static async Task Export(ListRequest<PricingGroupQuery> list, PricingGroupService groups, HttpContext http, CancellationToken ct)
    {
        var query = list.Query;
        query.EnsureValid();
        await groups.ExportAsync(query, ApiConventions.CsvDownload(http, "pricing-groups"), ct);
    }

    public static async Task<Created<PricingGroupRow>> Create(CreatePricingGroup body, PricingGroupService groups, HttpContext http, CancellationToken ct)
    {
        var created = await groups.CreateAsync(body, ct);
        return ApiConventions.CreatedWithETag(http, $"/api/v1/pricing-groups/{created.Id}", created, created.Version);
    }

    public static async Task<Ok<PricingGroupRow>> Get(Guid id, PricingGroupService groups, HttpContext http, CancellationToken ct)
    {
        var group = await groups.GetAsync(id, ct);
        return ApiConventions.OkWithETag(http, group, group.Version);
    }

    public static async Task<Ok<PricingGroupRow>> Update(Guid id, UpdatePricingGroup body, PricingGroupService groups, HttpContext http, CancellationToken ct)
    {
        var group = await groups.UpdateAsync(id, body, ApiConventions.RequiredVersion(http, body.Version), ct);
        return ApiConventions.OkWithETag(http, group, group.Version);
    }

    public static async Task<Ok<PricingGroupRow>> Disable(Guid id, PricingGroupService groups, HttpContext http, CancellationToken ct)
    {
        var group = await groups.DisableAsync(id, ApiConventions.RequiredVersion(http), ct);
        return ApiConventions.OkWithETag(http, group, group.Version);
    }

    public static async Task<Ok<PricingGroupRow>> Enable(Guid id, PricingGroupService groups, HttpContext http, CancellationToken ct)
    {
        var group = await groups.EnableAsync(id, ApiConventions.RequiredVersion(http), ct);
        return ApiConventions.OkWithETag(http, group, group.Version);
    }

    public static async Task<Ok<PricingGroupOption>> OfOrganisation(Guid id, PricingGroupService groups, CancellationToken ct) =>
        TypedResults.Ok(await groups.OfOrganisationAsync(id, ct) ?? throw new NotFoundException("PricingGroup of organisation", id));

    public static async Task<NoContent> Unassign(Guid id, PricingGroupService groups, HttpContext http, CancellationToken ct) =>
        ApiConventions.NoContentWithETag(http, await groups.UnassignAsync(id, ApiConventions.RequiredVersion(http), ct));

    public static async Task<NoContent> Assign(Guid id, AssignPricingGroup body, PricingGroupService groups, HttpContext http, CancellationToken ct) =>
        ApiConventions.NoContentWithETag(http, await groups.AssignAsync(id, body, ApiConventions.RequiredVersion(http), ct));
}
