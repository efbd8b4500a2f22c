using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Domain.Common;
using Portal.Domain.Pricing;

namespace Portal.Api;

public static class PriceEndpoints
{
    public static RouteGroupBuilder MapPriceEndpoints(this RouteGroupBuilder v1)
    {
        var api = v1.MapGroup("/pricing-groups/{id:guid}/prices").WithTag(PricingApi.Tag).RequireAuthorization(Access.Policies.Read);
        api.MapGet("/", List).WithName("ListPrices").ProducesDomainProblems(400, 404)
            .WithSummary("List a group's prices")
            .WithDescription("`q` finds SKUs by prefix, `sku` one SKU exactly; `state` Planned, InForce, Superseded or Cancelled (worked out in SQL at the current time); `sort` by sku, activeAt, amount or createdAt (default `sku,-activeAt`).");
        api.MapPost("/", Schedule).WithName("SchedulePrice").ProducesDomainProblems(400, 404, 409, 412, 428).RequireAuthorization(Access.Policies.Write)
            .WithSummary("Schedule a price")
            .WithDescription("A new price for `sku` from `activeAt` (with its zone; now when empty; never in the past): `amount` and optional `originalAmount` (≥ amount) in minor units of the group's currency, `vat` as `{ country, region, rate }` with rate a percentage 0–100. A disabled group is a 409 `pricing_group.disabled`; a live price at the same moment a 409 `price.same_moment`. Needs the group's If-Match; answers 201 with the price and the group's next ETag.");
        api.MapGet("/export", Export).WithName("ExportPrices").Produces(200, contentType: "text/csv").ProducesDomainProblems(400, 404)
            .WithSummary("Export the prices in force at a date")
            .WithDescription("One row per SKU, the price in force at `at` (with its zone; now when empty), streamed as CSV in the import's columns.");
        api.MapGet("/import/template", Template)
            .WithName("PriceImportTemplate").Produces(200, contentType: "text/csv").ProducesDomainProblems(404)
            .WithSummary("Download the price import template")
            .WithDescription("The columns `sku, amount, original_amount, active_at, vat` and an example row (`vat`: `country[/region]:rate` joined by `;`).");
        api.MapPost("/import", Import).WithName("ImportPrices").Accepts<IFormFile>("text/csv", "multipart/form-data")
            .ProducesDomainProblems(400, 404, 409, 412, 428).RequireAuthorization(Access.Policies.Write)
            .WithSummary("Import prices from CSV")
            .WithDescription("`dryRun=true` is the preview: every row checked and compared with the SKU's price in force at its moment (new, changed old → new, unchanged) and the refused rows with a file of them; nothing is written. Without it the import is applied all or nothing — refused while any row is refused — in one transaction, against the group's If-Match (the preview's `groupVersion`): a second import from the same preview is a 412. Up to 100,000 rows, 20 MB.");
        api.MapGet("/{sku}", Lookup).WithName("LookUpPrice").ProducesDomainProblems(400, 404)
            .WithSummary("Look up a SKU's price")
            .WithDescription("The price in force at `at` (with its zone; now when empty): the amount as stored, with and without VAT at the rate of `country` (ISO 3166-1 alpha-2) and `region` (its own rate, else the country's), and where it came from: the price row's id, since when and until when. 404 when the SKU has no price at that moment.");
        api.MapGet("/{sku}/timeline", Timeline).WithName("GetPriceTimeline").ProducesDomainProblems(404)
            .WithSummary("A SKU's prices over time")
            .WithDescription($"Every price of the SKU, oldest first (at most the latest {PriceService.TimelineMax}), cancelled ones included, each with its state.");
        api.MapPost("/{priceId:guid}/cancel", Cancel).WithName("CancelPrice").ProducesDomainProblems(404, 409, 412, 428).RequireAuthorization(Access.Policies.Write)
            .WithSummary("Cancel a planned price")
            .WithDescription("Only a price that has not started (409 `price.started` otherwise, `price.cancelled` when it already is); it stays in the history. Needs the group's If-Match.");
        return v1;
    }

    public static async Task<Ok<PagedResult<PriceRow>>> List(Guid id, ListRequest<PriceQuery> list, PriceService prices, CancellationToken ct) =>
        TypedResults.Ok(await prices.ListAsync(id, list.Query, ct));

    public static async Task<Created<PriceRow>> Schedule(Guid id, SchedulePrice body, PriceService prices, HttpContext http, CancellationToken ct)
    {
        var scheduled = await prices.ScheduleAsync(id, body, ApiConventions.RequiredVersion(http), ct);
        return ApiConventions.CreatedWithETag(http, $"/api/v1/pricing-groups/{id}/prices/{Uri.EscapeDataString(scheduled.Item.Sku)}", scheduled);
    }

    public static async Task Export(Guid id, string? at, PriceService prices, HttpContext http, CancellationToken ct)
    {
        var moment = Moments.ParseOptional(at, "at");
        await prices.ExportAsync(id, moment, ApiConventions.CsvDownload(http, "prices"), ct);
    }

    public static async Task<ContentHttpResult> Template(Guid id, PriceService prices, CancellationToken ct)
    {
        await prices.EnsureGroupAsync(id, ct);
        return TypedResults.Text(PriceImportService.Template(), "text/csv");
    }

    public static async Task<Ok<PriceImportReport>> Import(Guid id, HttpRequest request, PriceImportService import, bool? dryRun, HttpContext http, CancellationToken ct)
    {
        var apply = dryRun != true;
        var version = apply ? ApiConventions.RequiredVersion(http) : VersionedExtensions.AnyVersion;
        var report = await import.ImportAsync(id, await ApiConventions.CsvBodyAsync(request, ct), apply, version, progress: null, ct);
        return ApiConventions.OkWithETag(http, report, report.GroupVersion);
    }

    public static async Task<Ok<PriceLookup>> Lookup(Guid id, string sku, string? country, string? region, string? at, PriceService prices, CancellationToken ct) =>
        TypedResults.Ok(await prices.LookupAsync(id, sku, country, region, Moments.ParseOptional(at, "at"), ct));

    public static async Task<Ok<PriceTimeline>> Timeline(Guid id, string sku, PriceService prices, CancellationToken ct) =>
        TypedResults.Ok(await prices.TimelineAsync(id, sku, ct));

    public static async Task<Ok<PriceRow>> Cancel(Guid id, Guid priceId, PriceService prices, HttpContext http, CancellationToken ct) =>
        ApiConventions.OkWithETag(http, await prices.CancelAsync(id, priceId, ApiConventions.RequiredVersion(http), ct));
}
