using Portal.Domain.Common;

namespace Portal.Domain.Pricing;

public sealed record PriceQuery : ListQuery
{
    /// <summary>Planned (not started), InForce (the SKU's current price), Superseded (started, replaced since) or Cancelled.</summary>
    public PriceState? State { get; init; }
    /// <summary>One SKU exactly (the timeline's rows); <c>q</c> searches SKUs by prefix.</summary>
    public string? Sku { get; init; }
}

public sealed record PriceRow(
    Guid Id, Guid GroupId, string Sku, Money Amount, Money? OriginalAmount, string Vat, DateTimeOffset ActiveAt,
    DateTimeOffset CreatedAt, DateTimeOffset? CancelledAt, PriceState State);

/// <summary>A new price for a SKU from a moment on (now when <see cref="ActiveAt"/> is empty). Amounts in minor units.</summary>
public sealed class SchedulePrice
{
    public string Sku { get; set; } = "";
    public long Amount { get; set; }
    public long? OriginalAmount { get; set; }
    /// <summary>With its offset (Z or +01:00); empty is "from now".</summary>
    public DateTimeOffset? ActiveAt { get; set; }
    public List<VatRate> Vat { get; set; } = [];
}

/// <summary>A price in force at a moment and where it came from (which row, since when), with and without VAT.</summary>
public sealed record PriceLookup(
    Guid GroupId, string Sku, DateTimeOffset At, bool GroupIncludesVat, Money Amount, Money? OriginalAmount,
    string Country, string? Region, decimal? VatRate, string? VatRegion,
    Money? AmountExcludingVat, Money? Vat, Money? AmountIncludingVat,
    Guid PriceId, DateTimeOffset ActiveAt, DateTimeOffset? Until);

/// <summary>A SKU's prices over time, oldest first (cancelled ones included, marked) for the timeline chart.</summary>
public sealed record PriceTimeline(Guid GroupId, string Sku, string Currency, IReadOnlyList<PriceRow> Prices);
