using Microsoft.Net.Http.Headers;

namespace Portal.Api;

public static class BillingApi
{
    public static readonly ApiTag Tag = new("Billing",
        "Plans (a catalogue: licence price per month or year, graduated usage tiers, trial days, the modules a plan switches on, " +
        "add-ons; a plan in use is archived, never deleted), subscriptions of organisations with Stripe's statuses (incomplete, " +
        "incomplete_expired, trialing, active, past_due, unpaid, canceled) driven by Portal's own billing job, invoices numbered " +
        "per year (INV-2026-000123) whose every line says the rule, period, price, quantity and proration behind it, and an " +
        "organisation's cards (brand, last four, expiry: a full card number is never accepted). Card charges are a SIMULATION: " +
        "no payment processor is behind Portal. Staff (and Admin) change; Viewers read. Changes need the record's ETag as If-Match.");

    /// <summary>The Billing area's routes under /api/v1.</summary>
    public static RouteGroupBuilder MapBillingApi(this RouteGroupBuilder v1) => v1
        .MapPlanEndpoints()
        .MapSubscriptionEndpoints()
        .MapInvoiceEndpoints()
        .MapPaymentMethodEndpoints();

    /// <summary>A billing account's version from If-Match; <c>"0"</c> is the version of an organisation without a card yet.</summary>
    internal static long AccountVersion(HttpContext http) =>
        http.Request.Headers[HeaderNames.IfMatch].ToString().Trim() is "\"0\"" or "W/\"0\"" ? 0 : ApiConventions.RequiredVersion(http);
}
