using CsCheck;
using Lib = PhoneNumbers;
using Portal.Domain.Common;

namespace Portal.Tests.Domain.Common;

/// <summary>
/// Postcodes, VAT numbers and phone numbers as people type them: for any spacing, case and separators, the stored form
/// is the same, it is stable (normalising it again changes nothing), and it is accepted (beside <see cref="ContactFormatTests"/>).
/// </summary>
public sealed class ContactFormatProperties
{
    private static readonly Gen<string> Letter = Gen.Char['A', 'Z'].Select(c => c.ToString());
    private static readonly Gen<string> Digit = Gen.Char['0', '9'].Select(c => c.ToString());
    private static readonly Gen<string> AnyCountry = Gen.OneOf<string>("GB", "NL", "DE", "FR", "US", "BE", "IE", "CH", "GR", "NO", "JP", "XI");
    /// <summary>Printable text with the characters people put in codes: letters, digits, spaces, tabs, dashes, dots, slashes.</summary>
    private static readonly Gen<string> Typed = Gen.Char["ABCabc019 \t-./XYZxyz"].Array[0, 16].Select(c => new string(c));

    /// <summary>How a person may type <paramref name="canonical"/>: any case, the spaces left out or doubled, blanks around it.</summary>
    private static Gen<string> TypedAs(string canonical) =>
        Gen.Select(Gen.Bool, Gen.Int[0, 2], Gen.OneOf<string>("", " ", "  ", "\t"), (lower, spaces, around) =>
        {
            var text = lower ? canonical.ToLowerInvariant() : canonical;
            text = spaces switch { 0 => text.Replace(" ", ""), 1 => text, _ => text.Replace(" ", "   ") };
            return around + text + around;
        });

    // ---- postcodes ----

    private static readonly Gen<string> GbPostcode = Gen.Select(
        Gen.OneOf(
            Gen.Select(Letter, Digit, (a, b) => a + b),
            Gen.Select(Letter, Digit, Digit, (a, b, c) => a + b + c),
            Gen.Select(Letter, Letter, Digit, (a, b, c) => a + b + c),
            Gen.Select(Letter, Letter, Digit, Digit, (a, b, c, d) => a + b + c + d),
            Gen.Select(Letter, Digit, Letter, (a, b, c) => a + b + c),
            Gen.Select(Letter, Letter, Digit, Letter, (a, b, c, d) => a + b + c + d)),
        Digit, Letter, Letter, (outward, d, x, y) => $"{outward} {d}{x}{y}");

    private static readonly Gen<(string Country, string Postcode)> ValidPostcode = Gen.OneOf(
        GbPostcode.Select(p => ("GB", p)),
        Gen.Select(Gen.Int[1000, 9999], Letter, Letter, (n, a, b) => ("NL", $"{n} {a}{b}")),
        Gen.Int[0, 99_999].Select(n => ("DE", n.ToString("00000", System.Globalization.CultureInfo.InvariantCulture))),
        Gen.Int[0, 99_999].Select(n => ("FR", n.ToString("00000", System.Globalization.CultureInfo.InvariantCulture))));

    [Fact]
    public void APostcode_TypedAnyWay_IsStoredInItsOneForm_AndAccepted() =>
        ValidPostcode.SelectMany(v => TypedAs(v.Postcode).Select(typed => (v.Country, v.Postcode, typed))).Sample(t =>
        {
            Assert.Equal(t.Postcode, PostcodeFormat.Normalise(t.typed, t.Country));
            Assert.Null(PostcodeFormat.Problem(t.typed, t.Country));
        });

    [Fact]
    public void NormalisingAPostcode_IsStable_AndDoesNotChangeTheVerdict() =>
        Gen.OneOf(
            Gen.Select(Typed, AnyCountry),
            ValidPostcode.SelectMany(v => TypedAs(v.Postcode).Select(typed => (typed, v.Country)))).Sample((text, country) =>
        {
            var once = PostcodeFormat.Normalise(text, country);
            Assert.Equal(once, PostcodeFormat.Normalise(once, country));
            Assert.Equal(PostcodeFormat.Problem(text, country), PostcodeFormat.Problem(once, country));
        });

    // ---- VAT numbers ----

    private static readonly string[] VatCountries = [.. VatNumberFormat.Formats.Keys.Order(StringComparer.Ordinal)];
    private static readonly Gen<string> Separator = Gen.OneOf<string>("", " ", ".", "-", "/", " - ");

