using Portal.Domain.BusinessConnections;

namespace Portal.Tests.Domain.BusinessConnections;

/// <summary>Every rule of a unit's fields and of the certificate lookup's question (pure validators, no store).</summary>
public sealed class BusinessUnitValidationTests
{
    private static readonly CreateBusinessUnitValidator Validator = new();

    private static Dictionary<string, string[]> Errors(Action<CreateBusinessUnit> change)
    {
        var unit = BusinessConnectionsTestData.NewUnit(Guid.CreateVersion7());
        change(unit);
        return Validator.Validate(unit).Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray());
    }

    [Fact]
    public void TheExampleUnit_IsValid() => Assert.Empty(Errors(_ => { }));

    [Theory]
    [InlineData("11/111/1111", true)]
    [InlineData("11 111 1111", true)]
    [InlineData("111111111", true)]
    [InlineData("11-111-1111", true)]
    [InlineData("1/111/1111", false)]
    [InlineData("11/1111/111", false)]
    [InlineData("AB/123/4567", false)]
    [InlineData("11/111/11111", false)]
    public void HoldingNumber_InGb_IsCountyParishHolding(string holding, bool valid)
    {
        var errors = Errors(u => u.HoldingNumber = holding);
        Assert.Equal(valid, !errors.ContainsKey("HoldingNumber"));
        if (!valid) Assert.Contains("11/111/1111", errors["HoldingNumber"][0]);
    }

    [Fact]
    public void HoldingNumber_IsStoredInTheSlashedForm() =>
        Assert.Equal("11/111/1111", BusinessUnitFormats.NormaliseHolding(" 11 111 1111 ", "GB"));

    [Fact]
    public void HoldingNumber_OutsideGb_IsCheckedOnlySoftly()
    {
        Assert.Empty(Errors(u => { u.CountryCode = "FR"; u.Postcode = "75001"; u.HoldingNumber = "FR-12345"; }));
        Assert.True(Errors(u => { u.CountryCode = "FR"; u.Postcode = "75001"; u.HoldingNumber = "FR#12"; }).ContainsKey("HoldingNumber"));
    }

    [Fact]
    public void AnAssuredUnit_NeedsAHoldingNumber() =>
        Assert.Contains("holding number", Errors(u => u.HoldingNumber = null)["HoldingNumber"][0]);

    [Theory]
    [InlineData("///filled.count.soap", true)]
    [InlineData("filled.count.soap", true)]
    [InlineData("///Filled.Count.Soap", true)]
    [InlineData("///filled.count", false)]
    [InlineData("///filled.count.soap.extra", false)]
    [InlineData("///filled count soap", false)]
    [InlineData("///fill3d.count.soap", false)]
    public void What3Words_IsThreeWordsJoinedByDots(string address, bool valid) =>
        Assert.Equal(valid, !Errors(u => u.What3Words = address).ContainsKey("What3Words"));

    [Theory]
    [InlineData(90.0, 180.0, true)]
    [InlineData(-90.0, -180.0, true)]
    [InlineData(90.0001, 0.0, false)]
    [InlineData(0.0, 180.5, false)]
    [InlineData(-91.0, 0.0, false)]
    [InlineData(double.NaN, 0.0, false)]
    public void Coordinates_AreWithinTheirRanges(double latitude, double longitude, bool valid)
    {
        var errors = Errors(u => { u.Latitude = latitude; u.Longitude = longitude; });
        Assert.Equal(valid, !errors.ContainsKey("Latitude") && !errors.ContainsKey("Longitude"));
    }

    [Fact]
    public void Coordinates_ComeInPairs()
    {
        Assert.True(Errors(u => { u.Latitude = 51; u.Longitude = null; }).ContainsKey("Longitude"));
        Assert.True(Errors(u => { u.Latitude = null; u.Longitude = 0; }).ContainsKey("Latitude"));
    }

    [Theory]
    [InlineData("GB", true)]
    [InlineData("gb", false)]
    [InlineData("GBR", false)]
    [InlineData("XX", false)]
    public void UnitCountry_IsAnAlpha2Code(string country, bool valid) =>
        Assert.Equal(valid, !Errors(u => { u.CountryCode = country; u.HoldingNumber = "X1"; }).ContainsKey("CountryCode"));

    [Theory]
    [InlineData("GBR", true)]
    [InlineData("FRA", true)]
    [InlineData("GB", false)]
    [InlineData("gbr", false)]
    [InlineData("XXX", false)]
    public void LookupCountry_IsAnAlpha3Code(string country, bool valid) =>
        Assert.Equal(valid, new CertificateLookupQueryValidator().Validate(new CertificateLookupQuery { Country = country, Postcode = "PO18 9JP" }).IsValid);

    [Fact]
    public void Lookup_NeedsAPostcodeOrAHoldingNumber() =>
        Assert.False(new CertificateLookupQueryValidator().Validate(new CertificateLookupQuery()).IsValid);

    [Fact]
    public void Phone_IsCheckedForTheUnitsCountry()
    {
        Assert.Empty(Errors(u => u.Phone = "01243 555000"));
        Assert.True(Errors(u => u.Phone = "12345").ContainsKey("Phone"));
    }

    [Fact]
    public void Scheme_IsRedTractorOrNone() =>
        Assert.True(Errors(u => u.AssuranceScheme = "XYZ").ContainsKey("AssuranceScheme"));

    [Fact]
    public void NameKey_DropsCaseLegalWordsAndPunctuation()
    {
        Assert.Equal("up marden farms", DuplicateCheck.NameKey("The Up-Marden Farms Ltd."));
        Assert.True(DuplicateCheck.Similarity("upmarden farms", "up marden farms") >= 0.5);
        Assert.True(DuplicateCheck.Similarity("harvest grain", "up marden farms") < 0.2);
    }
}
