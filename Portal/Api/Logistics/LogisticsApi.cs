namespace Portal.Api;

public static class LogisticsApi
{
    public static readonly ApiTag Tag = new("Logistics",
        "Fulfilment locations with their positions in walk order, shipping methods, shipments with every unit tracked " +
        "(status derived from the units: Canceled > Finished > InTransit > Packed > Picked > Listed > Open, with warnings), " +
        "handling lists that batch shipments into one pick walk, picks and \"not found\", and parcels. Staff (and Admin) plan: " +
        "shipments, locations, methods, making, assigning and cancelling lists. Warehouse (and Admin) picks and packs. Viewers " +
        "read. Changes to a record need its ETag as If-Match (412 when it moved meanwhile, 428 when missing); picks and packing " +
        "scans need none: a pick carries an idempotency `key` instead, and a retry with the same key gets the first answer back.");

    /// <summary>The Logistics area's routes under /api/v1.</summary>
    public static RouteGroupBuilder MapLogisticsApi(this RouteGroupBuilder v1) => v1
        .MapLocationEndpoints()
        .MapShippingMethodEndpoints()
        .MapShipmentEndpoints()
        .MapHandlingListEndpoints()
        .MapParcelEndpoints();
}
