using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Domain.Billing;
using Portal.Domain.Common;

namespace Portal.Api;

public static class SubscriptionEndpoints
{
    public static RouteGroupBuilder MapSubscriptionEndpoints(this RouteGroupBuilder v1)
    {
        var orgs = v1.MapGroup("/organisations/{id:guid}/subscriptions").WithTag(BillingApi.Tag).RequireAuthorization(Access.Policies.Read);
        orgs.MapGet("/", ForOrganisation).WithName("ListOrganisationSubscriptions").ProducesDomainProblems(404)
            .WithSummary("An organisation's subscriptions")
            .WithDescription("Newest first, every status.");
        orgs.MapPost("/", Create).WithName("CreateSubscription").ProducesDomainProblems(400, 404, 409).RequireAuthorization(Access.Policies.Write)
            .WithSummary("Subscribe an organisation to a plan")
            .WithDescription("`planCode` (an offered base plan), `quantity` (licences, 1 or more) and `addOns` (`code`, `quantity`). Trialing when the plan has trial days; " +
                "otherwise the first invoice is issued now and charged to the default card (a simulation): active when paid, incomplete when not. " +
                "409 `subscription.currency_mismatch` when the organisation's live subscriptions bill in another currency.");

        var api = v1.MapGroup("/subscriptions").WithTag(BillingApi.Tag).RequireAuthorization(Access.Policies.Read);
        api.MapGet("/", List).WithName("ListSubscriptions").ProducesDomainProblems(400)
            .WithSummary("List subscriptions across organisations")
            .WithDescription("Filter by `status`, `planId`, `organisationId` and `queue` (TrialEnding: trials ending within 7 days; PastDue: past due or unpaid; CancelScheduled); `q` searches the organisation's name; `sort` by createdAt, currentPeriodEnd, trialEnd or status.");
        api.MapGet("/export", Export).WithName("ExportSubscriptions").Produces(200, contentType: "text/csv").ProducesDomainProblems(400)
            .WithSummary("Export subscriptions as CSV")
            .WithDescription("The list's filter and sort (the same keys), every matching subscription, streamed.");
        api.MapGet("/{id:guid}", Get).WithName("GetSubscription").ProducesDomainProblems(404)
            .WithSummary("Get a subscription")
            .WithDescription("With its add-ons, the actions its status allows and whether a usable card would be charged; the ETag is its version.");
        api.MapGet("/{id:guid}/upcoming-invoice", Upcoming).WithName("GetUpcomingInvoice").ProducesDomainProblems(404)
            .WithSummary("Preview the next invoice")
            .WithDescription("What the next renewal (or trial end) will issue, with usage and changes so far; 204 when it will not renew (ended or cancelling).");
        api.MapPost("/{id:guid}/change-plan/preview", PreviewChange).WithName("PreviewPlanChange").ProducesDomainProblems(400, 404, 409)
            .WithSummary("Preview a plan or quantity change")
            .WithDescription("The proration lines the change would add now (credit for unused time, charge for the rest, exact to the minor unit) and the next invoice with the change made. Nothing is saved.");
        api.MapPost("/{id:guid}/change-plan", ChangePlan).WithName("ChangePlan").ProducesDomainProblems(400, 404, 409, 412, 428).RequireAuthorization(Access.Policies.Write)
            .WithSummary("Change the plan, quantity or add-ons")
            .WithDescription("Prorated on the next invoice. 409 `subscription.ended` on a canceled subscription. Needs If-Match: a concurrent change of the same subscription is a 412.");
        api.MapPost("/{id:guid}/cancel", Cancel).WithName("CancelSubscription").ProducesDomainProblems(400, 404, 409, 412, 428).RequireAuthorization(Access.Policies.Write)
            .WithSummary("Cancel a subscription")
            .WithDescription("`atPeriodEnd: true` schedules it for the end of the current period (undo with resume); `false` ends it now, for good. Modules staff switched on stay on. Needs If-Match.");
        api.MapPost("/{id:guid}/resume", Resume).WithName("ResumeSubscription").ProducesDomainProblems(404, 409, 412, 428).RequireAuthorization(Access.Policies.Write)
            .WithSummary("Undo a scheduled cancellation")
            .WithDescription("409 `subscription.no_scheduled_cancel` when none is scheduled. Needs If-Match.");
        api.MapPost("/{id:guid}/usage", ReportUsage).WithName("ReportUsage").ProducesDomainProblems(400, 404, 409).RequireAuthorization(Access.Policies.Write)
            .WithSummary("Report usage")
            .WithDescription("`quantity`, optional `at` and an `idempotencyKey`: a report retried with the same key answers 200 with the first record and counts once; a new one answers 201.");
        api.MapGet("/{id:guid}/usage", Usage).WithName("ListUsage").ProducesDomainProblems(400, 404)
            .WithSummary("List usage records")
            .WithDescription("Newest first.");
        return v1;
    }

