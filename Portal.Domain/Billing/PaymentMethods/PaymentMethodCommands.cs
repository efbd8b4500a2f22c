namespace Portal.Domain.Billing;

public sealed class PaymentMethodFields
{
    public CardBrand Brand { get; set; } = CardBrand.Visa;
    /// <summary>Only the last four digits; a full card number is refused.</summary>
    public string Last4 { get; set; } = "";
    public int ExpMonth { get; set; }
    public int ExpYear { get; set; }
    public string HolderName { get; set; } = "";
    public bool MakeDefault { get; set; }
}

public sealed record PaymentMethodRow(
    Guid Id, CardBrand Brand, string Last4, int ExpMonth, int ExpYear, string HolderName, bool IsDefault, bool IsExpired,
    bool ExpiresBeforeNextRenewal, DateTimeOffset AddedAt);

/// <summary>An organisation's cards and the billing account's version (0 before the first card: <c>If-Match: "0"</c> or <c>*</c> attaches it).</summary>
public sealed record PaymentMethodList(Guid OrganisationId, long Version, IReadOnlyList<PaymentMethodRow> Methods, DateTimeOffset? NextRenewal);
