using System.Globalization;
using Portal.Domain.Common;
using Portal.Domain.Pricing;

namespace Portal.Features.Pricing;

/// <summary>How the pricing pages say things: states, VAT modes, moments and amounts.</summary>
public static class PricingText
{
    public static bool CanWrite(ICurrentUser user) => user.Has(Access.Write);
    public static bool IsAdmin(ICurrentUser user) => user.Has(Access.Admin);

    public static string StateText(PriceState state) => state switch
    {
        PriceState.InForce => "In force",
        _ => state.ToString(),
    };

    public static string VatMode(bool includesVat) => includesVat ? "Prices include VAT" : "Prices exclude VAT";

    /// <summary>UTC, to the minute, as prices are scheduled.</summary>
    public static string When(DateTimeOffset? at) => at is { } t ? t.UtcDateTime.ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.GetCultureInfo("en-GB")) : "—";

    public static string Vat(string vat) => string.IsNullOrEmpty(vat) ? "—" : vat.Replace(";", ", ", StringComparison.Ordinal);

    public static string Amount(long minor, string currency) => new Money(minor, currency).ToString();
}
