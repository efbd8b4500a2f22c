using System.Text.RegularExpressions;

namespace Portal.Domain.Common;

/// <summary>
/// VAT numbers: normalised to the country prefix and the number (<c>GB123456789</c>) and checked against the format of
/// the EU member states, the UK (GB, and XI for Northern Ireland), Switzerland and Norway. Other countries get a generic
/// check. A format check is not a verification: whether the number is registered is recorded by staff.
/// </summary>
public static partial class VatNumberFormat
{
    /// <summary>Not an ISO 3166 code, but the VAT prefix HMRC and the EU use for Northern Ireland.</summary>
    public const string NorthernIreland = "XI";

    public sealed record Format(string Prefix, Regex Body, string Example);

    private static Format F(string prefix, string body, string example) => new(prefix, new Regex($"^(?:{body})$"), example);

    /// <summary>By country code; the body is what follows the prefix.</summary>
    public static readonly IReadOnlyDictionary<string, Format> Formats = new Dictionary<string, Format>(StringComparer.Ordinal)
    {
        ["AT"] = F("AT", @"U\d{8}", "ATU12345678"),
        ["BE"] = F("BE", @"[01]\d{9}", "BE0123456789"),
        ["BG"] = F("BG", @"\d{9,10}", "BG123456789"),
        ["CY"] = F("CY", @"\d{8}[A-Z]", "CY12345678X"),
        ["CZ"] = F("CZ", @"\d{8,10}", "CZ12345678"),
        ["DE"] = F("DE", @"\d{9}", "DE123456789"),
        ["DK"] = F("DK", @"\d{8}", "DK12345678"),
        ["EE"] = F("EE", @"\d{9}", "EE123456789"),
        ["GR"] = F("EL", @"\d{9}", "EL123456789"),
        ["ES"] = F("ES", @"[A-Z0-9]\d{7}[A-Z0-9]", "ESX1234567X"),
        ["FI"] = F("FI", @"\d{8}", "FI12345678"),
        ["FR"] = F("FR", @"[A-HJ-NP-Z0-9]{2}\d{9}", "FR12345678901"),
        ["HR"] = F("HR", @"\d{11}", "HR12345678901"),
        ["HU"] = F("HU", @"\d{8}", "HU12345678"),
        ["IE"] = F("IE", @"\d{7}[A-W][A-IW]?|\d[A-Z+*]\d{5}[A-W]", "IE1234567WA"),
        ["IT"] = F("IT", @"\d{11}", "IT12345678901"),
        ["LT"] = F("LT", @"\d{9}|\d{12}", "LT123456789"),
        ["LU"] = F("LU", @"\d{8}", "LU12345678"),
        ["LV"] = F("LV", @"\d{11}", "LV12345678901"),
        ["MT"] = F("MT", @"\d{8}", "MT12345678"),
        ["NL"] = F("NL", @"\d{9}B\d{2}", "NL123456789B01"),
        ["PL"] = F("PL", @"\d{10}", "PL1234567890"),
        ["PT"] = F("PT", @"\d{9}", "PT123456789"),
        ["RO"] = F("RO", @"[1-9]\d{1,9}", "RO1234567890"),
        ["SE"] = F("SE", @"\d{10}01", "SE123456789001"),
        ["SI"] = F("SI", @"[1-9]\d{7}", "SI12345678"),
        ["SK"] = F("SK", @"[1-9]\d{9}", "SK1234567890"),
        ["GB"] = F("GB", @"\d{9}|\d{12}|GD[0-4]\d{2}|HA[5-9]\d{2}", "GB123456789"),
        [NorthernIreland] = F("XI", @"\d{9}|\d{12}|GD[0-4]\d{2}|HA[5-9]\d{2}", "XI123456789"),
        ["CH"] = F("CHE", @"\d{9}(?:MWST|TVA|IVA)?", "CHE123456789MWST"),
        ["NO"] = F("NO", @"\d{9}(?:MVA)?", "NO123456789MVA"),
    };

    /// <summary>Any other country: the prefix, then 2 to 14 letters or digits.</summary>
    private static readonly Regex GenericBody = new(@"^[A-Z0-9]{2,14}$");

    /// <summary>Countries a VAT number can be registered in: every ISO country, and XI.</summary>
    public static bool IsKnownCountry(string? code) => code == NorthernIreland || Countries.IsKnown(code);

    public static string Prefix(string countryCode) => Formats.TryGetValue(countryCode, out var f) ? f.Prefix : countryCode;

    public static string CountryName(string countryCode) =>
        countryCode == NorthernIreland ? "Northern Ireland" : Countries.NameOf(countryCode);

    /// <summary>
    /// Upper-case, without spaces, dots, dashes or slashes, and with the country's prefix in front whether or not it
    /// was typed: "GB 123 4567 89" and "123456789" in GB are both "GB123456789". For Greece "GR…" is read as "EL…".
    /// </summary>
    public static string Normalise(string countryCode, string? number)
    {
        var text = Separators().Replace((number ?? "").ToUpperInvariant(), "");
        var prefix = Prefix(countryCode);
        if (text.StartsWith(prefix, StringComparison.Ordinal)) return text;
        if (countryCode == "GR" && text.StartsWith("GR", StringComparison.Ordinal)) return prefix + text[2..];
        if (countryCode == "CH" && text.StartsWith("CH", StringComparison.Ordinal)) return prefix + text[2..];
        return prefix + text;
    }

    /// <summary>Null when the number fits the country's format; else what is expected.</summary>
    public static string? Problem(string? countryCode, string? number)
    {
        if (!IsKnownCountry(countryCode) || string.IsNullOrWhiteSpace(number)) return null; // the country and "required" rules say so
        var normalised = Normalise(countryCode!, number);
        var prefix = Prefix(countryCode!);
        var body = normalised[prefix.Length..];
        if (Formats.TryGetValue(countryCode!, out var format))
            return format.Body.IsMatch(body) ? null : $"That is not a {CountryName(countryCode!)} VAT number: expected the form {format.Example}.";
        return GenericBody.IsMatch(body) ? null : $"A VAT number has 2 to 14 letters or digits after the country prefix {prefix}.";
    }

    [GeneratedRegex(@"[\s.\-/]")]
    private static partial Regex Separators();
}
