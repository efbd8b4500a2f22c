using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Domain.Billing;
using Portal.Domain.Common;

namespace Portal.Api;

public static class PlanEndpoints
{
    public static RouteGroupBuilder MapPlanEndpoints(this RouteGroupBuilder v1)
    {
        var api = v1.MapGroup("/plans").WithTag(BillingApi.Tag).RequireAuthorization(Access.Policies.Read);
        api.MapGet("/", List).WithName("ListPlans").ProducesDomainProblems(400)
            .WithSummary("List plans")
            .WithDescription("`q` searches name and code; filter by `archived`, `kind` (base, add_on) and `interval` (month, year); `sort` by name, code, priceMinor or createdAt.");
        api.MapPost("/", Create).WithName("CreatePlan").ProducesDomainProblems(400).RequireAuthorization(Access.Policies.Write)
            .WithSummary("Create a plan")
            .WithDescription("Unique `code`, name, `interval`, `priceMinor` and `currency`, optional usage `tiers` (`upTo`, `unitAmountMinor`, `flatAmountMinor`; the last open), `trialDays`, `moduleIds` and `addOnCodes`.");
        api.MapGet("/{id:guid}", Get).WithName("GetPlan").ProducesDomainProblems(404)
            .WithSummary("Get a plan")
            .WithDescription("With its tiers, modules, add-ons and how many live subscriptions use it; the ETag is its version.");
        api.MapPut("/{id:guid}", Update).WithName("UpdatePlan").ProducesDomainProblems(400, 404, 409, 412, 428).RequireAuthorization(Access.Policies.Write)
            .WithSummary("Change a plan")
            .WithDescription("Name, description, trial days, modules and add-ons; price, currency, interval, kind and tiers only while no subscription used it (409 `plan.in_use`). Needs If-Match.");
        api.MapPost("/{id:guid}/archive", Archive).WithName("ArchivePlan").ProducesDomainProblems(404, 409, 412, 428).RequireAuthorization(Access.Policies.Write)
            .WithSummary("Archive a plan")
            .WithDescription("No longer offered to new subscriptions; existing ones keep it. 409 `plan.archived` when it is. Needs If-Match.");
        api.MapPost("/{id:guid}/restore", Restore).WithName("RestorePlan").ProducesDomainProblems(404, 409, 412, 428).RequireAuthorization(Access.Policies.Write)
            .WithSummary("Offer an archived plan again")
            .WithDescription("409 `plan.not_archived` when it is offered. Needs If-Match.");
        api.MapDelete("/{id:guid}", Delete).WithName("DeletePlan").ProducesDomainProblems(404, 409, 412, 428).RequireAuthorization(Access.Policies.Admin)
            .WithSummary("Delete a plan never used")
            .WithDescription("Admin only. A plan any subscription or invoice used is archived instead (409 `plan.in_use`). Needs If-Match.");
        return v1;
    }

    public static async Task<Ok<PagedResult<PlanRow>>> List(ListRequest<PlanQuery> list, PlanService plans, CancellationToken ct) =>
        TypedResults.Ok(await plans.ListAsync(list.Query, ct));

    public static async Task<Created<PlanDetails>> Create(PlanFields body, PlanService plans, HttpContext http, CancellationToken ct)
    {
        var created = await plans.CreateAsync(body, ct);
        return ApiConventions.CreatedWithETag(http, $"/api/v1/plans/{created.Plan.Id}", created, created.Plan.Version);
    }

    public static async Task<Ok<PlanDetails>> Get(Guid id, PlanService plans, HttpContext http, CancellationToken ct)
    {
        var plan = await plans.GetAsync(id, ct);
        return ApiConventions.OkWithETag(http, plan, plan.Plan.Version);
    }

    public static async Task<Ok<PlanDetails>> Update(Guid id, PlanFields body, PlanService plans, HttpContext http, CancellationToken ct)
    {
        var plan = await plans.UpdateAsync(id, body, ApiConventions.RequiredVersion(http, body.Version), ct);
        return ApiConventions.OkWithETag(http, plan, plan.Plan.Version);
    }

    public static async Task<Ok<PlanDetails>> Archive(Guid id, PlanService plans, HttpContext http, CancellationToken ct)
    {
        var plan = await plans.ArchiveAsync(id, ApiConventions.RequiredVersion(http), ct);
        return ApiConventions.OkWithETag(http, plan, plan.Plan.Version);
    }

    public static async Task<Ok<PlanDetails>> Restore(Guid id, PlanService plans, HttpContext http, CancellationToken ct)
    {
        var plan = await plans.RestoreAsync(id, ApiConventions.RequiredVersion(http), ct);
        return ApiConventions.OkWithETag(http, plan, plan.Plan.Version);
    }

    public static async Task<NoContent> Delete(Guid id, PlanService plans, HttpContext http, CancellationToken ct)
    {
        await plans.DeleteAsync(id, ApiConventions.RequiredVersion(http), ct);
        return TypedResults.NoContent();
    }
}
