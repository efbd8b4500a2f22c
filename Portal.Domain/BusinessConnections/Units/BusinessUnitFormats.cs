using System.Text.RegularExpressions;

namespace Portal.Domain.BusinessConnections;

/// <summary>Holding numbers, what3words addresses and coordinates, read the same way by the form, the API and the import.</summary>
public static partial class BusinessUnitFormats
{
    /// <summary>UK County/Parish/Holding: <c>NN/NNN/NNNN</c> (the seed's <c>11/111/1111</c>).</summary>
    public const string UkHoldingExample = "11/111/1111";

    /// <summary>
    /// The holding number as stored: for GB the nine digits as <c>NN/NNN/NNNN</c> whatever separators were typed
    /// (<c>11 111 1111</c>, <c>11-111-1111</c>, <c>111111111</c>); elsewhere trimmed and upper-cased. Null for blank.
    /// </summary>
    public static string? NormaliseHolding(string? input, string countryCode)
    {
        if (string.IsNullOrWhiteSpace(input)) return null;
        var text = input.Trim().ToUpperInvariant();
        if (countryCode != "GB") return text;
        var digits = UkHoldingLoose().Match(text);
        return digits.Success ? $"{digits.Groups[1].Value}/{digits.Groups[2].Value}/{digits.Groups[3].Value}" : text;
    }

    /// <summary>Null when the holding number is acceptable for the country; else what is wrong.</summary>
    public static string? HoldingProblem(string? input, string countryCode)
    {
        if (string.IsNullOrWhiteSpace(input)) return null;
        var normalised = NormaliseHolding(input, countryCode)!;
        if (normalised.Length > BusinessUnit.HoldingNumberMaxLength)
            return $"A holding number must be {BusinessUnit.HoldingNumberMaxLength} characters or fewer.";
        if (countryCode == "GB")
            return UkHolding().IsMatch(normalised) ? null : $"A UK holding number is county/parish/holding, two, three and four digits: {UkHoldingExample}.";
        return OtherHolding().IsMatch(normalised) ? null : "A holding number has only letters, digits, spaces and / or -.";
    }

    /// <summary><c>///filled.count.soap</c>: three words of letters joined by dots; the slashes may be left off when typing.</summary>
    public static string? NormaliseWhat3Words(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return null;
        var text = input.Trim().ToLowerInvariant();
        return text.StartsWith("///", StringComparison.Ordinal) ? text : "///" + text.TrimStart('/');
    }

    public static bool IsWhat3Words(string? input) => input is null || What3Words().IsMatch(NormaliseWhat3Words(input) ?? "");

    public static bool IsLatitude(double? value) => value is null || (double.IsFinite(value.Value) && value is >= -90 and <= 90);

    public static bool IsLongitude(double? value) => value is null || (double.IsFinite(value.Value) && value is >= -180 and <= 180);

    [GeneratedRegex(@"^(\d{2})[/ .-]?(\d{3})[/ .-]?(\d{4})$")]
    private static partial Regex UkHoldingLoose();

    [GeneratedRegex(@"^\d{2}/\d{3}/\d{4}$")]
    private static partial Regex UkHolding();

    [GeneratedRegex(@"^[A-Z0-9][A-Z0-9 /-]*$")]
    private static partial Regex OtherHolding();

    [GeneratedRegex(@"^///\p{Ll}+\.\p{Ll}+\.\p{Ll}+$")]
    private static partial Regex What3Words();
}
