namespace Portal.Domain.Billing;

/// <summary>
/// VAT on Portal's invoices. Portal sells from the UK: a UK customer pays UK VAT (20 %); an EU business with a VAT
/// number staff have checked as valid accounts for VAT itself (reverse charge, 0 %); an EU customer without one pays
/// its own country's standard rate (the One Stop Shop rule for digital services); anyone else is outside the scope of
/// UK VAT (0 %). The rates are the standard rates of 2026; a rate change is a reviewed code change.
/// </summary>
public static class VatRules
{
    public sealed record Rule(string Code, decimal Percent, string Description, string Country, string? VatNumber);

    public const string SellerCountry = "GB";
    public const decimal UkStandardRate = 20m;

    public static readonly IReadOnlyDictionary<string, decimal> EuStandardRates = new Dictionary<string, decimal>(StringComparer.Ordinal)
    {
        ["AT"] = 20, ["BE"] = 21, ["BG"] = 20, ["CY"] = 19, ["CZ"] = 21, ["DE"] = 19, ["DK"] = 25, ["EE"] = 24, ["GR"] = 24, ["ES"] = 21,
        ["FI"] = 25.5m, ["FR"] = 20, ["HR"] = 25, ["HU"] = 27, ["IE"] = 23, ["IT"] = 22, ["LT"] = 21, ["LU"] = 17, ["LV"] = 21, ["MT"] = 18,
        ["NL"] = 21, ["PL"] = 23, ["PT"] = 23, ["RO"] = 21, ["SE"] = 25, ["SI"] = 22, ["SK"] = 23,
    };

    /// <param name="countryCode">The organisation's country (ISO alpha-2).</param>
    /// <param name="validVatNumber">Its VAT number that staff recorded as valid, if any.</param>
    public static Rule For(string countryCode, string? validVatNumber)
    {
        if (countryCode == SellerCountry) return new("uk.standard", UkStandardRate, "UK VAT at the standard rate", countryCode, validVatNumber);
        if (EuStandardRates.TryGetValue(countryCode, out var rate))
            return validVatNumber is null
                ? new("eu.destination", rate, $"VAT of {countryCode} at its standard rate (no valid VAT number)", countryCode, null)
                : new("eu.reverse_charge", 0m, "Reverse charge: the customer accounts for the VAT", countryCode, validVatNumber);
        return new("outside_scope", 0m, "Outside the scope of UK VAT", countryCode, validVatNumber);
    }

    /// <summary>A stored invoice's rule again, from the inputs it kept.</summary>
    public static Rule Of(Invoice invoice) => For(invoice.VatCountry, invoice.VatNumber);
}
