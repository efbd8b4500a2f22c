using Portal.Domain.Common;

namespace Portal.Domain.Billing;

/// <summary>
/// An organisation's billing data: its payment methods and which one is the default. Its own small aggregate (one per
/// organisation, made with the first card), not a part of <c>Organisation</c>: cards are edited as billing data, so a
/// card change neither moves the organisation's version nor conflicts with an edit of its name. Setting the default
/// and detaching change one aggregate, so they are atomic and version-checked together.
/// </summary>
[HistoryReaders(Access.ReadRoles)]
public sealed class BillingAccount : IVersioned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; init; }
    public Guid? DefaultPaymentMethodId { get; private set; }
    public List<PaymentMethod> PaymentMethods { get; init; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public long Version { get; set; }

    public PaymentMethod? Default => PaymentMethods.FirstOrDefault(p => p.Id == DefaultPaymentMethodId);

    /// <summary>The card a charge would use at <paramref name="at"/>: the default, when it has not expired.</summary>
    public PaymentMethod? UsableAt(DateTimeOffset at) => Default is { } card && !card.IsExpiredAt(at) ? card : null;

    public PaymentMethod Attach(PaymentMethodFields fields, DateTimeOffset now)
    {
        var card = new PaymentMethod
        {
            BillingAccountId = Id, Brand = fields.Brand, Last4 = fields.Last4.Trim(), ExpMonth = fields.ExpMonth, ExpYear = fields.ExpYear,
            HolderName = fields.HolderName.Trim(), AddedAt = now,
        };
        if (card.IsExpiredAt(now)) throw DomainValidationException.For("expYear", "This card has expired; attach a card that is still valid.");
        PaymentMethods.Add(card);
        if (DefaultPaymentMethodId is null || fields.MakeDefault) DefaultPaymentMethodId = card.Id;
        return card;
    }

    public void Detach(Guid paymentMethodId)
    {
        var card = Get(paymentMethodId);
        PaymentMethods.Remove(card);
        if (DefaultPaymentMethodId == card.Id) DefaultPaymentMethodId = PaymentMethods.OrderByDescending(p => p.AddedAt).FirstOrDefault()?.Id;
    }

    public void SetDefault(Guid paymentMethodId)
    {
        DefaultPaymentMethodId = Get(paymentMethodId).Id;
    }

    public PaymentMethod Get(Guid id) => PaymentMethods.FirstOrDefault(p => p.Id == id) ?? throw new NotFoundException("Payment method", id);
}

public enum CardBrand { Visa, Mastercard, Amex, Discover, Other }

/// <summary>
/// A card as Portal keeps it: brand, the last four digits, expiry and the holder's name. A full card number is never
/// accepted or stored (the validator refuses one pasted into the last-four field).
/// </summary>
[HistoryReaders(Access.ReadRoles)]
public sealed class PaymentMethod : IAggregatePart
{
    Guid IFiledUnderAggregate.AggregateId => BillingAccountId;
    public const int HolderNameMaxLength = 100;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid BillingAccountId { get; init; }
    public CardBrand Brand { get; init; }
    public required string Last4 { get; init; }
    public int ExpMonth { get; init; }
    public int ExpYear { get; init; }
    public required string HolderName { get; init; }
    public DateTimeOffset AddedAt { get; init; }

    /// <summary>A card is valid to the end of its expiry month (UTC).</summary>
    public DateTimeOffset ValidUntil => new DateTimeOffset(ExpYear, ExpMonth, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1);

    public bool IsExpiredAt(DateTimeOffset at) => at >= ValidUntil;

    public string Display => $"{Brand} •••• {Last4}";
}
