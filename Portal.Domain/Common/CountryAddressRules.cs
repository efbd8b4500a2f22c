using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Portal.Domain.Common;

/// <summary>
/// The one table of what a country's addresses need: whether a postcode is asked for and, where its shape is well
/// known, that shape (with an example for the message and where the space goes). A country not in the table has
/// postcodes of no checked shape.
/// </summary>
public static class CountryAddressRules
{
    public sealed record Rule(bool PostcodeRequired, Regex? Pattern = null, string? Example = null, int? SpaceBeforeLast = null);

    private static readonly Rule WithPostcodes = new(PostcodeRequired: true);
    private static readonly Rule WithoutPostcodes = new(PostcodeRequired: false);

    // Countries whose addresses have no postcode (the Universal Postal Union's list as Google's address data keeps it),
    // and Ireland, whose Eircode many addresses still go without.
    private static readonly string[] NoPostcode =
    [
        "AE", "AG", "AO", "AW", "BF", "BI", "BJ", "BO", "BS", "BW", "BZ", "CD", "CF", "CG", "CI", "CK", "CM", "DJ", "DM", "ER",
        "FJ", "GA", "GD", "GH", "GM", "GQ", "GY", "HK", "IE", "KI", "KM", "KN", "KP", "LY", "ML", "MO", "MR", "MW", "NR", "NU",
        "QA", "RW", "SB", "SC", "SL", "SR", "ST", "SY", "TF", "TG", "TK", "TL", "TO", "TT", "TV", "UG", "VU", "YE", "ZW",
    ];

    private static readonly FrozenDictionary<string, Rule> Rules = new Dictionary<string, Rule>(StringComparer.Ordinal)
    {
        ["GB"] = new(true, new(@"^(GIR ?0AA|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})$"), "SW1A 1AA", 3),
        ["NL"] = new(true, new(@"^[1-9]\d{3} ?[A-Z]{2}$"), "1012 AB", 2),
        ["DE"] = new(true, new(@"^\d{5}$"), "10115"),
        ["FR"] = new(true, new(@"^\d{5}$"), "75001"),
        ["US"] = new(true, new(@"^\d{5}(-\d{4})?$"), "94105"),
    }.Concat(NoPostcode.Select(c => KeyValuePair.Create(c, WithoutPostcodes))).ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The rule for an ISO 3166-1 alpha-2 code (upper case); an unknown or missing one asks for a postcode of no checked shape.</summary>
    public static Rule For(string? countryCode) =>
        countryCode is not null && Rules.TryGetValue(countryCode, out var rule) ? rule : WithPostcodes;

    /// <summary>Whether an address in the country must have a postcode (for the forms' required marks).</summary>
    public static bool PostcodeRequired(string? countryCode) => For(countryCode).PostcodeRequired;
}