    /// <summary>The country's example with separators put in, in any case, with or without its prefix.</summary>
    private static readonly Gen<(string Country, string Example, string Typed)> TypedVatExample =
        Gen.Select(Gen.Int[0, VatCountries.Length - 1], Gen.Bool, Gen.Bool, Separator.Array[24], (i, withPrefix, lower, separators) =>
        {
            var country = VatCountries[i];
            var format = VatNumberFormat.Formats[country];
            var text = withPrefix ? format.Example : format.Example[format.Prefix.Length..];
            var typed = string.Concat(text.Select((c, n) => c + separators[n % separators.Length]));
            return (country, format.Example, lower ? typed.ToLowerInvariant() : typed);
        });

    [Fact]
    public void AVatNumber_TypedAnyWay_IsStoredPrefixedWithoutSeparators_AndAccepted() =>
        TypedVatExample.Sample(t =>
        {
            Assert.Equal(t.Example, VatNumberFormat.Normalise(t.Country, t.Typed));
            Assert.Null(VatNumberFormat.Problem(t.Country, t.Typed));
        });

    [Fact]
    public void NormalisingAVatNumber_IsStable_AndSeparatorsNeverChangeTheVerdict() =>
        Gen.Select(Typed, AnyCountry, Separator).Sample((text, country, separator) =>
        {
            var once = VatNumberFormat.Normalise(country, text);
            Assert.Equal(once, VatNumberFormat.Normalise(country, once));
            var spaced = string.Join(separator, text.ToCharArray());
            Assert.Equal(VatNumberFormat.Normalise(country, text), VatNumberFormat.Normalise(country, spaced));
            // Blank text is the "required" rule's to refuse; separators put between its blanks make it non-blank.
            if (!string.IsNullOrWhiteSpace(text))
                Assert.Equal(VatNumberFormat.Problem(country, text), VatNumberFormat.Problem(country, spaced));
        });

    // ---- phone numbers ----

    private static readonly Lib.PhoneNumberUtil Phones = Lib.PhoneNumberUtil.GetInstance();
    private static readonly string[] PhoneRegions = ["GB", "NL", "DE", "FR", "US", "IE", "BE", "AU", "JP", "IN", "BR", "ZA"];

    /// <summary>Numbers in use: a region's example mobile or fixed-line number with its last digits changed, kept when still valid.</summary>
    private static readonly Gen<(string Region, string E164)> ValidPhone =
        Gen.Select(Gen.Int[0, PhoneRegions.Length - 1], Gen.Bool, Gen.Int[0, 9999], (i, mobile, tail) =>
        {
            var region = PhoneRegions[i];
            var example = Phones.GetExampleNumberForType(region, mobile ? Lib.PhoneNumberType.MOBILE : Lib.PhoneNumberType.FIXED_LINE);
            var national = example.NationalNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var changed = national[..^4] + tail.ToString("0000", System.Globalization.CultureInfo.InvariantCulture);
            var number = Phones.Parse("+" + example.CountryCode + changed, null);
            return (region, Valid: Phones.IsValidNumber(number), E164: Phones.Format(number, Lib.PhoneNumberFormat.E164));
        }).Where(p => p.Valid).Select(p => (p.region, p.E164));

    [Fact]
    public void APhoneNumber_ShownInternationallyOrNationally_ReadsBackAsTheSameStoredNumber() =>
        ValidPhone.Sample(p =>
        {
            Assert.Null(PhoneNumberFormat.Problem(p.E164));
            Assert.Equal(p.E164, PhoneNumberFormat.Normalise(p.E164));
            Assert.Equal(p.E164, PhoneNumberFormat.Normalise(PhoneNumberFormat.International(p.E164)));
            Assert.Equal(p.E164, PhoneNumberFormat.Normalise(PhoneNumberFormat.National(p.E164), p.Region));
        });

    [Fact]
    public void APhoneNumber_WithSeparatorsBetweenItsDigits_IsTheSameNumber() =>
        Gen.Select(ValidPhone, Gen.OneOf<string>("", " ", "-", ".", " ").Array[16]).Sample((p, separators) =>
        {
            var digits = p.E164[1..];
            var typed = "+" + string.Concat(digits.Select((c, n) => c + separators[n % separators.Length]));
            Assert.Equal(p.E164, PhoneNumberFormat.Normalise(typed));
            Assert.Null(PhoneNumberFormat.Problem(typed));
        });
}
