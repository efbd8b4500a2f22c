using System.Text.RegularExpressions;

namespace Portal.Domain.Common;

/// <summary>Postcodes: upper-case with single spaces; the format checked for the countries where it is well known.</summary>
public static partial class PostcodeFormat
{
    private sealed record Format(Regex Pattern, string Example, int? SpaceBeforeLast);

    private static readonly Dictionary<string, Format> Formats = new(StringComparer.Ordinal)
    {
        ["GB"] = new(new(@"^(GIR ?0AA|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})$"), "SW1A 1AA", 3),
        ["NL"] = new(new(@"^[1-9]\d{3} ?[A-Z]{2}$"), "1012 AB", 2),
        ["DE"] = new(new(@"^\d{5}$"), "10115", null),
        ["FR"] = new(new(@"^\d{5}$"), "75001", null),
        ["US"] = new(new(@"^\d{5}(-\d{4})?$"), "94105", null),
    };

    /// <summary>Trimmed, upper-case, single spaces; for GB and NL the space before the inward part is put in when missing.</summary>
    public static string Normalise(string? postcode, string? countryCode)
    {
        var text = Spaces().Replace((postcode ?? "").Trim().ToUpperInvariant(), " ");
        if (countryCode is not null && Formats.TryGetValue(countryCode, out var format) && format.SpaceBeforeLast is { } tail
            && !text.Contains(' ') && text.Length > tail && format.Pattern.IsMatch(text))
            text = text[..^tail] + " " + text[^tail..];
        return text;
    }

    /// <summary>Null when the postcode fits the country's format (or the country has none on file); else what is expected.</summary>
    public static string? Problem(string? postcode, string? countryCode)
    {
        if (countryCode is null || !Formats.TryGetValue(countryCode, out var format)) return null;
        return format.Pattern.IsMatch(Normalise(postcode, countryCode))
            ? null
            : $"Enter a {countryCode} postcode, like {format.Example}.";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