    public static async Task<Ok<PagedResult<SubscriptionRow>>> List(ListRequest<SubscriptionQuery> list, SubscriptionService subscriptions, CancellationToken ct) =>
        TypedResults.Ok(await subscriptions.ListAsync(list.Query, ct));

    public static async Task Export(ListRequest<SubscriptionQuery> list, SubscriptionService subscriptions, HttpContext http, CancellationToken ct) =>
        await subscriptions.ExportAsync(list.Query, ApiConventions.CsvDownload(http, "subscriptions"), ct);

    public static async Task<Ok<IReadOnlyList<SubscriptionRow>>> ForOrganisation(Guid id, SubscriptionService subscriptions, CancellationToken ct) =>
        TypedResults.Ok(await subscriptions.ForOrganisationAsync(id, ct));

    public static async Task<Created<SubscriptionDetails>> Create(Guid id, SubscriptionItemsFields body, SubscriptionService subscriptions, HttpContext http, CancellationToken ct)
    {
        var created = await subscriptions.CreateAsync(id, body, ct);
        return ApiConventions.CreatedWithETag(http, $"/api/v1/subscriptions/{created.Subscription.Id}", created, created.Subscription.Version);
    }

    public static async Task<Ok<SubscriptionDetails>> Get(Guid id, SubscriptionService subscriptions, HttpContext http, CancellationToken ct)
    {
        var subscription = await subscriptions.GetAsync(id, ct);
        return ApiConventions.OkWithETag(http, subscription, subscription.Subscription.Version);
    }

    public static async Task<Results<Ok<InvoicePreview>, NoContent>> Upcoming(Guid id, SubscriptionService subscriptions, CancellationToken ct) =>
        await subscriptions.UpcomingInvoiceAsync(id, ct) is { } preview ? TypedResults.Ok(preview) : TypedResults.NoContent();

    public static async Task<Ok<ChangePreview>> PreviewChange(Guid id, SubscriptionItemsFields body, SubscriptionService subscriptions, CancellationToken ct) =>
        TypedResults.Ok(await subscriptions.PreviewChangeAsync(id, body, ct));

    public static async Task<Ok<SubscriptionDetails>> ChangePlan(Guid id, SubscriptionItemsFields body, SubscriptionService subscriptions, HttpContext http, CancellationToken ct)
    {
        var subscription = await subscriptions.ChangePlanAsync(id, body, ApiConventions.RequiredVersion(http), ct);
        return ApiConventions.OkWithETag(http, subscription, subscription.Subscription.Version);
    }

    public static async Task<Ok<SubscriptionDetails>> Cancel(Guid id, CancelSubscription body, SubscriptionService subscriptions, HttpContext http, CancellationToken ct)
    {
        var subscription = await subscriptions.CancelAsync(id, body, ApiConventions.RequiredVersion(http), ct);
        return ApiConventions.OkWithETag(http, subscription, subscription.Subscription.Version);
    }

    public static async Task<Ok<SubscriptionDetails>> Resume(Guid id, SubscriptionService subscriptions, HttpContext http, CancellationToken ct)
    {
        var subscription = await subscriptions.ResumeAsync(id, ApiConventions.RequiredVersion(http), ct);
        return ApiConventions.OkWithETag(http, subscription, subscription.Subscription.Version);
    }

    public static async Task<Results<Created<UsageRow>, Ok<UsageRow>>> ReportUsage(Guid id, ReportUsage body, SubscriptionService subscriptions, CancellationToken ct)
    {
        var row = await subscriptions.ReportUsageAsync(id, body, ct);
        return row.Duplicate ? TypedResults.Ok(row) : TypedResults.Created($"/api/v1/subscriptions/{id}/usage", row);
    }

    public static async Task<Ok<PagedResult<UsageRow>>> Usage(Guid id, ListRequest<UsageQuery> list, SubscriptionService subscriptions, CancellationToken ct) =>
        TypedResults.Ok(await subscriptions.UsageAsync(id, list.Query, ct));
}
