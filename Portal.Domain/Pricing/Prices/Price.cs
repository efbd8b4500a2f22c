using Portal.Domain.Common;

namespace Portal.Domain.Pricing;

/// <summary>
/// One price of one SKU in one group from <see cref="ActiveAt"/> on. Never edited: a change is a new row from a later
/// moment, so what was in force at any time can always be explained. A planned row (not yet started) can be cancelled;
/// a cancelled row is kept for the history and never counts. The price in force at T is the row with the latest
/// <see cref="ActiveAt"/> ≤ T that is not cancelled.
/// </summary>
[HistoryReaders(Access.ReadRoles)]
public sealed class Price : IFiledUnderAggregate
{
    public const int SkuMaxLength = 64;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid GroupId { get; init; }
    public required string Sku { get; init; }
    /// <summary>In the group's currency; gross or net as the group says.</summary>
    public Money Amount { get; init; }
    /// <summary>The "was" price in minor units of <see cref="Amount"/>'s currency, never below it.</summary>
    public long? OriginalMinor { get; init; }
    /// <summary>VAT rates by country (and region) in their canonical text, <see cref="VatRates.Format"/>.</summary>
    public string Vat { get; init; } = "";
    public DateTimeOffset ActiveAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? CancelledAt { get; private set; }

    Guid IFiledUnderAggregate.AggregateId => GroupId;

    public Money? OriginalAmount => OriginalMinor is { } minor ? new Money(minor, Amount.Currency) : null;

    public static string NormalizeSku(string sku) => sku.Trim().ToUpperInvariant();

    public PriceState StateAt(DateTimeOffset now, bool superseded) =>
        CancelledAt is not null ? PriceState.Cancelled
        : ActiveAt > now ? PriceState.Planned
        : superseded ? PriceState.Superseded : PriceState.InForce;

    /// <summary>Only a price that has not started can be cancelled; one in force or past is history.</summary>
    public void Cancel(DateTimeOffset now)
    {
        if (CancelledAt is not null) throw new ConflictException("price.cancelled", $"The {Sku} price from {ActiveAt:u} is already cancelled.");
        if (ActiveAt <= now)
            throw new ConflictException("price.started", $"The {Sku} price from {ActiveAt:u} has started; schedule a new price instead.");
        CancelledAt = now;
    }

    /// <summary>The same price: amount, was-amount and VAT (what an import compares).</summary>
    public bool SameAs(long amount, long? original, string vat) => Amount.Minor == amount && OriginalMinor == original && Vat == vat;
}

public enum PriceState { Planned, InForce, Superseded, Cancelled }
