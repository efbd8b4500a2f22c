using System.Text.RegularExpressions;

namespace Portal.Domain.Common;

/// <summary>Postcodes: upper-case with single spaces; the format checked for the countries where it is well known (<see cref="CountryAddressRules"/>).</summary>
public static partial class PostcodeFormat
{
    /// <summary>Trimmed, upper-case, single spaces; for GB and NL the space before the inward part is put in when missing.</summary>
    public static string Normalise(string? postcode, string? countryCode)
    {
        var text = Spaces().Replace((postcode ?? "").Trim().ToUpperInvariant(), " ");
        if (CountryAddressRules.For(countryCode) is { Pattern: { } pattern, SpaceBeforeLast: { } tail }
            && !text.Contains(' ') && text.Length > tail && pattern.IsMatch(text))
            text = text[..^tail] + " " + text[^tail..];
        return text;
    }

    /// <summary>Null when the postcode fits the country's format (or the country has none on file); else what is expected.</summary>
    public static string? Problem(string? postcode, string? countryCode)
    {
        if (CountryAddressRules.For(countryCode) is not { Pattern: { } pattern, Example: var example }) return null;
        return pattern.IsMatch(Normalise(postcode, countryCode))
            ? null
            : $"Enter a {countryCode} postcode, like {example}.";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
