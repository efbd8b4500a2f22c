using System.Globalization;
using Portal.Domain.Common;

namespace Portal.Tests.Domain.Common;

/// <summary>Countries and phone numbers as every area uses them (phone numbers through libphonenumber).</summary>
public sealed class ContactFormatTests
{
    [Theory]
    [InlineData("GB", "GBR")]
    [InlineData("NL", "NLD")]
    [InlineData("US", "USA")]
    [InlineData("KM", "COM")]
    public void ACountry_HasItsAlpha3Code_AndBack(string alpha2, string alpha3)
    {
        Assert.Equal(alpha3, Countries.Alpha3Of(alpha2));
        Assert.Equal(alpha2, Countries.FromAlpha3(alpha3));
    }

    [Fact]
    public void UnknownCodes_AreNotCountries()
    {
        Assert.False(Countries.IsKnown("UK"));
        Assert.False(Countries.IsKnown("gb"));
        Assert.Null(Countries.FromAlpha3("UKK"));
        Assert.Throws<ArgumentException>(() => Countries.Alpha3Of("UK"));
        Assert.Equal(249, Countries.Codes.Count);
    }

    [Fact]
    public void TheAlpha3Table_AgreesWithTheMachinesRegionData()
    {
        var checkedAny = false;
        foreach (var code in Countries.Codes)
        {
            RegionInfo region;
            try { region = new RegionInfo(code); }
            catch (ArgumentException) { continue; } // ICU does not know every territory (BV, HM…)
            if (region.ThreeLetterISORegionName.Length != 3) continue;
            Assert.Equal((code, region.ThreeLetterISORegionName), (code, Countries.Alpha3Of(code)));
            checkedAny = true;
        }
        Assert.True(checkedAny);
    }

    [Theory]
    [InlineData("+44 20 7946 0958", null, "+442079460958")]
    [InlineData("+44 (0)20 7946-0958", null, "+442079460958")]
    [InlineData("020 7946 0958", "GB", "+442079460958")]   // national form, with the country
    [InlineData("0161 496 0123", "GB", "+441614960123")]
    [InlineData("+353 1 234 5678", null, "+35312345678")]     // the demo data's countries
    [InlineData("+33 1 23 45 67 89", null, "+33123456789")]
    [InlineData("+49 30 12345678", null, "+493012345678")]
    [InlineData("+1 212 555 0123", null, "+12125550123")]
    [InlineData("+27 21 123 4567", null, "+27211234567")]
    [InlineData("+31 20 123 4567", null, "+31201234567")]
    [InlineData("020 123 4567", "NL", "+31201234567")]
    [InlineData("(415) 555-0100", "US", "+14155550100")]
    [InlineData("+1 415 555 0100", "NL", "+14155550100")]  // an international number wins over the country
    public void ValidNumbers_AreStoredInE164(string typed, string? country, string e164)
    {
        Assert.Null(PhoneNumberFormat.Problem(typed, country));
        Assert.Equal(e164, PhoneNumberFormat.Normalise(typed, country));
    }

    [Theory]
    [InlineData("020 7946 0958", null, "international form")]       // no country code and no country
    [InlineData("+0 20 7946 0958", null, "No country has that calling code")]
    [InlineData("+44 20 79AB 0958", null, "only digits")]             // not read as a keypad's letters
    [InlineData("+44 207", null, "too short for a United Kingdom (+44) number")]
    [InlineData("+44 7700 900123", null, "not a United Kingdom (+44) number in use")] // Ofcom's drama range: the library knows it is unassigned
    [InlineData("+44 20 7946 0958 1234", null, "United Kingdom (+44)")]
    [InlineData("+1 055 555 0100", null, "+1")]                       // no US area code starts with 0
    [InlineData("12", "NL", "Netherlands")]
    public void InvalidNumbers_SayWhatIsWrong(string typed, string? country, string message)
    {
        var problem = PhoneNumberFormat.Problem(typed, country);
        Assert.NotNull(problem);
        Assert.Contains(message, problem);
        Assert.False(PhoneNumberFormat.IsValid(typed) && country is null);
    }

    [Fact]
    public void StoredNumbers_AreShownInTheirCountrysGrouping()
    {
        Assert.Equal("+44 20 7946 0958", PhoneNumberFormat.International("+442079460958"));
        Assert.Equal("020 7946 0958", PhoneNumberFormat.National("+442079460958"));
        Assert.Equal("+31 20 123 4567", PhoneNumberFormat.International("+31201234567"));
    }
}
