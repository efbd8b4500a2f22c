using System.Globalization;
using Portal.Domain.Common;

namespace Portal.Domain.Pricing;

/// <summary>A VAT rate for a country (and optionally a region of it, such as a US state), in percent.</summary>
public sealed record VatRate(string Country, string? Region, decimal Rate)
{
    public const int RegionMaxLength = 60;
}

/// <summary>
/// A price's VAT rates as one canonical text: <c>country[/region]:rate</c> joined by <c>;</c>, sorted, e.g.
/// <c>DE:19;NL:21;US/Florida:6</c>. One text per price (rather than a table of rates) because a price's rates are read
/// and compared whole (lookup, import preview) and never searched by country; sorted, so equal sets compare equal.
/// </summary>
public static class VatRates
{
    public const int TextMaxLength = 1000;
    public const decimal MaxRate = 100m;

    public static string Format(IEnumerable<VatRate> rates) => string.Join(";", rates
        .Select(r => r with { Country = r.Country.Trim().ToUpperInvariant(), Region = string.IsNullOrWhiteSpace(r.Region) ? null : r.Region.Trim() })
        .OrderBy(r => r.Country, StringComparer.Ordinal).ThenBy(r => r.Region ?? "", StringComparer.Ordinal)
        .Select(r => (r.Region is null ? r.Country : $"{r.Country}/{r.Region}") + ":" + r.Rate.ToString("0.###", CultureInfo.InvariantCulture)));

    public static IReadOnlyList<VatRate> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var rates = new List<VatRate>();
        foreach (var entry in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = entry.LastIndexOf(':');
            if (colon <= 0) throw new FormatException($"\"{entry}\" is not country[/region]:rate (e.g. NL:21 or US/Florida:6).");
            var place = entry[..colon].Trim();
            if (!decimal.TryParse(entry[(colon + 1)..].Trim().TrimEnd('%'), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var rate))
                throw new FormatException($"\"{entry[(colon + 1)..].Trim()}\" is not a rate in percent (e.g. 21 or 5.5).");
            var slash = place.IndexOf('/');
            rates.Add(slash < 0 ? new VatRate(place.ToUpperInvariant(), null, rate) : new VatRate(place[..slash].Trim().ToUpperInvariant(), place[(slash + 1)..].Trim(), rate));
        }
        return rates;
    }

    /// <summary>The problem with one rate, or null: a known country, a plain region, 0–100 %.</summary>
    public static string? ProblemOf(VatRate rate) =>
        !Countries.IsKnown(rate.Country?.Trim().ToUpperInvariant()) ? $"\"{rate.Country}\" is not an ISO 3166-1 alpha-2 country code."
        : rate.Region is { Length: > VatRate.RegionMaxLength } ? $"A region must be {VatRate.RegionMaxLength} characters or fewer."
        : rate.Region is not null && rate.Region.IndexOfAny([';', ':', '/']) >= 0 ? "A region cannot contain ; : or /."
        : rate.Rate is < 0 or > MaxRate ? $"A VAT rate is a percentage from 0 to 100, not {rate.Rate.ToString(CultureInfo.InvariantCulture)}."
        : decimal.Round(rate.Rate, 3) != rate.Rate ? "A VAT rate has at most three decimals."
        : null;

    /// <summary>The rate for a country and region: the region's own rate, else the country's national one, else none.</summary>
    public static VatRate? For(string vat, string country, string? region)
    {
        var rates = Parse(vat);
        var c = country.Trim().ToUpperInvariant();
        return (string.IsNullOrWhiteSpace(region) ? null : rates.FirstOrDefault(r => r.Country == c && string.Equals(r.Region, region.Trim(), StringComparison.OrdinalIgnoreCase)))
            ?? rates.FirstOrDefault(r => r.Country == c && r.Region is null);
    }
}
