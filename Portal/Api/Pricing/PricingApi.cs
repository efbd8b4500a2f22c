namespace Portal.Api;

public static class PricingApi
{
    public static readonly ApiTag Tag = new("Pricing",
        "Pricing groups (a name unique among enabled groups, a currency and a VAT mode fixed once created, metadata; disabled " +
        "rather than deleted) and their prices per SKU: amounts in minor units from `activeAt` on, never edited — a change is a " +
        "new price, a planned one can be cancelled. The lookup explains the price in force at a moment, with and without VAT. " +
        "CSV import with a preview (`dryRun=true`) and one all-or-nothing apply; export of the prices in force at a date. " +
        "Admin and Staff change them (enabling a disabled group again is Admin's), Viewers read. Prices carry their group's " +
        "ETag: send it as If-Match with every change (412 when it moved meanwhile, 428 when missing).");

    /// <summary>The Pricing area's routes under /api/v1.</summary>
    public static RouteGroupBuilder MapPricingApi(this RouteGroupBuilder v1) => v1
        .MapPricingGroupEndpoints()
        .MapPriceEndpoints();
}
