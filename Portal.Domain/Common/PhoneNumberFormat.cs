using System.Text.RegularExpressions;
using PhoneNumbers;
using Lib = PhoneNumbers;

namespace Portal.Domain.Common;

/// <summary>
/// Phone numbers as people type them, stored as E.164 (<c>+442079460958</c>), checked by libphonenumber (Google's
/// numbering-plan data: which numbers each country actually assigns) rather than by length alone. Without a country a
/// number must be written internationally (+44 …); with one, the national form is read too ("020 7946 0958" in GB).
/// </summary>
public static partial class PhoneNumberFormat
{
    public const string E164Pattern = @"^\+[1-9]\d{6,14}$";
    public const string InternationalForm = "Enter the number in international form: + and the country code, then the number, e.g. +44 20 7946 0958.";

    private const string NoSuchCountryCode = "No country has that calling code. " + InternationalForm;

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>
    /// E.164 when the number is valid; otherwise the text without what people put between digits (spaces, dashes,
    /// dots, brackets, the "(0)" some write after the country code), for the message to refer to.
    /// </summary>
    public static string Normalise(string? input, string? countryCode = null) =>
        TryParse(input, countryCode, out var number, out _) ? Util.Format(number, Lib.PhoneNumberFormat.E164) : Stripped(input);

    public static bool IsValid(string? input) => Problem(input) is null;

    /// <summary>Null when <paramref name="input"/> is a number in use in its country; else what is wrong, in words.</summary>
    public static string? Problem(string? input, string? countryCode = null) =>
        TryParse(input, countryCode, out _, out var problem) ? null : problem;

    /// <summary>For people: "+44 20 7946 0958" (or the stored text when it is not a number the library reads).</summary>
    public static string International(string e164) =>
        TryParse(e164, null, out var number, out _) ? Util.Format(number, Lib.PhoneNumberFormat.INTERNATIONAL) : e164;

    /// <summary>As dialled within its country: "020 7946 0958".</summary>
    public static string National(string e164) =>
        TryParse(e164, null, out var number, out _) ? Util.Format(number, Lib.PhoneNumberFormat.NATIONAL) : e164;

    private static bool TryParse(string? input, string? countryCode, out PhoneNumber number, out string? problem)
    {
        number = null!;
        var text = Stripped(input);
        if (text.Length == 0) { problem = "Enter the phone number."; return false; }
        // Only digits after an optional +: libphonenumber would read letters as a keypad's (1-800-FLOWERS).
        if (!DigitsOnly().IsMatch(text)) { problem = "A phone number has only digits, spaces and + ( ) - . in it."; return false; }
        if (!text.StartsWith('+') && countryCode is null) { problem = InternationalForm; return false; }
        try
        {
            number = Util.Parse(text, countryCode);
        }
        catch (NumberParseException ex)
        {
            problem = ex.ErrorType == ErrorType.INVALID_COUNTRY_CODE ? NoSuchCountryCode : InternationalForm;
            return false;
        }
        problem = Util.IsPossibleNumberWithReason(number) switch
        {
            PhoneNumberUtil.ValidationResult.INVALID_COUNTRY_CODE => NoSuchCountryCode,
            PhoneNumberUtil.ValidationResult.TOO_SHORT => $"That is too short for {Where(number)} number.",
            PhoneNumberUtil.ValidationResult.TOO_LONG => $"That is too long for {Where(number)} number.",
            PhoneNumberUtil.ValidationResult.INVALID_LENGTH => $"That is not the length of {Where(number)} number.",
            _ when !Util.IsValidNumber(number) => $"That is not {Where(number)} number in use: check the digits.",
            _ => null,
        };
        return problem is null;
    }

    /// <summary>"a United Kingdom (+44)", or "a +44" where the calling code is shared and the digits name no country.</summary>
    private static string Where(PhoneNumber number)
    {
        var country = Util.GetRegionCodeForNumber(number) ?? Util.GetRegionCodeForCountryCode(number.CountryCode);
        return country is null or "ZZ" or "001" ? $"a +{number.CountryCode}" : $"a {Countries.NameOf(country)} (+{number.CountryCode})";
    }

    private static string Stripped(string? input) =>
        Separators().Replace((input ?? "").Trim().Replace("(0)", "", StringComparison.Ordinal), "");

    [GeneratedRegex(@"[\s\-.()\[\]]")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^\+?\d+$")]
    private static partial Regex DigitsOnly();
}
