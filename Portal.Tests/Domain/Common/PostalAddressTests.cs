using FluentValidation;
using Portal.Domain.Common;

namespace Portal.Tests.Domain.Common;

/// <summary>The address rules every area shares, on an address type of the test's own (as a later area would bring).</summary>
public sealed class PostalAddressTests
{
    private sealed record Depot(string Line1, string? Line2, string City, string? Region, string Postcode, string CountryCode) : IPostalAddress;

    private sealed class DepotValidator : AbstractValidator<Depot>
    {
        public DepotValidator() => Include(new PostalAddressRules<Depot>());
    }

    private static Dictionary<string, string[]> Errors(Depot depot) =>
        new DepotValidator().Validate(depot).Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray());

    [Fact]
    public void A_complete_address_with_its_countrys_postcode_is_valid()
    {
        Assert.Empty(Errors(new Depot("Unit 4, Riverside Park", null, "Chichester", "West Sussex", "PO18 9JP", "GB")));
        Assert.Empty(Errors(new Depot("Keizersgracht 123", null, "Amsterdam", null, "1015 CJ", "NL")));
    }

    [Fact]
    public void Missing_lines_town_and_postcode_are_each_named()
    {
        var errors = Errors(new Depot(" ", null, "", null, "", "GB"));
        Assert.Equal(["Enter the first line of the address (building and street)."], errors["Line1"]);
        Assert.Equal(["Enter the town or city."], errors["City"]);
        Assert.Equal(["Enter the postcode."], errors["Postcode"]);
    }

    [Theory]
    [InlineData("AE", "Dubai")]     // the Emirates have no postcodes
    [InlineData("HK", "Kowloon")]
    [InlineData("IE", "Galway")]    // an Eircode is not on every Irish address
    public void An_address_in_a_country_without_postcodes_needs_none(string country, string city)
    {
        Assert.Empty(Errors(new Depot("Office 1204, Tower B", null, city, null, "", country)));
        Assert.False(CountryAddressRules.PostcodeRequired(country));
    }

    [Theory]
    [InlineData("GB")]
    [InlineData("ZA")] // not in the table: a postcode of no checked shape, still asked for
    public void A_country_with_postcodes_still_asks_for_one(string country)
    {
        Assert.Equal(["Enter the postcode."], Errors(new Depot("1 Orchard Lane", null, "Town", null, " ", country))["Postcode"]);
        Assert.True(CountryAddressRules.PostcodeRequired(country));
        Assert.Empty(Errors(new Depot("1 Orchard Lane", null, "Town", null, country == "GB" ? "LS1 4AP" : "8001", country)));
    }

    [Fact]
    public void A_postcode_of_another_countrys_shape_says_what_the_country_expects()
    {
        var errors = Errors(new Depot("1 Orchard Lane", null, "Chichester", null, "12345", "GB"));
        Assert.Equal(["Enter a GB postcode, like SW1A 1AA."], errors["Postcode"]);
    }

    [Fact]
    public void Lengths_follow_the_shared_column_sizes_and_the_country_must_be_known()
    {
        var errors = Errors(new Depot(new string('a', PostalAddress.LineMaxLength + 1), null, "Leeds", new string('r', PostalAddress.RegionMaxLength + 1), "LS1 4AP", "XX"));
        Assert.Contains("Line1", errors.Keys);
        Assert.Contains("Region", errors.Keys);
        Assert.Equal(["Choose a country (a two-letter ISO code such as GB, NL or US)."], errors["CountryCode"]);
    }
}
