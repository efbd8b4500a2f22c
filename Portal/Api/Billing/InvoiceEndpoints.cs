using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Domain.Billing;
using Portal.Domain.Common;

namespace Portal.Api;

public static class InvoiceEndpoints
{
    public static RouteGroupBuilder MapInvoiceEndpoints(this RouteGroupBuilder v1)
    {
        var api = v1.MapGroup("/invoices").WithTag(BillingApi.Tag).RequireAuthorization(Access.Policies.Read);
        api.MapGet("/", List).WithName("ListInvoices").ProducesDomainProblems(400)
            .WithSummary("List invoices")
            .WithDescription("Newest first. Filter by `status`, `organisationId`, `subscriptionId` and `overdue`; `q` is an invoice number (INV-2026-000123) or part of the organisation's name; `sort` by issuedAt, dueAt, number or totalMinor.");
        api.MapGet("/export", Export).WithName("ExportInvoices").Produces(200, contentType: "text/csv").ProducesDomainProblems(400)
            .WithSummary("Export invoices as CSV")
            .WithDescription("The list's filter and sort (the same keys), every matching invoice, streamed.");
        api.MapGet("/{id:guid}", Get).WithName("GetInvoice").ProducesDomainProblems(404)
            .WithSummary("Get an invoice")
            .WithDescription("With every line's rule, period, unit price, quantity and proration fraction, the VAT rule and its inputs, and the actions its status allows.");
        api.MapGet("/{id:guid}/rederive", Rederive).WithName("RederiveInvoice").ProducesDomainProblems(404)
            .WithSummary("Derive an invoice again")
            .WithDescription("From its subscription's changes, the plans' fixed prices, its usage records and the VAT inputs it kept; `linesMatch` and `totalsMatch` compare with the stored invoice.");
        api.MapPost("/{id:guid}/payments", RecordPayment).WithName("RecordInvoicePayment").ProducesDomainProblems(400, 404, 409, 412, 428).RequireAuthorization(Access.Policies.Write)
            .WithSummary("Record a manual payment")
            .WithDescription("`note`: how it was paid. Paid in full; its subscription is active again when this was its latest invoice. 409 `invoice.already_paid`, `invoice.void`. Needs If-Match.");
        api.MapPost("/{id:guid}/void", Void).WithName("VoidInvoice").ProducesDomainProblems(404, 409, 412, 428).RequireAuthorization(Access.Policies.Write)
            .WithSummary("Void an invoice")
            .WithDescription("409 `invoice.paid` for a paid one. Needs If-Match.");
        api.MapPost("/{id:guid}/uncollectible", MarkUncollectible).WithName("MarkInvoiceUncollectible").ProducesDomainProblems(404, 409, 412, 428).RequireAuthorization(Access.Policies.Write)
            .WithSummary("Write an invoice off as uncollectible")
            .WithDescription("Only an open invoice; it can still be paid later. Needs If-Match.");
        return v1;
    }

    public static async Task<Ok<PagedResult<InvoiceRow>>> List(ListRequest<InvoiceQuery> list, InvoiceService invoices, CancellationToken ct) =>
        TypedResults.Ok(await invoices.ListAsync(list.Query, ct));

    public static async Task Export(ListRequest<InvoiceQuery> list, InvoiceService invoices, HttpContext http, CancellationToken ct) =>
        await invoices.ExportAsync(list.Query, ApiConventions.CsvDownload(http, "invoices"), ct);

    public static async Task<Ok<InvoiceDetails>> Get(Guid id, InvoiceService invoices, HttpContext http, CancellationToken ct)
    {
        var invoice = await invoices.GetAsync(id, ct);
        return ApiConventions.OkWithETag(http, invoice, invoice.Invoice.Version);
    }

    public static async Task<Ok<InvoiceRederivation>> Rederive(Guid id, InvoiceService invoices, CancellationToken ct) =>
        TypedResults.Ok(await invoices.RederiveAsync(id, ct));

    public static async Task<Ok<InvoiceDetails>> RecordPayment(Guid id, RecordPayment body, InvoiceService invoices, HttpContext http, CancellationToken ct)
    {
        var invoice = await invoices.RecordPaymentAsync(id, body, ApiConventions.RequiredVersion(http), ct);
        return ApiConventions.OkWithETag(http, invoice, invoice.Invoice.Version);
    }

    public static async Task<Ok<InvoiceDetails>> Void(Guid id, InvoiceService invoices, HttpContext http, CancellationToken ct)
    {
        var invoice = await invoices.VoidAsync(id, ApiConventions.RequiredVersion(http), ct);
        return ApiConventions.OkWithETag(http, invoice, invoice.Invoice.Version);
    }

    public static async Task<Ok<InvoiceDetails>> MarkUncollectible(Guid id, InvoiceService invoices, HttpContext http, CancellationToken ct)
    {
        var invoice = await invoices.MarkUncollectibleAsync(id, ApiConventions.RequiredVersion(http), ct);
        return ApiConventions.OkWithETag(http, invoice, invoice.Invoice.Version);
    }
}
